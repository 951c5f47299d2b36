/**
 * Line-by-line reading of a Familias `.fam` file: every value sits on its own line, strings in
 * double quotes (removed here, as pedFamilias' reader does). Errors name the file and line and
 * say what was expected there.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { PersonRecord, Sex } from '../pedigree/pedigree.js';

/**
 * A cursor over the lines of a `.fam` file.
 *
 * @example
 * ```ts
 * const c = new FamCursor('"x"\n3\n');
 * c.take('title'); // => 'x'
 * c.int('count'); // => 3
 * ```
 */
export class FamCursor {
  /** Lines with quotes removed and trailing white space trimmed. */
  readonly lines: readonly string[];
  /** 1-based number of the last line taken (0 before the first). */
  line = 0;

  /**
   * @param text - the whole file
   * @param file - file named in errors
   */
  constructor(
    text: string,
    readonly file?: string,
  ) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.lines = body.split(/\r\n|\n|\r/).map((l) => l.replace(/"/g, '').trimEnd());
  }

  /** The next line, without taking it (undefined at the end). */
  peek(): string | undefined {
    return this.lines[this.line];
  }

  /** Take the next line. @throws KindredError `PARSE_ERROR` at the end of the file */
  take(what: string): string {
    const text = this.lines[this.line];
    if (text === undefined)
      this.fail(`Expected ${what} on line ${this.line + 1}, but the file ends`, this.line + 1);
    this.line += 1;
    return text as string;
  }

  /** Take a line that must read `expected`. */
  expect(expected: string): void {
    const text = this.take(`"${expected}"`);
    if (text.trim() !== expected) {
      this.fail(
        `Expected line ${this.line} to be "${expected}", found ${JSON.stringify(text)}`,
        this.line,
      );
    }
  }

  /** Take a line holding an integer. */
  int(what: string): number {
    const text = this.take(what);
    return this.intOf(text, what, this.line);
  }

  /**
   * Take a line holding a count of items that each take at least `linesPerItem` of the lines
   * that follow: refused at once when it is negative or when the rest of the file cannot hold
   * that many, so that no count read from a file allocates more than the file describes.
   *
   * @param what - what is counted, named in the error
   * @param linesPerItem - the fewest lines one item takes (0 for items that take none but must
   *   each be named on a later line, counted as 1)
   * @returns the count
   * @throws KindredError `PARSE_ERROR` naming the line, the count and the lines left
   */
  count(what: string, linesPerItem: number): number {
    const n = this.int(what);
    const left = this.lines.length - this.line;
    if (n < 0)
      this.fail(`Line ${this.line} gives ${what} as ${n}; a count cannot be negative`, this.line);
    if (n * Math.max(1, linesPerItem) > left) {
      this.fail(
        `Line ${this.line} gives ${what} as ${n}, more than the ${left} line(s) left in the file can hold`,
        this.line,
      );
    }
    return n;
  }

  /** Read an integer from `text` (found on `line`). */
  intOf(text: string, what: string, line: number): number {
    if (!/^\s*-?\d+\s*$/.test(text)) {
      this.fail(`Expected line ${line} to be ${what}, found ${JSON.stringify(text)}`, line);
    }
    return Number(text);
  }

  /** Take a line holding a number (`1e-006` allowed). */
  num(what: string): number {
    const text = this.take(what).trim();
    const value = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)
      ? Number(text)
      : Number.NaN;
    if (!Number.isFinite(value)) {
      this.fail(
        `Expected line ${this.line} to be ${what}, found ${JSON.stringify(text)}`,
        this.line,
      );
    }
    return value;
  }

  /** 0-based index of the first line after the current one that reads `marker`, if any. */
  findSection(marker: string): number | undefined {
    for (let i = this.line; i < this.lines.length; i++)
      if (this.lines[i]?.trim() === marker) return i;
    return undefined;
  }

  /** Throw `PARSE_ERROR` at a line. */
  fail(detail: string, line: number): never {
    throw new KindredError('PARSE_ERROR', detail, {
      path: ['line', line],
      ...(this.file !== undefined ? { file: this.file } : {}),
    });
  }

  /** Throw `UNSUPPORTED` at a line (default the current one). */
  unsupported(what: string, line: number = this.line): never {
    throw new KindredError(
      'UNSUPPORTED',
      `Familias file uses ${what}, which Kindred does not read`,
      {
        path: ['line', line],
        ...(this.file !== undefined ? { file: this.file } : {}),
      },
    );
  }
}

/**
 * Pedigree rows from ids, sexes and (parent, child, line) pairs: each listed parent becomes the
 * father or mother by sex; a child with one parent gets an added founder of the other sex.
 *
 * @throws KindredError `PARSE_ERROR` when an index is out of range or a child has two fathers
 */
export function buildRecords(
  ids: readonly string[],
  sexes: readonly Sex[],
  pairs: readonly [number, number, number][],
  c: FamCursor,
): PersonRecord[] {
  const allIds = [...ids];
  const allSexes = [...sexes];
  const father = new Map<number, number>();
  const mother = new Map<number, number>();
  for (const [parent, child, line] of pairs) {
    if (allIds[parent] === undefined || allIds[child] === undefined) {
      c.fail(
        `Relation ${parent} → ${child} names a person index outside 0..${allIds.length - 1}`,
        line,
      );
    }
    const slot = allSexes[parent] === 'male' ? father : mother;
    const before = slot.get(child);
    if (before !== undefined && before !== parent) {
      c.fail(
        `"${allIds[child]}" has two ${slot === father ? 'fathers' : 'mothers'}: "${allIds[before]}" and "${allIds[parent]}"`,
        line,
      );
    }
    slot.set(child, parent);
  }
  const n = allIds.length;
  for (let child = 0; child < n; child++) {
    const hasF = father.has(child);
    if (hasF === mother.has(child)) continue;
    const id = `added_${allIds[child]}_${hasF ? 'mother' : 'father'}`;
    allIds.push(id);
    allSexes.push(hasF ? 'female' : 'male');
    (hasF ? mother : father).set(child, allIds.length - 1);
  }
  return allIds.map((id, i) => ({
    id,
    father: father.has(i) ? (allIds[father.get(i) as number] as string) : null,
    mother: mother.has(i) ? (allIds[mother.get(i) as number] as string) : null,
    sex: allSexes[i] as Sex,
  }));
}
