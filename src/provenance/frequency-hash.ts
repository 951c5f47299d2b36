/**
 * The identity of a frequency table: the SHA-256 of its canonical text, so the same numbers give
 * the same hash whatever file format they were read from (long CSV, Familias list, NIST/FBI wide
 * CSV, STRidER XML, a case file's `loci`), and changing one frequency changes the hash.
 *
 * Canonical text (`kindred-frequencies/1`): the line `kindred-frequencies/1`, then one line per
 * (marker, allele) — `JSON.stringify([marker, allele, frequency])` — sorted by marker, then
 * allele, in UTF-16 code-unit order, each line ending in `\n`. Marker names are canonical
 * (`canonicalMarkerName`: `VWA` and `vWA` are one marker; unknown names as written); a frequency
 * is written as JavaScript's shortest round-trip form of the double, so the text fixes every
 * bit of every number. Population names, sources, sample sizes (`n`) and marker order are not
 * part of the identity (not every format carries them); what an unseen-allele policy derives from
 * `n` is recorded separately in the provenance.
 *
 * @module
 */
import { sha256Hex } from '../_internal/sha256.js';
import { KindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type { Locus } from '../frequencies/locus.js';
import { canonicalMarkerName } from '../profile/markers.js';

/** First line of the canonical text, naming its version. */
export const CANONICAL_FREQUENCIES_FORMAT = 'kindred-frequencies/1';

/** One marker's alleles and frequencies, as any table or locus list has them. */
export interface FrequencyMarkerInput {
  /** Marker name as written (resolved to its canonical name). */
  readonly name: string;
  readonly alleles: readonly string[];
  /** In the order of `alleles`. */
  readonly frequencies: readonly number[];
}

/**
 * The canonical text of a set of markers (see the module doc for the exact form).
 *
 * @param markers - the markers, in any order
 * @returns the canonical text
 * @throws KindredError `INVALID_ARGUMENT` when two markers resolve to one canonical name, a
 *   marker lists an allele twice, or alleles and frequencies differ in length
 * @example
 * ```ts
 * canonicalFrequencyText([{ name: 'VWA', alleles: ['17', '16'], frequencies: [0.6, 0.4] }]);
 * // => 'kindred-frequencies/1\n["vWA","16",0.4]\n["vWA","17",0.6]\n'
 * ```
 */
export function canonicalFrequencyText(markers: Iterable<FrequencyMarkerInput>): string {
  const byName = new Map<string, [string, number][]>();
  for (const m of markers) {
    const name = canonicalMarkerName(m.name);
    if (byName.has(name)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Markers "${m.name}" and another name for ${name} are both in the table`,
        { path: ['markers', m.name] },
      );
    }
    if (m.alleles.length !== m.frequencies.length) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Marker ${m.name} has ${m.alleles.length} alleles but ${m.frequencies.length} frequencies`,
        { path: ['markers', m.name] },
      );
    }
    const rows = m.alleles.map((a, i): [string, number] => [a, m.frequencies[i]!]);
    rows.sort((x, y) => _cmp(x[0], y[0]));
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]![0] === rows[i - 1]![0]) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Allele "${rows[i]![0]}" appears twice at marker ${m.name}`,
          { path: ['markers', m.name] },
        );
      }
    }
    byName.set(name, rows);
  }
  const lines = [CANONICAL_FREQUENCIES_FORMAT];
  for (const name of [...byName.keys()].sort(_cmp)) {
    for (const [allele, p] of byName.get(name)!) lines.push(JSON.stringify([name, allele, p]));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * SHA-256 (hex) of a frequency table's canonical text.
 *
 * @param table - a validated table
 * @returns 64 hex digits
 * @example
 * ```ts
 * frequencyTableSHA256(parseFrequencyCsv(csv).table) === frequencyTableSHA256(parseFrequencyList(list).table); // => true (same numbers)
 * ```
 */
export function frequencyTableSHA256(table: FrequencyTable): string {
  return sha256Hex(
    canonicalFrequencyText(
      [...table.markers].map(([name, m]) => ({
        name,
        alleles: m.alleles,
        frequencies: m.frequencies,
      })),
    ),
  );
}

/**
 * SHA-256 (hex) of the canonical text of a case's loci (their alleles and frequencies): the
 * table a `kindred-case/1` or `kindred-dvi/1` document carries.
 *
 * @param loci - the case's loci
 * @returns 64 hex digits, equal to {@link frequencyTableSHA256} of a table with the same numbers
 * @example
 * ```ts
 * lociFrequencySHA256(kcase.loci).length; // => 64
 * ```
 */
export function lociFrequencySHA256(loci: readonly Locus[]): string {
  return sha256Hex(canonicalFrequencyText(loci));
}

function _cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
