/**
 * Frequency files: the long CSV of `../shared/data/frequencies/` (`marker,allele,frequency[,n]`)
 * and the Familias/pedtools "list" text format (a marker-name line, then `allele<TAB>frequency`
 * lines, a blank line between markers). Both are read into a validated `FrequencyTable` and
 * written back so that format-then-parse gives the same table: numbers are written with
 * `String(x)`, the shortest text that reads back to the same IEEE-754 double.
 *
 * Marker names resolve to canonical names through the alias table; markers not in that table keep
 * their name as written and are listed in `unknownMarkers`. Errors name the file, the line and the
 * field (`path: ['line', 12, 'frequency']`) and the value.
 *
 * @module
 */
import { type ErrorPath, KindredError, type KindredErrorCode } from '../errors.js';
import { validateAlleleLabel } from '../frequencies/allele-label.js';
import {
  checkFrequencySum,
  createFrequencyTable,
  type FrequencyTable,
  type MarkerFrequencies,
  type NormalisedMarker,
} from '../frequencies/frequency-table.js';
import { isNumericAllele } from '../profile/allele.js';
import { resolveMarkerName } from '../profile/markers.js';
import { readDelimitedText } from './delimited-text.js';

/** Options of {@link parseFrequencyCsv} and {@link parseFrequencyList}. */
export interface ParseFrequencyOptions {
  /** Population name of the table. */
  readonly population: string;
  /** File named in errors (and the default `source`). */
  readonly file?: string;
  /** Rescale markers whose sum is off by more than 1e-5 instead of throwing (reported). */
  readonly normalise?: boolean;
  /** Where the numbers came from; default `file`. */
  readonly source?: string;
}

/** Result of reading a frequency file. */
export interface ParsedFrequencyTable {
  readonly table: FrequencyTable;
  /** Markers rescaled because `normalise: true` and their sum was off. */
  readonly normalised: readonly NormalisedMarker[];
  /** Marker names (as written) that are not in the marker table; kept under that name. */
  readonly unknownMarkers: readonly string[];
}

interface _Row {
  readonly line: number;
  readonly marker: string;
  readonly allele: string;
  readonly frequency: string;
  readonly n?: string;
}

const COLUMNS = ['marker', 'allele', 'frequency', 'n'];
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Read the long CSV format: header `marker,allele,frequency` with an optional `n` column (any
 * order, case-insensitive), read by the one table reader (`readDelimitedText`: `,` `;` or tab
 * detected from the header, RFC 4180 quoting, BOM, CRLF or LF line ends, blank lines ignored,
 * text that is not UTF-8 refused).
 *
 * @param text - file contents
 * @param options - population, file, normalise, source
 * @returns the table, rescaled markers and unknown marker names
 * @throws KindredError `PARSE_ERROR` (header, field count, quoting, empty marker),
 *   `INVALID_FREQUENCIES` (number, range, n, sum, repeated marker spelling), `INVALID_LOCUS`
 *   (duplicate allele), `INVALID_ALLELE` (label such as `OL`)
 * @example
 * ```ts
 * const r = parseFrequencyCsv('marker,allele,frequency\nVWA,16,0.4\nVWA,17,0.6\n', { population: 'demo' });
 * r.table.markers.get('vWA')?.alleles; // => ['16', '17']
 * ```
 */
export function parseFrequencyCsv(
  text: string,
  options: ParseFrequencyOptions,
): ParsedFrequencyTable {
  const fail = (detail: string, line: number): never =>
    _fail('PARSE_ERROR', detail, ['line', line], options.file);
  const [header, ...records] = readDelimitedText(
    text,
    options.file !== undefined ? { file: options.file } : {},
  ).records;
  const expected = 'expected marker,allele,frequency[,n]';
  if (header === undefined) return fail(`Frequency CSV is empty: ${expected}`, 1);
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  columns.forEach((c, i) => {
    if (!COLUMNS.includes(c) || columns.indexOf(c) !== i) {
      fail(`Header column "${header.fields[i]}" is unknown or repeated; ${expected}`, header.line);
    }
  });
  const missing = COLUMNS.slice(0, 3).find((c) => !columns.includes(c));
  if (missing !== undefined) fail(`Header lacks column "${missing}"; ${expected}`, header.line);
  const rows = records.map((record): _Row => {
    const cell = (name: string) => record.fields[columns.indexOf(name)]?.trim() ?? '';
    if (record.fields.length !== columns.length) {
      const found = JSON.stringify(record.fields.join(','));
      fail(
        `Expected ${columns.length} fields, found ${record.fields.length}: ${found}`,
        record.line,
      );
    }
    const n = columns.includes('n') ? cell('n') : '';
    return {
      line: record.line,
      marker: cell('marker'),
      allele: cell('allele'),
      frequency: cell('frequency'),
      ...(n !== '' ? { n } : {}),
    };
  });
  return _buildTable(rows, options, 'CSV');
}

