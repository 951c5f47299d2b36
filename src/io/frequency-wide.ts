/**
 * Frequency tables in the NIST/FBI "wide" layout: a header `Allele,<marker>,<marker>,…`, one row
 * per allele with a frequency (or an empty cell, or 0, where the marker lacks that allele), and a
 * row whose first cell is `N` giving each marker's sample size. As in the FBI tables, `N` counts
 * alleles (chromosomes) typed; pass `nCounts: 'individuals'` for a table whose N counts people
 * (then n = 2N). Comma, semicolon or tab separated (detected from the header); fields may be
 * double-quoted.
 *
 * Marker names resolve through the alias table (unknown names are kept and listed). Errors name
 * the file, the line and the column (`path: ['line', 7, 'TH01']`).
 *
 * @module
 */
import type { ErrorPath, KindredErrorCode } from '../errors.js';
import { validateAlleleLabel } from '../frequencies/allele-label.js';
import {
  checkFrequencySum,
  createFrequencyTable,
  type FrequencyTable,
  type MarkerFrequencies,
  type NormalisedMarker,
} from '../frequencies/frequency-table.js';
import { resolveMarkerName } from '../profile/markers.js';
import { readDelimitedText } from './delimited-text.js';
import { _fail, type ParsedFrequencyTable, type ParseFrequencyOptions } from './frequency-file.js';

/** Options of {@link parseFrequencyWide} (and of the STRidER reader). */
export interface ParseWideOptions extends ParseFrequencyOptions {
  /** What the sample size counts: `'alleles'` (default, as in the FBI tables) or `'individuals'`. */
  readonly nCounts?: 'alleles' | 'individuals';
}

