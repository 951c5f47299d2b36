/**
 * `kindred search FILE [--top K] [--threshold LR] [--format table|json]`: rank, for every victim of a
 * `kindred-dvi/1` document, the missing persons of its families by the exact pairwise LR
 * (search index), and print the top K as a table or as JSON.
 *
 * @module
 */

import { KindredError } from '../errors.js';
import { parseDVICase } from '../io/dvi-file.js';
import { caseProvenance } from '../provenance/case-provenance.js';
import { formatProvenanceLine } from '../provenance/provenance.js';
import type { SearchHit } from '../search/rank/rank.js';
import {
  FORMAT_OPTIONS,
  onePositional,
  outputFormat,
  parseCommandArgs,
  positiveIntOption,
} from './args.js';
import {
  PRIOR_USAGE,
  parseFamilyPriors,
  parseThreadsOption,
  runCaseSearch,
  THREADS_USAGE,
} from './cli-threads.js';
import { progressMode } from './progress-bar.js';

const C = 'kindred search';

/** Usage text of `kindred search`. */
export const SEARCH_USAGE = `Usage: kindred search FILE [--top K] [--threshold LR] [--format table|json | --json]
                      [--threads N] [--progress | --quiet]

For each victim of a kindred-dvi/1 file (FILE "-" reads standard input), list its K best
candidate missing persons (default 5) by the exact LR of "the victim is this missing person"
against "unrelated to every family". Pairs whose sexes differ are left out. --threshold sets the
LR of a "match" (default 10000; "probable" is a tenth of it). Prints a table, or with --json
(--format json)
{"id", "matches": [{"victim", "missing", "family", "rank", "log10LR", "posterior", "undisputed",
"category", "verbal"}]}, best first per victim. posterior: the probability that the victim is
this missing person, over every sex-compatible missing person and "none of them" (flat prior,
or --prior); undisputed: LR >= the match threshold and that many times every other LR of the
victim and of the missing person (Vigeland & Egeland 2021).
${PRIOR_USAGE}
Large searches (50,000 pairs or more) build the index and search it on worker threads.
Progress of the index build and of the search goes to
stderr: a bar when it is a terminal, plain lines with --progress otherwise:
${THREADS_USAGE}`;

/** The I/O a command needs. */
export interface SearchCommandIO {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
  readonly stderrIsTTY?: boolean;
}

/**
 * Run `kindred search`. Errors are thrown as KindredError (the CLI main prints them as
 * `kindred: <code>: <message>` on stderr, nothing on stdout, exit code 1, or 2 for wrong usage).
 *
 * @param argv - arguments after `search`
 * @param io - output streams and file reading
 * @returns the exit code
 * @example
 * ```ts
 * await runSearchCommand(['case.json', '--top', '3', '--json'], io); // => 0
 * ```
 */
export async function runSearchCommand(argv: string[], io: SearchCommandIO): Promise<number> {
  io.stdout(await _search(argv, io));
  return 0;
}

async function _search(argv: string[], io: SearchCommandIO): Promise<string> {
  const { values, positionals } = parseCommandArgs(C, argv, {
    ...FORMAT_OPTIONS,
    top: { type: 'string' },
    threshold: { type: 'string' },
    threads: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    prior: { type: 'string', multiple: true },
    progress: { type: 'boolean', default: false },
  });
  const progress = progressMode({
    quiet: values.quiet,
    progress: values.progress,
    stderrIsTTY: io.stderrIsTTY,
  });
  const format = outputFormat(C, values, 'table');
  const top = positiveIntOption(C, 'top', values.top) ?? 5;
  const threshold = values.threshold === undefined ? 10_000 : Number(values.threshold);
  if (!(Number.isFinite(threshold) && threshold > 0)) {
    throw new KindredError(
      'USAGE',
      `${C}: --threshold must be a positive LR, not "${values.threshold}"`,
    );
  }
  const threads = parseThreadsOption(values.threads);
  const file = onePositional(C, positionals);
  const text = io.readFile(file);
  const dvi = parseDVICase(text, { file });
  const provenance = caseProvenance(dvi, {
    computation: C,
    file,
    text,
    options: { top, threshold },
  });
  const priors = parseFamilyPriors(values.prior as string[] | undefined);
  const options = {
    top,
    matchThreshold: threshold,
    probableThreshold: threshold / 10,
    ...(priors !== undefined ? { familyPriors: priors } : {}),
  };
  // The index checks the case budget before any family (a refusal is then the only line); a
  // large search builds it on the worker threads that then search it.
  const { result } = await runCaseSearch(dvi, {
    threads,
    progress,
    stderr: (t) => io.stderr(t),
    rank: options,
    onBuilt: () => {
      const noMutation = dvi.loci.filter((l) => l.mutation === null).map((l) => l.name);
      if (noMutation.length > 0) {
        io.stderr(
          `kindred: warning: searching without mutation at ${noMutation.join(', ')} (the file gives no model): one mutation excludes a true relative (LR 0)\n`,
        );
      }
    },
  });
  const ranked = [...dvi.victims.keys()].map((v) => ({
    victim: v,
    hits: result.byRemains.get(v) ?? [],
  }));
  if (format === 'json') {
    const matches = ranked.flatMap(({ hits }) =>
      hits.map((h) => ({
        victim: h.remains,
        missing: h.missing,
        family: h.family,
        rank: h.rank,
        log10LR: h.log10LR,
        posterior: h.posterior,
        undisputed: h.undisputed,
        category: h.category,
        verbal: h.verbal,
      })),
    );
    return `${JSON.stringify({ id: dvi.id, matches, provenance }, null, 2)}\n`;
  }
  const table = _table(
    dvi.id,
    ranked.map((r) => ({ ...r, sex: dvi.victimSex.get(r.victim) })),
    threshold,
  );
  return `${table}${formatProvenanceLine(provenance)}\n`;
}

function _table(
  id: string,
  ranked: readonly { victim: string; sex: string | undefined; hits: readonly SearchHit[] }[],
  threshold: number,
): string {
  const lines = [`Search ${id}: best candidates per victim (match: LR >= ${threshold})`];
  for (const { victim, sex, hits } of ranked) {
    lines.push('', `Victim ${victim}${sex === undefined ? '' : ` (${sex})`}`);
    if (hits.length === 0) {
      lines.push('  no sex-compatible missing person');
      continue;
    }
    const rows = hits.map((h) => [
      String(h.rank),
      h.missing,
      h.family,
      h.log10LR === null ? 'excluded' : h.log10LR.toFixed(3),
      _probability(h.posterior),
      h.undisputed ? 'yes' : 'no',
      h.category,
      h.verbal,
    ]);
    const header = [
      'rank',
      'missing',
      'family',
      'log10LR',
      'posterior',
      'undisputed',
      'category',
      'verbal',
    ];
    const widths = header.map((hd, c) => Math.max(hd.length, ...rows.map((r) => r[c]!.length)));
    const fmt = (r: readonly string[]): string =>
      `  ${r.map((cell, c) => (c === 0 || c === 3 || c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd();
    lines.push(fmt(header), ...rows.map(fmt));
  }
  return `${lines.join('\n')}\n`;
}

/** A probability to 4 decimals (4 significant digits below 0.001), 0 exact. */
function _probability(p: number): string {
  if (p === 0) return '0';
  return p >= 1e-3 ? p.toFixed(4) : p.toExponential(3);
}
