/**
 * `kindred demo`: the main job on built-in example data. A seeded generator makes a SYNTHETIC
 * population (allele frequencies) and simulated families and remains (a DVI incident); Kindred
 * then indexes the families, ranks every remains against every missing person, runs the joint
 * DVI on a small incident and computes one kinship case. With `--frequencies FILE` the
 * simulation uses a real frequency table (long CSV) instead of the synthetic population.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { computeDVI } from '../dvi/dvi.js';
import { KindredError } from '../errors.js';
import { toLocus } from '../frequencies/frequency-database.js';
import type { Locus } from '../frequencies/locus.js';
import { parseDVICase } from '../io/dvi-file.js';
import { fixedNoNegativeZero } from '../io/dvi-table.js';
import { parseFrequencyCsv } from '../io/frequency-file.js';
import { resolveMarkerName } from '../profile/markers.js';
import { SearchIndex } from '../search/index/search-index.js';
import { categorize, resolveThresholds } from '../search/rank/categories.js';
import { rankAll } from '../search/rank/rank-all.js';
import { simulateIncident } from '../sim/simulate-incident.js';
import { syntheticLoci } from '../sim/synthetic-loci.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './cli-io.js';

/** Usage text of `kindred demo`. */
export const DEMO_USAGE = `Usage: kindred demo [--seed N] [--families N] [--unrelated N] [--loci N]
                    [--frequencies FILE] [--out FILE]

Simulate a DVI incident from a seeded SYNTHETIC population (or from the real table given with
--frequencies, a long CSV marker,allele,frequency[,n]), then index the families, rank every
remains and run a joint DVI. --out FILE saves the simulated kindred-dvi/1 document.`;

function intOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new KindredError(
      'USAGE',
      `kindred demo: --${name} must be a whole number >= ${min}, not "${value}"`,
    );
  }
  return n;
}

function lociFromTable(text: string, file: string, count: number): Locus[] {
  const { table } = parseFrequencyCsv(text, { file, population: file });
  const names = [...table.markers.keys()].filter(
    (m) => resolveMarkerName(m)?.chromosome !== 'X' && resolveMarkerName(m)?.kind !== 'sex',
  );
  return names.slice(0, count).map((m) => toLocus(table, m, { chromosome: 'autosomal' }));
}

/** Run `kindred demo`. */
export async function runDemoCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('kindred demo', argv, {
    seed: { type: 'string' },
    families: { type: 'string' },
    unrelated: { type: 'string' },
    loci: { type: 'string' },
    frequencies: { type: 'string' },
    out: { type: 'string' },
  });
  if (positionals.length > 0) {
    throw new KindredError(
      'USAGE',
      `kindred demo takes no FILE, got "${positionals[0]}" (see kindred demo --help)`,
    );
  }
  const seed = intOption(values.seed, 'seed', 2026, 0);
  const nFamilies = intOption(values.families, 'families', 200, 1);
  const nUnrelated = intOption(values.unrelated, 'unrelated', 50, 0);
  const nLoci = intOption(values.loci, 'loci', 23, 1);
  const loci =
    values.frequencies === undefined
      ? syntheticLoci(seed, { count: nLoci })
      : lociFromTable(io.readFile(values.frequencies), values.frequencies, nLoci);
  const source =
    values.frequencies === undefined
      ? `a SYNTHETIC population (${loci.length} made-up loci SYN01…, seed ${seed})`
      : `the frequency table ${values.frequencies} (${loci.length} loci)`;
  const out: string[] = [];
  const say = (line = ''): void => {
    out.push(line);
  };
  say('Kindred demo — all people and profiles below are SIMULATED, not real.');
  say(`Population: ${source}.`);

  // 1. A missing-persons search: every remains against every family.
  const identifiable = Math.min(nFamilies, Math.max(1, Math.round(nFamilies * 0.6)));
  const incident = simulateIncident({
    seed,
    loci,
    families: nFamilies,
    identifiable,
    unrelated: nUnrelated,
    id: `demo-${seed}`,
  });
  if (values.out !== undefined) {
    writeFileSync(values.out, `${JSON.stringify(incident.document, null, 2)}\n`);
    say(
      `Saved the simulated incident to ${values.out} (try: npm run -s kindred -- search ${values.out}).`,
    );
  }
  const dvi = parseDVICase(incident.document, { file: 'demo' });
  const t0 = performance.now();
  const index = SearchIndex.fromDVICase(dvi);
  const t1 = performance.now();
  const ranking = rankAll(index, { top: 3 });
  const t2 = performance.now();
  say();
  say(
    `1. Search: ${nFamilies} families (1–4 typed relatives each) × ${identifiable + nUnrelated} remains ` +
      `(${identifiable} are missing persons, ${nUnrelated} unrelated).`,
  );
  say(
    `   Index built in ${(t1 - t0).toFixed(0)} ms (${(index.memoryBytes() / nFamilies / 1024).toFixed(1)} KB per family); ranking in ${(t2 - t1).toFixed(0)} ms.`,
  );
  const thresholds = resolveThresholds();
  let firstRight = 0;
  let matchesRight = 0;
  let falseMatches = 0;
  const shown: string[] = [];
  for (const [remains, hits] of ranking.byRemains) {
    const truth = incident.truth.get(remains) ?? null;
    const best = hits[0];
    const right = best !== undefined && truth !== null && best.missing === truth.missing;
    if (right) firstRight++;
    for (const h of hits) {
      if (categorize(h.log10LR, thresholds) !== 'match') continue;
      if (truth !== null && h.missing === truth.missing) matchesRight++;
      else falseMatches++;
    }
    if (shown.length < 8 && best !== undefined) {
      const lr = best.log10LR === null ? '-inf' : fixedNoNegativeZero(best.log10LR, 2);
      shown.push(
        `   ${remains.padEnd(6)} best: ${best.missing.padEnd(10)} log10 LR ${lr.padStart(7)}  ${categorize(best.log10LR, thresholds).padEnd(11)} truth: ${truth === null ? 'unrelated' : truth.missing}`,
      );
    }
  }
  for (const line of shown) say(line);
  say(
    `   True missing person ranked first for ${firstRight} of ${identifiable} identifiable remains; ` +
      `${matchesRight} true and ${falseMatches} false pairs above the match threshold (LR ${thresholds.match}).`,
  );
  say(`   Undisputed identifications: ${ranking.undisputed.length}.`);

  // 2. A joint DVI on a small incident.
  const small = simulateIncident({
    seed: seed + 1,
    loci,
    families: 5,
    identifiable: 4,
    unrelated: 2,
  });
  const smallCase = parseDVICase(small.document, { file: 'demo-joint' });
  const joint = computeDVI(smallCase, { top: 3 });
  say();
  say('2. Joint DVI: 6 remains, 5 families; the three best joint assignments:');
  for (const a of joint.joint) {
    const pairs = [...a.assignment].filter(([, m]) => m !== null).map(([v, m]) => `${v}=${m}`);
    say(
      `   log10 LR ${fixedNoNegativeZero(a.log10LR, 2).padStart(7)}  ${pairs.join(' ') || '(nobody identified)'}`,
    );
  }
  const truthPairs = [...small.truth]
    .filter(([, t]) => t !== null)
    .map(([v, t]) => `${v}=${t!.missing}`);
  say(`   Truth: ${truthPairs.join(' ')}`);
  say();
  say(
    'Next: npm run -s kindred -- lr examples/case.json, or dvi / search examples/incident.json (see README.md).',
  );
  io.stdout(`${out.join('\n')}\n`);
  return 0;
}
