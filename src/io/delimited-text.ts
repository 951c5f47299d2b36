/**
 * The one reader of delimited tables (CSV, semicolon CSV, TSV) used by every importer: the long
 * and wide frequency tables, GeneMapper exports and mutation files.
 *
 * - Delimiter: given, or detected from the first non-blank line (the one of `,` `;` tab that
 *   occurs most often there outside quotes), so a European spreadsheet's `;` CSV reads as well
 *   as a `,` CSV or a tab-separated export.
 * - Quotes (RFC 4180): a field that starts with `"` (after blanks) is quoted; `""` inside is one
 *   `"`; it may hold delimiters and line breaks; after the closing quote only blanks may come
 *   before the delimiter or the line end. An unterminated quote is an error naming its line.
 * - A UTF-8 byte order mark is dropped; lines end in CRLF, LF or CR; blank lines are skipped.
 * - Encoding: the text must be UTF-8. A file saved as Latin-1 / Windows-1252 (a spreadsheet's
 *   default in many labs) decodes with replacement characters (U+FFFD); it is refused with a
 *   message naming the line and saying to save it as UTF-8, never read with its accents lost.
 *
 * Fields are returned as written (unquoted, not trimmed); callers trim where the format says.
 *
 * @module
 */
import { KindredError } from '../errors.js';

/** A field delimiter of a table. */
export type Delimiter = ',' | ';' | '\t';

/** The delimiters {@link readDelimitedText} detects, in order of preference on a tie. */
export const DELIMITERS: readonly Delimiter[] = ['\t', ',', ';'];

/** One record (row) of a table. */
export interface DelimitedRecord {
  /** The 1-based line it starts on. */
  readonly line: number;
  /** Its fields, unquoted, as written. */
  readonly fields: string[];
}

/** A table read by {@link readDelimitedText}. */
export interface DelimitedTable {
  /** The delimiter used (given or detected). */
  readonly delimiter: Delimiter;
  /** The non-blank records, in order (the header first, when the format has one). */
  readonly records: DelimitedRecord[];
}

/** Options of {@link readDelimitedText}. */
export interface ReadDelimitedOptions {
  /** The delimiter, or `'auto'` (default) to detect it from the first non-blank line. */
  readonly delimiter?: Delimiter | 'auto';
  /** File named in errors. */
  readonly file?: string;
}

/**
 * The delimiter of a header line: the one of tab, `,` and `;` found most often outside quotes
 * (tab, then `,`, on a tie); `,` when none occurs.
 *
 * @param line - the first non-blank line of a table
 * @returns the delimiter
 * @example
 * ```ts
 * detectDelimiter('marker;allele;frequency'); // => ';'
 * ```
 */
export function detectDelimiter(line: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c as Delimiter))
      counts.set(c as Delimiter, (counts.get(c as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/**
 * Refuse text decoded from a file that is not UTF-8: a Latin-1 or Windows-1252 export (the
 * default in many labs) decodes with replacement characters (U+FFFD), and a name read that way
 * would be stored with its accents lost. Every importer calls this before reading a record.
 *
 * @param text - the file's text as decoded (UTF-8, invalid bytes replaced)
 * @param file - the file name for the error
 * @throws KindredError `PARSE_ERROR` naming the line, saying to save the file as UTF-8
 * @example
 * ```ts
 * checkUtf8Text('Jos\uFFFD\n', 'refs.txt'); // throws PARSE_ERROR: The file is not UTF-8 text (line 1 …
 * ```
 */
export function checkUtf8Text(text: string, file?: string): void {
  const bad = text.indexOf('\uFFFD');
  if (bad < 0) return;
  const line = text.slice(0, bad).split(/\r\n|\n|\r/).length;
  throw new KindredError(
    'PARSE_ERROR',
    `The file is not UTF-8 text (line ${line} has a byte that is not UTF-8, as in a Latin-1 or Windows-1252 export); save it as UTF-8 and import it again`,
    file !== undefined ? { path: ['line', line], file } : { path: ['line', line] },
  );
}

/**
 * Read a delimited table (see the module doc for the rules).
 *
 * @param text - the file's text
 * @param options - delimiter (default detected) and file name for errors
 * @returns the delimiter and the non-blank records with their line numbers
 * @throws KindredError `PARSE_ERROR` with path `['line', n]` for an unterminated quote, text
 *   after a closing quote, or text that is not UTF-8 (replacement characters)
 * @example
 * ```ts
 * readDelimitedText('a;b\n"x;1";2\n').records[1]?.fields; // => ['x;1', '2']
 * ```
 */
export function readDelimitedText(
  text: string,
  options: ReadDelimitedOptions = {},
): DelimitedTable {
  const file = options.file;
  const fail = (detail: string, line: number): never => {
    throw new KindredError(
      'PARSE_ERROR',
      detail,
      file !== undefined ? { path: ['line', line], file } : { path: ['line', line] },
    );
  };
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkUtf8Text(src, file);
  const requested = options.delimiter ?? 'auto';
  const delimiter =
    requested === 'auto'
      ? detectDelimiter(src.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '')
      : requested;
  const records: DelimitedRecord[] = [];
  let line = 1;
  let start = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let closed = false; // after a closing quote: only blanks until the delimiter or line end
  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && (fields[0] as string).trim() === '';
    if (!blank) records.push({ line: start, fields });
    fields = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        closed = true;
      } else {
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else if (closed) {
      if (c.trim() !== '') fail(`Unexpected ${JSON.stringify(c)} after a closing quote`, line);
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) fail(`Unterminated quoted field from line ${start}`, start);
  endRecord();
  return { delimiter, records };
}
