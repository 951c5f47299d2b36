/**
 * GeneMapper ID / ID-X genotype tables: the tab-separated export with one row per sample and
 * marker. Columns are found by header name (case and surrounding quotes ignored): `Sample Name`
 * and `Marker` are required, `Allele 1` … `Allele n` hold the calls; `Sample Type` (when present)
 * and every other column (`Sample File`, `Panel`, `Dye`, `Size n`, `Height n`, …) are ignored
 * except as noted. A homozygote has an empty `Allele 2`. Allelic ladders, positive and negative
 * controls and reagent blanks are skipped by name pattern ({@link DEFAULT_CONTROL_PATTERNS},
 * configurable) or by a `Sample Type` other than `Sample`, and listed as skipped.
 *
 * Per-sample rules (off-ladder, tri-allelic, unknown markers, repeated markers) are those of
 * `lab-profile.ts`; a malformed row rejects its sample with the file, line and column named.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ProfileKind } from '../profile/profile.js';
import { readDelimitedText } from './delimited-text.js';
import type {
  ImportWarning,
  ParsedProfiles,
  RejectedRecord,
  SkippedRecord,
} from './import-report.js';
import { buildLabProfile, type LabProfileOptions, type MarkerCall } from './lab-profile.js';

/**
 * Default sample-name patterns of lab controls: allelic ladders, positive/negative controls
 * (`PC`, `PC 9947A`, `NC1`, `Pos Ctrl`, `Negative`), reagent blanks (`RB1`, `Blank`), and the
 * control DNAs 9947A, 2800M and 007.
 */
export const DEFAULT_CONTROL_PATTERNS: readonly RegExp[] = Object.freeze([
  /ladder/i,
  /positive|\bpos[ _-]?(ctrl|control)\b|^pc(\b|\d)/i,
  /negative|\bneg[ _-]?(ctrl|control)\b|^nc(\b|\d)/i,
  /blank|^rb(\b|\d)/i,
  /\b(9947a?|2800m)\b|^007$/i,
]);

/** Options of {@link parseGeneMapper}. */
export interface GeneMapperOptions extends LabProfileOptions {
  /** Kind of every profile in the table, or a function of the sample name. */
  readonly kind: ProfileKind | ((sample: string) => ProfileKind);
  /** Sample names matching any of these are skipped; default {@link DEFAULT_CONTROL_PATTERNS}. */
  readonly controls?: readonly RegExp[];
}

interface _Sample {
  readonly line: number;
  readonly calls: MarkerCall[];
  rejected?: RejectedRecord;
}

/**
 * Read a GeneMapper ID / ID-X genotypes table.
 *
 * @param text - the tab-separated export
 * @param options - kind of the profiles, control patterns, off-ladder and unknown-marker policies
 * @returns profiles in file order, rejected samples (file, line, column), skipped controls, warnings
 * @throws KindredError `PARSE_ERROR` when the file has no header with `Sample Name` and `Marker`
 * @example
 * ```ts
 * const text = 'Sample Name\tMarker\tAllele 1\tAllele 2\nS1\tTH01\t6\t9.3\nS1\tvWA\t17\t\n';
 * parseGeneMapper(text, { kind: 'reference' }).profiles[0]?.genotypes.get('vWA'); // => ['17', '17']
 * ```
 */