/**
 * Read the Familias/pedtools "list" format. A line is an allele line when it has two tab-separated
 * fields, or two space-separated fields of which the second is a number or the first a repeat
 * number; any other non-blank line names a marker (so `Penta E` works). Blank lines are optional.
 *
 * @param text - file contents
 * @param options - population, file, normalise, source
 * @returns the table (no `n`: the format has none), rescaled markers and unknown marker names
 * @throws KindredError as {@link parseFrequencyCsv}; `PARSE_ERROR` also for an allele line before
 *   any marker, a marker without alleles, or a line with too many fields
 * @example
 * ```ts
 * parseFrequencyList('TH01\n6\t0.25\n9.3\t0.75\n', { population: 'demo' }).table.markers.get('TH01')?.frequencies; // => [0.25, 0.75]
 * ```
 */
export function parseFrequencyList(
  text: string,
  options: ParseFrequencyOptions,
): ParsedFrequencyTable {
  const fail = (code: KindredErrorCode, detail: string, path: ErrorPath): never =>
    _fail(code, detail, path, options.file);
  const rows: _Row[] = [];
  const blocks = new Map<string, number>();
  let marker: { name: string; line: number; alleles: number } | undefined;
  const closeMarker = () => {
    if (marker !== undefined && marker.alleles === 0) {
      fail('PARSE_ERROR', `Marker "${marker.name}" has no allele lines`, ['line', marker.line]);
    }
  };
  const lines = _stripBom(text).split(/\r\n|\n|\r/);
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    const kind = _classifyListLine(raw, marker !== undefined);
    if (kind === 'blank') continue;
    if (kind === 'bad') {
      const detail = `Expected "allele<TAB>frequency", found ${JSON.stringify(raw)}`;
      return fail('PARSE_ERROR', detail, ['line', line]);
    }
    if (kind === 'marker') {
      closeMarker();
      const name = raw.trim();
      const canonical = resolveMarkerName(name)?.name ?? name;
      const first = blocks.get(canonical);
      if (first !== undefined) {
        const detail = `Marker ${canonical} appears twice (lines ${first} and ${line})`;
        fail('INVALID_FREQUENCIES', detail, ['line', line, 'marker']);
      }
      blocks.set(canonical, line);
      marker = { name, line, alleles: 0 };
      continue;
    }
    if (marker === undefined) {
      const detail = `Allele line ${JSON.stringify(raw)} comes before any marker name`;
      return fail('PARSE_ERROR', detail, ['line', line]);
    }
    const [allele, frequency] = kind;
    marker.alleles += 1;
    rows.push({ line, marker: marker.name, allele, frequency });
  }
  closeMarker();
  return _buildTable(rows, options, 'list');
}

/**
 * Classify a line of the list format: blank, a marker name, an allele line `[allele, frequency]`,
 * or bad (an allele line with a missing or extra field).
 */
function _classifyListLine(
  raw: string,
  inMarker: boolean,
): 'blank' | 'marker' | 'bad' | readonly [string, string] {
  const trimmed = raw.trim();
  if (trimmed === '') return 'blank';
  const tabbed = raw.includes('\t');
  const fields = tabbed
    ? raw
        .split('\t')
        .map((f) => f.trim())
        .filter((f) => f !== '')
    : trimmed.split(/\s+/);
  const [first, second] = fields as [string, string | undefined];
  if (fields.length === 2 && second !== undefined) {
    return tabbed || NUMBER.test(second) || isNumericAllele(first) ? [first, second] : 'marker';
  }
  if (fields.length > 2) return tabbed || NUMBER.test(fields.at(-1) as string) ? 'bad' : 'marker';
  return inMarker && isNumericAllele(first) ? 'bad' : 'marker';
}

/**
 * Write a table as the long CSV format (LF line ends, fields quoted only where needed). The `n`
 * column is written when any marker has `n` (empty cells for markers without).
 *
 * @example
 * ```ts
 * formatFrequencyCsv(table); // => 'marker,allele,frequency\nTH01,6,0.25\nTH01,9.3,0.75\n'
 * ```
 */
