/**
 * From one sample's raw calls in a lab file (rows or elements, each with its line) to a validated
 * profile, or a rejection naming file, line and field. Shared by the GeneMapper and CODIS CMF
 * importers.
 *
 * Rules: a call with no alleles is an untyped marker (absent from the profile); one allele is a
 * homozygote (`Allele 2` left empty); three or more are refused (tri-allelic); `OL` (off-ladder)
 * is refused, or with `offLadder: 'drop-marker'` the marker is left out and a warning says so;
 * markers outside the marker table are kept under their written name with a warning (or skipped,
 * or refused: `unknownMarkers`); the same marker twice is a warning when the calls agree and a
 * rejection when they differ.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { validateAlleleLabel } from '../frequencies/allele-label.js';
import { sameGenotype } from '../profile/genotype.js';
import { resolveMarkerName } from '../profile/markers.js';
import { createProfile, type Profile, type ProfileKind } from '../profile/profile.js';
import type { ImportWarning, RejectedRecord } from './import-report.js';

/** One marker call of a sample: the alleles as written, where they were. */
export interface MarkerCall {
  readonly marker: string;
  readonly alleles: readonly string[];
  readonly line: number;
  /** Field holding the marker name (`Marker`, `LOCUSNAME`). */
  readonly markerField: string;
  /** Field of each allele (`Allele 1`, `ALLELEVALUE`), same length as `alleles`. */
  readonly alleleFields: readonly string[];
  /** Line of each allele when they differ (XML elements); default `line`. */
  readonly alleleLines?: readonly number[];
}

/** Everything read for one sample. */
export interface SampleCalls {
  readonly id: string;
  readonly kind: ProfileKind;
  /** Line of the sample's first row or element. */
  readonly line: number;
  readonly calls: readonly MarkerCall[];
}

/** Options of {@link buildLabProfile} (and of the importers). */
export interface LabProfileOptions {
  readonly file?: string;
  /** `'reject'` (default) refuses a sample with an `OL` call; `'drop-marker'` leaves the marker out. */
  readonly offLadder?: 'reject' | 'drop-marker';
  /** Markers outside the marker table: `'keep'` (default, warned), `'skip'` (warned) or `'reject'`. */
  readonly unknownMarkers?: 'keep' | 'skip' | 'reject';
}

/** Result of {@link buildLabProfile}: a profile or a rejection, and warnings either way. */
export interface LabProfileResult {
  readonly profile?: Profile;
  readonly rejected?: RejectedRecord;
  readonly warnings: readonly ImportWarning[];
}

const OFF_LADDER = /^OL$/i;

/**
 * Build one sample's profile from its calls.
 *
 * @param sample - id, kind, first line and calls
 * @param options - file, off-ladder and unknown-marker policies
 * @returns the profile, or the rejection (code, `['line', n, field]` path, message naming the
 *   sample, marker and value), plus warnings
 * @example
 * ```ts
 * const r = buildLabProfile({ id: 'S1', kind: 'reference', line: 2, calls: [
 *   { marker: 'TH01', alleles: ['9.3'], line: 2, markerField: 'Marker', alleleFields: ['Allele 1'] },
 * ] });
 * r.profile?.genotypes.get('TH01'); // => ['9.3', '9.3']
 * ```
 */
export function buildLabProfile(
  sample: SampleCalls,
  options: LabProfileOptions = {},
): LabProfileResult {
  const warnings: ImportWarning[] = [];
  const who = `Sample "${sample.id}"`;
  const reject = (code: KindredError['code'], detail: string, line: number, field: string) => ({
    rejected: {
      id: sample.id,
      error: new KindredError(code, detail, {
        path: ['line', line, field],
        ...(options.file !== undefined ? { file: options.file } : {}),
      }),
    },
    warnings,
  });
  const kept = new Map<string, MarkerCall & { readonly pair: [string, string] }>();
  for (const call of sample.calls) {
    if (call.alleles.length === 0) continue;
    const info = resolveMarkerName(call.marker);
    if (info === undefined) {
      const policy = options.unknownMarkers ?? 'keep';
      if (policy === 'reject') {
        return reject(
          'UNKNOWN_MARKER',
          `${who} has a call at unknown marker "${call.marker}"`,
          call.line,
          call.markerField,
        );
      }
      warnings.push({
        id: sample.id,
        line: call.line,
        field: call.markerField,
        message: `marker "${call.marker}" is not in the marker table: ${policy === 'keep' ? 'kept under that name' : 'left out'}`,
      });
      if (policy === 'skip') continue;
    }
    const ol = call.alleles.findIndex((a) => OFF_LADDER.test(a));
    if (ol >= 0) {
      const field = call.alleleFields[ol] ?? call.markerField;
      if (options.offLadder !== 'drop-marker') {
        return reject(
          'INVALID_ALLELE',
          `${who} has an off-ladder call "${call.alleles[ol]}" at marker ${call.marker}; re-type it, or import with --off-ladder drop-marker (library: offLadder 'drop-marker') to leave the marker out`,
          call.alleleLines?.[ol] ?? call.line,
          field,
        );
      }
      warnings.push({
        id: sample.id,
        line: call.alleleLines?.[ol] ?? call.line,
        field,
        message: `off-ladder call at marker ${call.marker}: marker left out`,
      });
      continue;
    }
    if (call.alleles.length > 2) {
      return reject(
        'INVALID_GENOTYPE',
        `${who} has ${call.alleles.length} alleles at marker ${call.marker} (${call.alleles.map((a) => `"${a}"`).join(', ')}): tri-allelic patterns are not supported`,
        call.alleleLines?.[2] ?? call.line,
        call.alleleFields[2] ?? call.markerField,
      );
    }
    for (const [i, allele] of call.alleles.entries()) {
      try {
        validateAlleleLabel(allele, { marker: call.marker, owner: `sample "${sample.id}"` });
      } catch (e) {
        const err = e as KindredError;
        const line = call.alleleLines?.[i] ?? call.line;
        return reject(err.code, err.detail, line, call.alleleFields[i] ?? call.markerField);
      }
    }
    const pair: [string, string] = [
      call.alleles[0] as string,
      call.alleles[1] ?? (call.alleles[0] as string),
    ];
    const key = info?.name ?? call.marker;
    const before = kept.get(key);
    if (before !== undefined) {
      if (!sameGenotype(before.pair, pair)) {
        return reject(
          'INVALID_GENOTYPE',
          `${who} has marker ${key} twice with different calls: ${before.pair.join(',')} (line ${before.line}) and ${pair.join(',')}`,
          call.line,
          call.markerField,
        );
      }
      warnings.push({
        id: sample.id,
        line: call.line,
        field: call.markerField,
        message: `marker ${key} repeated with the same call as line ${before.line}`,
      });
      continue;
    }
    kept.set(key, { ...call, pair });
  }
  const byWritten = new Map([...kept.values()].map((c) => [c.marker, c]));
  try {
    const profile = createProfile(
      {
        id: sample.id,
        kind: sample.kind,
        genotypes: new Map([...byWritten].map(([m, c]) => [m, c.pair])),
      },
      options.file !== undefined ? { file: options.file } : {},
    );
    return { profile, warnings };
  } catch (e) {
    if (!(e instanceof KindredError)) throw e;
    const at = e.path.indexOf('genotypes');
    const call = at >= 0 ? byWritten.get(String(e.path[at + 1])) : undefined;
    return reject(e.code, e.detail, call?.line ?? sample.line, call?.markerField ?? 'sample');
  }
}