/** One marker's cells before validation. */
export interface FrequencyCells {
  /** The marker name as written. */
  readonly marker: string;
  /** Line and field (column or element) where the marker is named. */
  readonly line: number;
  readonly field: string;
  readonly cells: readonly {
    readonly allele: string;
    readonly frequency: string;
    readonly line: number;
    readonly field: string;
  }[];
  /** Sample size as written, with where it was. */
  readonly n?: { readonly value: string; readonly line: number; readonly field: string };
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Read the wide layout.
 *
 * @param text - file contents
 * @param options - population, file, normalise, source, what N counts
 * @returns the table, rescaled markers and unknown marker names
 * @throws KindredError `PARSE_ERROR` (header, field count, row label), `INVALID_FREQUENCIES`
 *   (number, range, N, sum, marker twice), `INVALID_LOCUS` (allele row twice), `INVALID_ALLELE`
 * @example
 * ```ts
 * const text = 'Allele,TH01,VWA\n6,0.4,\n9.3,0.6,\n16,,1\nN,404,404\n';
 * parseFrequencyWide(text, { population: 'demo' }).table.markers.get('vWA'); // => { alleles: ['16'], frequencies: [1], n: 404 }
 * ```
 */
export function parseFrequencyWide(text: string, options: ParseWideOptions): ParsedFrequencyTable {
  const fail = (code: KindredErrorCode, detail: string, path: ErrorPath): never =>
    _fail(code, detail, path, options.file);
  const { records } = readDelimitedText(
    text,
    options.file !== undefined ? { file: options.file } : {},
  );
  const rows = records.map((r) => ({ line: r.line, cells: _cells(r.fields) }));
  const first = rows[0];
  if (first === undefined) return fail('PARSE_ERROR', 'Wide frequency file is empty', ['line', 1]);
  const header = first.cells;
  const headerLine = first.line;
  if (header.length < 2 || header[0]?.toLowerCase() !== 'allele') {
    fail(
      'PARSE_ERROR',
      `Expected a header "Allele,<marker>,…", found ${JSON.stringify(records[0]!.fields.join(','))}`,
      ['line', headerLine],
    );
  }
  const markers = header
    .slice(1)
    .map((marker, k): FrequencyCells & { cells: FrequencyCells['cells'][number][] } => {
      if (marker === '')
        fail('PARSE_ERROR', `Empty marker name in column ${k + 2}`, ['line', headerLine]);
      return { marker, line: headerLine, field: marker, cells: [] };
    });
  const withN: { value: string; line: number; field: string }[] = [];
  for (const { line, cells } of rows.slice(1)) {
    if (cells.length > header.length) {
      fail('PARSE_ERROR', `Expected at most ${header.length} fields, found ${cells.length}`, [
        'line',
        line,
      ]);
    }
    const label = cells[0] ?? '';
    if (label === '') fail('PARSE_ERROR', 'Row has no allele label', ['line', line, 'Allele']);
    const isN = label.toUpperCase() === 'N';
    markers.forEach((m, k) => {
      const value = cells[k + 1] ?? '';
      if (isN) withN[k] = { value, line, field: m.marker };
      else if (value !== '' && !(NUMBER.test(value) && Number(value) === 0)) {
        m.cells.push({ allele: label, frequency: value, line, field: m.marker });
      }
    });
  }
  const groups = markers.map((m, k) => {
    const n = withN[k];
    return n !== undefined && n.value !== '' ? { ...m, n } : m;
  });
  return buildFrequencyTable(groups, options);
}

/**
 * Validate marker cells into a frequency table: labels, frequencies in (0, 1], unique alleles
 * and markers (by canonical name), sample size, per-marker sum (see `checkFrequencySum`).
 *
 * @param groups - markers with their cells, in table order
 * @param options - population, file, normalise, source, what N counts
 * @returns the table, rescaled markers and unknown marker names
 * @throws KindredError as {@link parseFrequencyWide}
 */
export function buildFrequencyTable(
  groups: readonly FrequencyCells[],
  options: ParseWideOptions,
): ParsedFrequencyTable {
  const file = options.file;
  const fail = (code: KindredErrorCode, detail: string, path: ErrorPath): never =>
    _fail(code, detail, path, file);
  const markers = new Map<string, MarkerFrequencies>();
  const normalised: NormalisedMarker[] = [];
  const unknown: string[] = [];
  const seenAt = new Map<string, number>();
  for (const g of groups) {
    const info = resolveMarkerName(g.marker);
    const name = info?.name ?? g.marker;
    const before = seenAt.get(name);
    if (before !== undefined) {
      fail(
        'INVALID_FREQUENCIES',
        `Marker ${name} appears twice (as "${g.marker}" on line ${g.line}, first on line ${before})`,
        ['line', g.line, g.field],
      );
    }
    seenAt.set(name, g.line);
    if (info === undefined) unknown.push(g.marker);
    if (g.cells.length === 0) {
      fail('INVALID_FREQUENCIES', `Marker ${name} has no allele frequencies`, [
        'line',
        g.line,
        g.field,
      ]);
    }
    const alleles: string[] = [];
    const frequencies: number[] = [];
    for (const c of g.cells) {
      const at = ['line', c.line, c.field];
      const label = validateAlleleLabel(c.allele, {
        marker: name,
        owner: `population "${options.population}"`,
        path: at,
        ...(file !== undefined ? { file } : {}),
      });
      if (alleles.includes(label)) {
        fail('INVALID_LOCUS', `Allele "${label}" of marker ${name} appears twice`, at);
      }
      const p = NUMBER.test(c.frequency) ? Number(c.frequency) : Number.NaN;
      if (!(p > 0 && p <= 1)) {
        fail(
          'INVALID_FREQUENCIES',
          `Frequency of allele "${label}" at marker ${name} must be a number in (0, 1], got ${JSON.stringify(c.frequency)}`,
          at,
        );
      }
      alleles.push(label);
      frequencies.push(p);
    }
    let n: number | undefined;
    if (g.n !== undefined) {
      const count = /^\d+$/.test(g.n.value) ? Number(g.n.value) : 0;
      if (!(count > 0)) {
        fail(
          'INVALID_FREQUENCIES',
          `Sample size N of marker ${name} must be a positive integer, got ${JSON.stringify(g.n.value)}`,
          ['line', g.n.line, g.n.field],
        );
      }
      n = options.nCounts === 'individuals' ? 2 * count : count;
    }
    const checked = checkFrequencySum(frequencies, {
      marker: name,
      population: options.population,
      path: ['line', g.line, g.field],
      ...(options.normalise === true ? { normalise: true } : {}),
      ...(file !== undefined ? { file } : {}),
    });
    if (checked.normalised) normalised.push({ marker: name, sum: checked.sum });
    markers.set(name, {
      alleles,
      frequencies: checked.frequencies,
      ...(n !== undefined ? { n } : {}),
    });
  }
  const source = options.source ?? file;
  const { table } = createFrequencyTable(
    { population: options.population, markers, ...(source !== undefined ? { source } : {}) },
    file !== undefined ? { file } : {},
  );
  return { table, normalised, unknownMarkers: unknown };
}

/**
 * Write a table in the wide layout (comma separated). Alleles are the union over markers, sorted
 * numerically where numeric; an `N` row is written when every marker has `n` (alleles typed).
 *
 * @example
 * ```ts
 * formatFrequencyWide(table); // => 'Allele,TH01\n6,0.25\n9.3,0.75\nN,404\n'
 * ```
 */
export function formatFrequencyWide(table: FrequencyTable): string {
  const names = [...table.markers.keys()];
  const entries = [...table.markers.values()];
  const all = [...new Set(entries.flatMap((e) => e.alleles))].sort(_compareLabels);
  const rows = [['Allele', ...names].map(_quote).join(',')];
  for (const a of all) {
    const cells = entries.map((e) => {
      const i = e.alleles.indexOf(a);
      return i < 0 ? '' : String(e.frequencies[i]);
    });
    rows.push([_quote(a), ...cells].join(','));
  }
  if (entries.every((e) => e.n !== undefined))
    rows.push(['N', ...entries.map((e) => String(e.n))].join(','));
  return `${rows.join('\n')}\n`;
}

function _compareLabels(a: string, b: string): number {
  const na = NUMBER.test(a);
  const nb = NUMBER.test(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Trimmed cells without the trailing empty ones (a spreadsheet pads rows). */
function _cells(fields: readonly string[]): string[] {
  const out = fields.map((f) => f.trim());
  while (out.length > 1 && out.at(-1) === '') out.pop();
  return out;
}

function _quote(cell: string): string {
  return /[",;\t\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