export function formatFrequencyCsv(table: FrequencyTable): string {
  const withN = [...table.markers.values()].some((m) => m.n !== undefined);
  const lines = [withN ? 'marker,allele,frequency,n' : 'marker,allele,frequency'];
  for (const [name, entry] of table.markers) {
    entry.alleles.forEach((allele, i) => {
      const cells = [_quote(name), _quote(allele), String(entry.frequencies[i])];
      if (withN) cells.push(entry.n === undefined ? '' : String(entry.n));
      lines.push(cells.join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Write a table in the Familias/pedtools "list" format. The format has no sample size: `n` is not
 * written.
 *
 * @example
 * ```ts
 * formatFrequencyList(table); // => 'TH01\n6\t0.25\n9.3\t0.75\n'
 * ```
 */
export function formatFrequencyList(table: FrequencyTable): string {
  const blocks = [...table.markers].map(([name, entry]) =>
    [name, ...entry.alleles.map((a, i) => `${a}\t${String(entry.frequencies[i])}`)].join('\n'),
  );
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

interface _Group {
  readonly written: string;
  readonly lines: number[];
  readonly alleles: Map<string, number>;
  readonly frequencies: number[];
  n: number | undefined;
}

function _buildTable(
  rows: readonly _Row[],
  options: ParseFrequencyOptions,
  kind: 'CSV' | 'list',
): ParsedFrequencyTable {
  const file = options.file;
  const fail = (code: KindredErrorCode, detail: string, path: ErrorPath): never =>
    _fail(code, detail, path, file);
  if (rows.length === 0) fail('INVALID_FREQUENCIES', `${kind} file has no frequency rows`, []);
  const groups = new Map<string, _Group>();
  const unknown: string[] = [];
  for (const row of rows) {
    const at = (field: string) => ['line', row.line, field];
    if (row.marker === '') fail('PARSE_ERROR', 'Empty marker name', at('marker'));
    const info = resolveMarkerName(row.marker);
    const name = info?.name ?? row.marker;
    const group = groups.get(name) ?? {
      written: row.marker,
      lines: [],
      alleles: new Map<string, number>(),
      frequencies: [],
      n: undefined,
    };
    if (!groups.has(name)) {
      groups.set(name, group);
      if (info === undefined) unknown.push(row.marker);
    }
    if (group.written !== row.marker) {
      fail(
        'INVALID_FREQUENCIES',
        `Marker ${name} is written both as "${group.written}" (line ${group.lines[0]}) and as "${row.marker}"`,
        at('marker'),
      );
    }
    const label = validateAlleleLabel(row.allele, {
      marker: name,
      owner: `population "${options.population}"`,
      path: at('allele'),
      ...(file !== undefined ? { file } : {}),
    });
    const seenAt = group.alleles.get(label);
    if (seenAt !== undefined) {
      const detail = `Allele "${label}" of marker ${name} appears twice (lines ${seenAt} and ${row.line})`;
      fail('INVALID_LOCUS', detail, at('allele'));
    }
    const frequency = NUMBER.test(row.frequency) ? Number(row.frequency) : Number.NaN;
    if (!(frequency > 0 && frequency <= 1)) {
      const detail = `Frequency of allele "${label}" at marker ${name} must be a number in (0, 1], got ${JSON.stringify(row.frequency)}`;
      fail('INVALID_FREQUENCIES', detail, at('frequency'));
    }
    const n = row.n === undefined ? undefined : /^[1-9]\d*$/.test(row.n) ? Number(row.n) : -1;
    if (n === -1) {
      const detail = `Sample size n of marker ${name} must be a positive integer, got ${JSON.stringify(row.n)}`;
      fail('INVALID_FREQUENCIES', detail, at('n'));
    }
    if (group.lines.length > 0 && n !== group.n) {
      const detail = `Marker ${name} has n = ${String(group.n)} at line ${group.lines[0]} but n = ${String(n)} here`;
      fail('INVALID_FREQUENCIES', detail, at('n'));
    }
    group.n = n;
    group.lines.push(row.line);
    group.alleles.set(label, row.line);
    group.frequencies.push(frequency);
  }
  const markers = new Map<string, MarkerFrequencies>();
  const normalised: NormalisedMarker[] = [];
  for (const [name, group] of groups) {
    const checked = checkFrequencySum(group.frequencies, {
      marker: `${name} (lines ${group.lines[0]}-${group.lines.at(-1)})`,
      population: options.population,
      path: ['marker', name],
      ...(options.normalise === true ? { normalise: true } : {}),
      ...(file !== undefined ? { file } : {}),
    });
    if (checked.normalised) normalised.push({ marker: name, sum: checked.sum });
    const n = group.n !== undefined ? { n: group.n } : {};
    markers.set(name, {
      alleles: [...group.alleles.keys()],
      frequencies: checked.frequencies,
      ...n,
    });
  }
  const source = options.source ?? file;
  const { table } = createFrequencyTable(
    { population: options.population, markers, ...(source !== undefined ? { source } : {}) },
    file !== undefined ? { file } : {},
  );
  return { table, normalised, unknownMarkers: unknown };
}

function _stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function _quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Throw a KindredError at `path`, naming `file` when known (shared by the frequency readers). */
export function _fail(
  code: KindredErrorCode,
  detail: string,
  path: ErrorPath,
  file: string | undefined,
): never {
  throw new KindredError(code, detail, file !== undefined ? { path, file } : { path });
}
