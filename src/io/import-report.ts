/**
 * What an importer read, and the dry-run report of what an import would do: records added,
 * changed or unchanged, records rejected (each with its file, line and field) or skipped (lab
 * controls, categories outside missing-persons work), and warnings (markers kept under an
 * unknown name, off-ladder calls dropped). Nothing an importer read is ever dropped without an
 * entry here.
 *
 * @module
 */
import { formatPath, type KindredError } from '../errors.js';
import type { Profile } from '../profile/profile.js';

/** A record the importer refused, with the error naming file, line and field. */
export interface RejectedRecord {
  /** Sample, specimen, person or family id ('' when the record had none). */
  readonly id: string;
  readonly error: KindredError;
}

/** A record left out on purpose (allelic ladder, control, blank, unmapped category). */
export interface SkippedRecord {
  readonly id: string;
  readonly reason: string;
  /** Line of the record's first row or element. */
  readonly line: number;
}

/** Something the importer kept or changed that a reviewer should know about. */
export interface ImportWarning {
  readonly id: string;
  readonly message: string;
  readonly line: number;
  readonly field?: string;
}

/** Profiles read from a lab file (GeneMapper, CODIS CMF). */
export interface ParsedProfiles {
  readonly format: string;
  readonly file?: string;
  /** Valid profiles, in file order. */
  readonly profiles: readonly Profile[];
  readonly rejected: readonly RejectedRecord[];
  readonly skipped: readonly SkippedRecord[];
  readonly warnings: readonly ImportWarning[];
}

/** Ids sorted into what an import does with them. */
export interface ReportSection {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
}

/** The (dry-run) report of one import. */
export interface ImportReport {
  readonly file: string;
  readonly format: string;
  readonly profiles: ReportSection;
  readonly families: ReportSection;
  /** Frequency tables by population name. */
  readonly tables: ReportSection;
  readonly rejected: readonly RejectedRecord[];
  readonly skipped: readonly SkippedRecord[];
  readonly warnings: readonly ImportWarning[];
  /** True when the import was written (false for a dry run or a refused import). */
  readonly applied: boolean;
}

/** An empty report section. */
export const EMPTY_SECTION: ReportSection = Object.freeze({
  added: Object.freeze([]),
  changed: Object.freeze([]),
  unchanged: Object.freeze([]),
});

/**
 * Render a report for people: one summary line per section, then every rejected, skipped and
 * warned record with its line.
 *
 * @param report - the report
 * @param options - `verbose` lists the ids added and changed too; `dryRun: false` heads an
 *   import that was not applied `refused:` (it was a real import that rejected records) rather
 *   than `dry run:`
 * @returns text ending in a newline
 * @example
 * ```ts
 * formatImportReport(report).split('\n')[0]; // => 'dry run: refs.txt (genemapper)'
 * ```
 */
export function formatImportReport(
  report: ImportReport,
  options: { readonly verbose?: boolean; readonly dryRun?: boolean } = {},
): string {
  const heading = report.applied ? 'imported' : options.dryRun === false ? 'refused' : 'dry run';
  const lines = [`${heading}: ${report.file} (${report.format})`];
  const section = (name: string, s: ReportSection) => {
    const total = s.added.length + s.changed.length + s.unchanged.length;
    if (total === 0) return;
    lines.push(
      `  ${name}: ${s.added.length} added, ${s.changed.length} changed, ${s.unchanged.length} unchanged`,
    );
    if (options.verbose === true) {
      if (s.added.length > 0) lines.push(`    added: ${s.added.join(', ')}`);
      if (s.changed.length > 0) lines.push(`    changed: ${s.changed.join(', ')}`);
    }
  };
  section('profiles', report.profiles);
  section('families', report.families);
  section('frequency tables', report.tables);
  if (report.rejected.length > 0) {
    lines.push(`  rejected: ${report.rejected.length}`);
    for (const r of report.rejected) {
      lines.push(`    ${r.id === '' ? '(no id)' : r.id}: ${r.error.code}: ${r.error.message}`);
    }
  }
  if (report.skipped.length > 0) {
    lines.push(`  skipped: ${report.skipped.length}`);
    for (const s of report.skipped) lines.push(`    ${s.id} (line ${s.line}): ${s.reason}`);
  }
  if (report.warnings.length > 0) {
    lines.push(`  warnings: ${report.warnings.length}`);
    for (const w of report.warnings) {
      const field = w.field !== undefined ? `, ${w.field}` : '';
      lines.push(`    ${w.id} (line ${w.line}${field}): ${w.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A report as plain JSON (errors as `{code, message, file, path}`), for `--format json`.
 *
 * @example
 * ```ts
 * (reportToJSON(report) as { applied: boolean }).applied; // => false
 * ```
 */
export function reportToJSON(report: ImportReport): unknown {
  return {
    ...report,
    rejected: report.rejected.map((r) => ({
      id: r.id,
      code: r.error.code,
      message: r.error.detail,
      ...(r.error.file !== undefined ? { file: r.error.file } : {}),
      path: formatPath(r.error.path),
    })),
  };
}
