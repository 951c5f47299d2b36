/**
 * `kindred power FILE | --db DB [--threshold LR] [--sims N] [--seed S] [--candidates id,id]
 * [--costs id=c,…] [--pairs] [--min-power P] [--format table|json|svg|html]`: is each family's
 * reference set enough to identify its missing person, and whom to type next — exact exclusion
 * power and expected LR, simulated inclusion power, planned reference sets ranked, and the weak
 * families of the programme.
 *
 * @module
 */
import { isKindredError, KindredError } from '../errors.js';
import { parseDVICase } from '../io/dvi-file.js';
import { formatPowerAnswerJSON } from '../io/power-answer.js';
import type { FamilyMissingPower } from '../power/family-power.js';
import { formatMPPSvg } from '../power/mpp-svg.js';
import { computeProgrammePower, type ProgrammePower } from '../power/programme-power.js';
import { caseProvenance } from '../provenance/case-provenance.js';
import { renderPowerReport } from '../report/power-report.js';
import type { DVICase } from '../search/types.js';
import { exportDVIDocument } from '../store/store-export.js';
import { createSearchPool } from '../workers/search-pool.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './cli-io.js';
import { parseThreadsOption } from './cli-threads.js';
import { formatTable } from './db-args.js';
import { loadSqliteStore } from './db-command.js';
import { createProgressBar, progressMode, trackProgress } from './progress-bar.js';

/** Usage text of `kindred power`. */
export const POWER_USAGE = `Usage: kindred power FILE [options]
       kindred power --db DB [--population P] [options]

For every missing person of a kindred-dvi/1 file (FILE "-" reads standard input; its victims
and elimination set are not used, victims may be empty) or of a kindred db store: the exclusion power of an unrelated person (exact, with the
loci's mutation models and with mutation off where the references allow it), the expected
log10 LR when the remains is the missing person (exact), and the inclusion power P(LR >= t) by
seeded simulation with its Monte-Carlo error. With --candidates, each of those untyped
relatives (with --pairs also each pair) is ranked by what typing them would add, averaged
exactly over their possible genotypes. Theta must be 0.

  --threshold LR     match threshold t (default 10000)
  --sims N           simulated LRs per reference set (default 10000)
  --seed S           integer seed (default 1)
  --candidates IDS   comma-separated untyped relatives who could give a sample
  --costs ID=C,...   cost of typing each candidate (default 1); sets are ranked by gain per cost
  --pairs            also plan pairs of candidates (exact where a locus has at most 4,096
                     genotype pairs; otherwise refused as TOO_COMPLEX, or sampled with
                     --reference-samples)
  --reference-samples K
                     at such loci sample K reference genotypes from their exact posterior
                     (the set is marked ~ in the table, "exact": false in JSON, with errors)
  --min-power P      list missing persons whose inclusion power is below P as weak (default 0.9)
  --format F         table (default), json, svg (the MPP plot: exclusion vs inclusion power),
                     or html (a self-contained report page: tables, the MPP plot, each
                     family's pedigree and the provenance)
  --json             the same as --format json
  --threads N        worker threads, each taking the next family when free (default: the
                     number of cores; the report is the same at any thread count)
  --progress         progress on stderr (a bar on a terminal, else a line every 5 s)
  --quiet            no progress, even on a terminal`;

/**
 * Run `kindred power`. Errors: `kindred: <code>: <message>` on stderr, nothing on stdout, exit
 * code 1 (2 for wrong usage).
 *
 * @param argv - the arguments after `power`
 * @param io - stdout, stderr and file reading
 * @returns the exit code
 * @example
 * ```ts
 * await runPowerCommand(['families.json', '--candidates', 'FA', '--json'], io); // => 0
 * ```
 */
export async function runPowerCommand(argv: string[], io: CliIO): Promise<number> {
  try {
    io.stdout(await _power(argv, io));
    return 0;
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    if (typeof err?.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`kindred: USAGE: ${String(err.message)}\n`);
      return 2;
    }
    if (!isKindredError(e)) throw e;
    io.stderr(`kindred: ${e.code}: ${e.message}\n`);
    return e.code === 'USAGE' ? 2 : 1;
  }
}

