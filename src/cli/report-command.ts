/**
 * `kindred report FILE [--out DIR]`: a self-contained HTML report of a `kindred-case/1` or
 * `kindred-dvi/1` document (computed with the same engine as `kindred lr` / `kindred dvi`, with
 * their provenance), printed on stdout or written to DIR.
 *
 * @module
 */
import { closeSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredError } from '../errors.js';
import { parseCaseDocument } from '../io/validate-case.js';
import { caseProvenance } from '../provenance/case-provenance.js';
import { renderCaseReport } from '../report/case-report.js';
import { renderDVIReport } from '../report/dvi-report.js';
import { onePositional, parseCommandArgs, positiveIntOption } from './args.js';
import type { CliIO } from './cli-io.js';
import { runProgrammeReport } from './db-report-command.js';

const C = 'kindred report';

/** Usage text of `kindred report`. */
export const REPORT_USAGE = `Usage: kindred report FILE|DB [--out DIR] [--top K]

Write a self-contained HTML report (inline CSS and SVG, no scripts; prints on A4) of FILE:
a kindred-case/1 document (pedigrees of every hypothesis, per-locus genotypes and LRs, the
combined LR with its verbal equivalent, notes, provenance) or a kindred-dvi/1 document (best
joint assignments, pairwise LRs, each family's pedigree with its assigned remains). FILE "-"
reads standard input. Without --out (or with --out -) the HTML goes to standard output; with
--out DIR it is written to DIR/<id>.html (DIR is created) and the path is printed. For a
kindred db store DB: a programme summary (open, confirmed and rejected matches, each with the
provenance it was computed with); with --out DIR, DIR/index.html links to DIR/match-<id>.html,
one page per match (pedigree with the remains placed, genotypes, review status, provenance).
  --top K    joint assignments listed in a DVI report (default 10)`;

/**
 * Run `kindred report`. Returns the exit code.
 *
 * @throws KindredError for bad input (the CLI main prints it)
 */
export async function runReportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(C, argv, {
    out: { type: 'string' },
    top: { type: 'string' },
  });
  const file = onePositional(C, positionals);
  if (_isSqlite(file)) {
    if (values.top !== undefined)
      throw new KindredError('USAGE', `${C}: --top applies to kindred-dvi/1 reports only`);
    return runProgrammeReport(file, values.out, io);
  }
  const text = io.readFile(file);
  const doc = parseCaseDocument(text, { file });
  let html: string;
  if (doc.format === 'kindred-case/1') {
    if (values.top !== undefined)
      throw new KindredError('USAGE', `${C}: --top applies to kindred-dvi/1 reports only`);
    html = renderCaseReport(doc, {
      provenance: caseProvenance(doc, { computation: 'kindred report', file, text }),
    });
  } else {
    const top = positiveIntOption(C, 'top', values.top) ?? 10;
    html = renderDVIReport(doc, {
      top,
      provenance: caseProvenance(doc, {
        computation: 'kindred report',
        file,
        text,
        options: { top },
      }),
    });
  }
  const id = doc.id;
  const out = values.out;
  if (out === undefined || out === '-') {
    io.stdout(html);
    return 0;
  }
  const path = join(out, `${_fileName(id)}.html`);
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(path, html);
  } catch (e) {
    throw new KindredError('IO_ERROR', `Cannot write "${path}": ${(e as Error).message}`);
  }
  io.stdout(`${path}\n`);
  return 0;
}

/** True when the file starts with the SQLite header (a `kindred db` store). */
function _isSqlite(file: string): boolean {
  if (file === '-') return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    return (
      readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000'
    );
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A case id as a file name: characters outside [A-Za-z0-9._-] become `_`. */
function _fileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe === '' ? 'report' : safe;
}
