/**
 * `kindred dvi FILE [--top K] [--format json|table]`: the pairwise LR matrix and the best joint
 * assignments of a `kindred-dvi/1` document, printed as the answer object of case-format.md
 * (JSON, the default) or as a table for people.
 *
 * @module
 */

import { DEFAULT_DIRECT_THRESHOLD } from '../dvi/direct-match.js';
import type { DVIPhase } from '../dvi/dvi.js';
import { computeDVI } from '../dvi/dvi.js';
import { KindredError } from '../errors.js';
import { formatDVIAnswerJSON } from '../io/dvi-answer.js';
import { parseDVICase } from '../io/dvi-file.js';
import { formatDVITable } from '../io/dvi-table.js';
import { caseProvenance } from '../provenance/case-provenance.js';
import { formatProvenanceLine } from '../provenance/provenance.js';
import {
  FORMAT_OPTIONS,
  onePositional,
  outputFormat,
  parseCommandArgs,
  positiveIntOption,
} from './args.js';
import { createProgressBar, progressMode, trackProgress } from './progress-bar.js';

const C = 'kindred dvi';

/** Usage text of `kindred dvi`. */
export const DVI_USAGE = `Usage: kindred dvi FILE [--top K] [--format json|table | --json] [--progress | --quiet]
                  [--direct-threshold LR] [--merge-replicates LR | --merge V=W,…]

Pairwise LRs of every victim against every missing person of its sex, and the K best joint
assignments (default 10; exact, ranked by log10 LR against "no victim identified") of a
kindred-dvi/1 file (FILE "-" reads standard input), and for every victim the posterior
probability (flat prior over all assignments) and dvir's GLR of each pairing and of "not
identified" ("*"; docs/dvi.md). Prints the answer object (JSON), or with
--format table the pairwise matrix and the assignments for people. Progress of the pairwise
matrix and of each family's placements goes to stderr: a bar on a terminal, a line every 5 s
with --progress elsewhere, nothing with --quiet.

Direct matching (docs/dvi.md): every pair of victims, and every victim against the document's
elimination set (staff profiles), with the LR of "same person" against "unrelated"; pairs with
LR >= --direct-threshold (default 10000; 0 lists every pair) are listed. Nothing is merged
unless asked: --merge-replicates LR places every victim pair with LR >= LR (transitively) as
one body, its other fragments as sameAs replicates; --merge V1=V3,V2=V7 merges the pairs given.
The answer lists what was merged and with what LR.`;

/** The I/O a command needs. */
export interface DVICommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress is drawn as a bar there). */
  readonly stderrIsTTY?: boolean;
  /** Read a file as UTF-8 (`-` = standard input). */
  readFile(path: string): string;
}

/**
 * Run `kindred dvi`. On success the answer is written to stdout in one piece and 0 is returned.
 *
 * @param argv - the arguments after `dvi`
 * @param io - stdout, stderr and file reading
 * @returns the exit code
 * @throws KindredError `USAGE` for wrong usage, and the errors of the case reader and of
 *   `computeDVI` (the CLI main prints them as `kindred: <code>: <message>`)
 * @example
 * ```ts
 * await runDVICommand(['case.json', '--top', '5'], io); // => 0
 * ```
 */
export async function runDVICommand(argv: string[], io: DVICommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(C, argv, {
    ...FORMAT_OPTIONS,
    top: { type: 'string' },
    progress: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'direct-threshold': { type: 'string' },
    'merge-replicates': { type: 'string' },
    merge: { type: 'string' },
  });
  const mode = progressMode({
    quiet: values.quiet,
    progress: values.progress,
    stderrIsTTY: io.stderrIsTTY,
  });
  const format = outputFormat(C, values, 'json');
  const top = positiveIntOption(C, 'top', values.top) ?? 10;
  const directThreshold = _lrOption('direct-threshold', values['direct-threshold'], 0);
  const mergeAt = _lrOption('merge-replicates', values['merge-replicates'], 1);
  if (mergeAt !== undefined && values.merge !== undefined) {
    throw new KindredError('USAGE', `${C}: give --merge-replicates LR or --merge V=W,…, not both`);
  }
  const mergePairs = values.merge === undefined ? undefined : _mergePairs(values.merge);
  const mergeReplicates =
    mergeAt !== undefined
      ? { threshold: mergeAt }
      : mergePairs !== undefined
        ? { pairs: mergePairs }
        : undefined;
  const file = onePositional(C, positionals);
  const text = io.readFile(file);
  const dviCase = parseDVICase(text, { file });
  const bars = new Map<DVIPhase, ReturnType<typeof trackProgress>>();
  const onProgress = (phase: DVIPhase, done: number, total: number): void => {
    let t = bars.get(phase);
    if (t === undefined) {
      for (const other of bars.values()) other.finish();
      t = trackProgress(
        createProgressBar({
          write: (x) => io.stderr(x),
          mode: mode === 'off' ? 'lines' : mode,
          label: `dvi ${phase}`,
          unit: phase === 'pairwise' ? 'missing persons' : 'families',
        }),
        total,
      );
      bars.set(phase, t);
    }
    t.step(done);
  };
  let result: ReturnType<typeof computeDVI>;
  try {
    result = computeDVI(dviCase, {
      top,
      ...(mode === 'off' ? {} : { onProgress }),
      ...(directThreshold !== undefined ? { directThreshold } : {}),
      ...(mergeReplicates !== undefined ? { mergeReplicates } : {}),
    });
  } finally {
    for (const t of bars.values()) t.finish();
  }
  for (const m of result.direct.elimination) {
    io.stderr(
      `kindred: warning: victim "${m.a}" matches elimination profile "${m.b}" (log10 LR ${m.log10LR === null ? '-inf' : m.log10LR.toFixed(2)}): its DNA may come from that person, not from the body\n`,
    );
  }
  const provenance = caseProvenance(dviCase, {
    computation: C,
    file,
    text,
    options: {
      top,
      directThreshold: directThreshold ?? DEFAULT_DIRECT_THRESHOLD,
      ...(mergeAt !== undefined ? { mergeReplicates: mergeAt } : {}),
      ...(mergePairs !== undefined ? { merge: mergePairs.map((p) => p.join('=')).join(',') } : {}),
    },
  });
  io.stdout(
    format === 'json'
      ? formatDVIAnswerJSON(result, provenance)
      : `${formatDVITable(result)}${formatProvenanceLine(provenance)}\n`,
  );
  return 0;
}

/** An LR option: a finite number at least `min`, or undefined when absent. */
function _lrOption(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !(Number.isFinite(x) && x >= min)) {
    throw new KindredError('USAGE', `${C}: --${flag} must be an LR >= ${min}, not "${value}"`);
  }
  return x;
}

/** `V1=V3,V2=V7` as pairs. */
function _mergePairs(value: string): [string, string][] {
  return value.split(',').map((item) => {
    const parts = item.split('=');
    if (parts.length !== 2 || parts[0]!.trim() === '' || parts[1]!.trim() === '') {
      throw new KindredError(
        'USAGE',
        `${C}: --merge takes victim pairs V=W separated by commas, not "${item}"`,
      );
    }
    return [parts[0]!.trim(), parts[1]!.trim()];
  });
}