async function _power(argv: string[], io: CliIO): Promise<string> {
  const { values, positionals } = parseCommandArgs('kindred power', argv, {
    threshold: { type: 'string' },
    sims: { type: 'string' },
    seed: { type: 'string' },
    candidates: { type: 'string' },
    costs: { type: 'string' },
    pairs: { type: 'boolean', default: false },
    'reference-samples': { type: 'string' },
    'min-power': { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean', default: false },
    db: { type: 'string' },
    population: { type: 'string' },
    progress: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    threads: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return `${POWER_USAGE}\n`;
  const format = _format(values.format, values.json);
  const mode = progressMode({
    quiet: values.quiet,
    progress: values.progress,
    stderrIsTTY: io.stderrIsTTY,
  });
  const number = (raw: string | undefined, flag: string, ok: (x: number) => boolean) => {
    if (raw === undefined) return undefined;
    const x = Number(raw);
    if (raw.trim() === '' || !ok(x)) {
      throw new KindredError('USAGE', `kindred power: ${flag} cannot be "${raw}"`);
    }
    return x;
  };
  const threshold =
    number(values.threshold, '--threshold', (x) => Number.isFinite(x) && x > 0) ?? 10_000;
  const threads = parseThreadsOption(values.threads);
  const sims = number(values.sims, '--sims', (x) => Number.isInteger(x) && x >= 1) ?? 10_000;
  const seed = number(values.seed, '--seed', Number.isInteger) ?? 1;
  const minPower = number(values['min-power'], '--min-power', (x) => x >= 0 && x <= 1) ?? 0.9;
  const referenceSamples = number(
    values['reference-samples'],
    '--reference-samples',
    (x) => Number.isInteger(x) && x >= 10,
  );
  const candidates =
    values.candidates === undefined ? [] : _list(values.candidates, '--candidates');
  const costs = new Map<string, number>();
  if (values.costs !== undefined) {
    for (const item of _list(values.costs, '--costs')) {
      const eq = item.lastIndexOf('=');
      const id = item.slice(0, eq);
      const c = Number(item.slice(eq + 1));
      if (eq <= 0 || item.slice(eq + 1).trim() === '' || !(Number.isFinite(c) && c > 0)) {
        throw new KindredError(
          'USAGE',
          `kindred power: --costs needs ID=COST with a positive cost, not "${item}"`,
        );
      }
      if (!candidates.includes(id)) {
        throw new KindredError(
          'USAGE',
          `kindred power: --costs names "${id}", who is not among --candidates`,
        );
      }
      costs.set(id, c);
    }
  }
  if (values.population !== undefined && values.db === undefined) {
    throw new KindredError('USAGE', 'kindred power: --population needs --db');
  }
  let dvi: DVICase;
  let source: { readonly file: string; readonly text: string };
  if (values.db !== undefined) {
    if (positionals.length !== 0) {
      throw new KindredError(
        'USAGE',
        `kindred power takes FILE or --db DB, not both\n${POWER_USAGE}`,
      );
    }
    const exported = await _fromStore(values.db, values.population, io);
    dvi = exported.dvi;
    source = { file: values.db, text: exported.text };
  } else {
    if (positionals.length !== 1) {
      throw new KindredError('USAGE', `kindred power needs exactly one FILE\n${POWER_USAGE}`);
    }
    const file = positionals[0]!;
    const text = io.readFile(file);
    dvi = parseDVICase(text, { file, allowNoVictims: true });
    source = { file, text };
  }
  const tracker =
    mode === 'off'
      ? undefined
      : trackProgress(
          createProgressBar({
            write: (t) => io.stderr(t),
            mode,
            label: 'power',
            unit: 'families',
          }),
          dvi.families.length,
        );
  const powerOptions = {
    threshold,
    sims,
    seed,
    minPower,
    candidates,
    costs,
    pairs: values.pairs,
    ...(referenceSamples !== undefined ? { referenceSamples } : {}),
  };
  let report: ProgrammePower;
  try {
    if (threads > 1 && dvi.families.length > 1) {
      const pool = createSearchPool({ threads: Math.min(threads, dvi.families.length) });
      try {
        report = await pool.power(
          dvi,
          powerOptions,
          tracker !== undefined ? { onProgress: (p) => tracker.step(p.done) } : {},
        );
      } finally {
        await pool.close();
      }
    } else {
      report = computeProgrammePower(dvi, {
        ...powerOptions,
        ...(tracker !== undefined ? { onProgress: (done: number) => tracker.step(done) } : {}),
      });
    }
  } finally {
    tracker?.finish();
  }
  if (format === 'json') return formatPowerAnswerJSON(report);
  if (format === 'svg')
    return formatMPPSvg(report.families, `Power of the references of ${dvi.id}`);
  if (format === 'html') {
    return renderPowerReport(dvi, report, {
      provenance: caseProvenance(dvi, {
        computation: 'kindred power',
        file: source.file,
        text: source.text,
        options: {
          threshold,
          sims,
          seed,
          minPower,
          candidates: candidates.join(','),
          costs: [...costs].map(([id, c]) => `${id}=${c}`).join(','),
          pairs: values.pairs,
          referenceSamples: referenceSamples ?? null,
          population: values.population ?? null,
        },
      }),
    });
  }
  return _table(report);
}

function _format(format: string | undefined, json: boolean): 'table' | 'json' | 'svg' | 'html' {
  if (format === undefined) return json ? 'json' : 'table';
  if (format !== 'table' && format !== 'json' && format !== 'svg' && format !== 'html') {
    throw new KindredError(
      'USAGE',
      `kindred power: --format must be "table", "json", "svg" or "html", not "${format}"`,
    );
  }
  if (json && format !== 'json') {
    throw new KindredError(
      'USAGE',
      `kindred power: --json and --format ${format} contradict each other`,
    );
  }
  return format;
}

function _list(raw: string, flag: string): string[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new KindredError('USAGE', `kindred power: ${flag} has an empty entry in "${raw}"`);
  }
  const seen = new Set<string>();
  for (const s of items) {
    if (seen.has(s)) throw new KindredError('USAGE', `kindred power: ${flag} lists "${s}" twice`);
    seen.add(s);
  }
  return items;
}

async function _fromStore(
  file: string,
  population: string | undefined,
  io: CliIO,
): Promise<{ readonly dvi: DVICase; readonly text: string }> {
  const open = await loadSqliteStore('kindred power --db');
  const store = open(file, { create: false, readonly: true });
  try {
    const { document, unusedMarkers } = store.read((r) =>
      exportDVIDocument(r, population !== undefined ? { population } : {}),
    );
    if (unusedMarkers.length > 0) {
      io.stderr(
        `kindred: markers not in the frequency table, left out of the power calculation: ${unusedMarkers.join(', ')}\n`,
      );
    }
    // the exported document as JSON text: what is parsed is what the provenance hashes
    const text = JSON.stringify(document);
    return { dvi: parseDVICase(text, { file, allowNoVictims: true }), text };
  } finally {
    store.close();
  }
}

const f4 = (x: number) => x.toFixed(4);
const f3 = (x: number) => x.toFixed(3);
const signed = (x: number, d: number) => `${x >= 0 ? '+' : ''}${x.toFixed(d)}`;

function _table(report: ProgrammePower): string {
  const lines: string[] = [
    `Power of the references of ${report.id} (match: LR >= ${report.threshold}; ${report.sims} simulated LRs per reference set, seed ${report.seed})`,
    '',
  ];
  const rows: string[][] = [
    ['family', 'missing', 'EP', 'EP no-mut', 'E[log10 LR]', 'IP', '±MC', 'weak'],
  ];
  for (const f of report.families) {
    rows.push([
      f.family,
      f.missing,
      f4(f.exclusionPower),
      f4(f.exclusionPowerWithoutMutation),
      f3(f.expectedLog10LR),
      f4(f.inclusionPower),
      f4(f.mcError),
      f.inclusionPower < report.minPower ? 'yes' : '',
    ]);
  }
  lines.push(formatTable(rows).trimEnd());
  for (const f of report.families) {
    if (f.candidates.length > 0) lines.push('', ..._candidates(f));
  }
  lines.push(
    '',
    `EP: exclusion power of an unrelated person (exact); EP no-mut: with mutation off where the references allow it (forrel's rule); E[log10 LR] (exact) and IP = P(LR >= ${report.threshold}) (simulated, ±MC one standard error) when the remains is the missing person.`,
  );
  lines.push(
    report.weak.length === 0
      ? `Every missing person reaches LR >= ${report.threshold} with probability >= ${report.minPower}.`
      : `Weak (inclusion power < ${report.minPower}), weakest first: ${report.weak.map((w) => `${w.family}/${w.missing}`).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

function _candidates(f: FamilyMissingPower): string[] {
  const rows: string[][] = [
    ['rank', 'add', 'cost', 'IP', '±MC', 'IP gain', 'E[log10 LR]', 'gain', 'EP'],
  ];
  f.candidates.forEach((c, k) => {
    rows.push([
      String(k + 1),
      `${c.add.join('+')}${c.exact ? '' : ' ~'}`,
      String(c.cost),
      f4(c.inclusionPower),
      f4(c.mcError),
      signed(c.inclusionPowerGain, 4),
      f3(c.expectedLog10LR),
      signed(c.expectedLog10LRGain, 3),
      f4(c.exclusionPower),
    ]);
  });
  const sampled = f.candidates.some((c) => !c.exact);
  return [
    `Whom to type next for ${f.family}/${f.missing} (current references: IP ${f4(f.inclusionPower)}, E[log10 LR] ${f3(f.expectedLog10LR)}, EP ${f4(f.exclusionPower)})`,
    formatTable(rows).trimEnd(),
    ...(sampled
      ? [
          '~ reference genotypes sampled at some loci (--reference-samples): E[log10 LR] and EP are estimates; see --json for their errors',
        ]
      : []),
  ];
}