export function parseGeneMapper(text: string, options: GeneMapperOptions): ParsedProfiles {
  const file = options.file;
  const table = readDelimitedText(text, {
    delimiter: 'auto',
    ...(file !== undefined ? { file } : {}),
  });
  const [first, ...rows] = table.records;
  const headerLine = first?.line ?? 1;
  const header = first === undefined ? [] : _cells(first.fields);
  const column = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const sampleCol = column('Sample Name');
  const markerCol = column('Marker');
  const typeCol = column('Sample Type');
  const alleleCols = header
    .map((h, i) => [/^allele\s*(\d+)$/i.exec(h)?.[1], i] as const)
    .filter((x): x is readonly [string, number] => x[0] !== undefined)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, i]) => i);
  if (sampleCol < 0 || markerCol < 0 || alleleCols.length === 0) {
    const missing = [
      ...(sampleCol < 0 ? ['"Sample Name"'] : []),
      ...(markerCol < 0 ? ['"Marker"'] : []),
      ...(alleleCols.length === 0 ? ['"Allele 1"'] : []),
    ];
    throw new KindredError(
      'PARSE_ERROR',
      `GeneMapper table lacks the column${missing.length > 1 ? 's' : ''} ${missing.length > 2 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing.join(' and ')} (it needs "Sample Name", "Marker" and "Allele 1"…); header is ${JSON.stringify(header.join(table.delimiter))}`,
      { path: ['line', headerLine], ...(file !== undefined ? { file } : {}) },
    );
  }
  const controls = options.controls ?? DEFAULT_CONTROL_PATTERNS;
  const samples = new Map<string, _Sample>();
  const skipped = new Map<string, SkippedRecord>();
  const rejected: RejectedRecord[] = [];
  const fail = (id: string, detail: string, line: number, field: string): RejectedRecord => ({
    id,
    error: new KindredError('PARSE_ERROR', detail, {
      path: ['line', line, field],
      ...(file !== undefined ? { file } : {}),
    }),
  });
  for (const row of rows) {
    const line = row.line;
    const cells = _cells(row.fields);
    const raw = row.fields.join(table.delimiter);
    const id = cells[sampleCol] ?? '';
    if (id === '') {
      rejected.push(
        fail(
          '',
          `Row has no sample name: ${JSON.stringify(raw.slice(0, 60))}`,
          line,
          'Sample Name',
        ),
      );
      continue;
    }
    if (skipped.has(id)) continue;
    const type = typeCol >= 0 ? (cells[typeCol] ?? '') : '';
    const pattern = controls.find((p) => p.test(id));
    if (pattern !== undefined || (type !== '' && type.toLowerCase() !== 'sample')) {
      if (!samples.has(id)) {
        const reason =
          pattern !== undefined
            ? `sample name matches control pattern ${String(pattern)}`
            : `Sample Type is "${type}"`;
        skipped.set(id, { id, reason, line });
        continue;
      }
    }
    const sample = samples.get(id) ?? { line, calls: [] };
    samples.set(id, sample);
    if (sample.rejected !== undefined) continue;
    const marker = cells[markerCol] ?? '';
    if (marker === '') {
      sample.rejected = fail(id, `Sample "${id}" has a row with no marker name`, line, 'Marker');
      continue;
    }
    const alleles: string[] = [];
    const fields: string[] = [];
    let gap: number | undefined;
    for (const c of alleleCols) {
      const value = cells[c] ?? '';
      if (value === '') {
        gap ??= c;
        continue;
      }
      if (gap !== undefined && alleles.length === 0) {
        sample.rejected = fail(
          id,
          `Sample "${id}" at marker ${marker} has "${value}" in ${header[c]} but an empty ${header[gap]}`,
          line,
          header[gap] as string,
        );
        break;
      }
      alleles.push(value);
      fields.push(header[c] as string);
    }
    sample.calls.push({ marker, alleles, line, markerField: 'Marker', alleleFields: fields });
  }
  const profiles = [];
  const warnings: ImportWarning[] = [];
  for (const [id, sample] of samples) {
    if (sample.rejected !== undefined) {
      rejected.push(sample.rejected);
      continue;
    }
    const kind = typeof options.kind === 'function' ? options.kind(id) : options.kind;
    const built = buildLabProfile({ id, kind, line: sample.line, calls: sample.calls }, options);
    warnings.push(...built.warnings);
    if (built.profile !== undefined) profiles.push(built.profile);
    else if (built.rejected !== undefined) rejected.push(built.rejected);
  }
  rejected.sort((a, b) => _line(a) - _line(b));
  return {
    format: 'genemapper',
    ...(file !== undefined ? { file } : {}),
    profiles,
    rejected,
    skipped: [...skipped.values()],
    warnings,
  };
}

/** Trimmed cells (quotes were removed by the table reader). */
function _cells(fields: readonly string[]): string[] {
  return fields.map((c) => c.trim());
}

function _line(r: RejectedRecord): number {
  return typeof r.error.path[1] === 'number' ? r.error.path[1] : 0;
}
