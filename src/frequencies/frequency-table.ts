/**
 * Allele frequency tables: one population, several markers, validated once and then trusted.
 *
 * Frequencies are used exactly as given when they sum to 1 within {@link FREQUENCY_TOLERANCE}
 * (published tables are rounded: STRidER's to 6 significant digits, off by up to 2e-6). Outside
 * the tolerance they are an error unless the caller asks to normalise, and then every rescaled
 * marker is reported.
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';
import { validateAlleleLabel } from './allele-label.js';
import { MAX_ALLELES_PER_LOCUS } from './locus.js';

/** Largest accepted |sum − 1| of a marker's frequencies. */
export const FREQUENCY_TOLERANCE = 1e-5;

/** The alleles of one marker with their frequencies. */
export interface MarkerFrequencies {
  /** Allele labels, unique, in table order. */
  readonly alleles: readonly string[];
  /** Frequencies in the order of `alleles`, each in (0, 1]. */
  readonly frequencies: readonly number[];
  /** Number of alleles (chromosomes) typed, when known: 2 × individuals for autosomal data. */
  readonly n?: number;
}

/** A validated frequency table of one population. */
export interface FrequencyTable {
  /** Population name (`'Europe'`, `'fbi2015-caucasian'`). */
  readonly population: string;
  /** Markers by name (canonical names when read through `io/frequency-file`). */
  readonly markers: ReadonlyMap<string, MarkerFrequencies>;
  /** Where the numbers came from (file, paper). */
  readonly source?: string;
}

/** Input of {@link createFrequencyTable}: markers as a Map or a plain record. */
export interface FrequencyTableInput {
  readonly population: string;
  readonly markers:
    | ReadonlyMap<string, MarkerFrequencies>
    | Readonly<Record<string, MarkerFrequencies>>;
  readonly source?: string;
}

/** A marker whose frequencies were rescaled because the caller asked to normalise. */
export interface NormalisedMarker {
  readonly marker: string;
  /** The sum before rescaling. */
  readonly sum: number;
}

/** Result of {@link createFrequencyTable}. */
export interface CreateFrequencyTableResult {
  readonly table: FrequencyTable;
  /** Markers rescaled to sum 1 (empty unless `normalise: true` and a sum was off). */
  readonly normalised: readonly NormalisedMarker[];
}

/** Options of {@link createFrequencyTable} and {@link checkFrequencySum}. */
export interface FrequencyOptions {
  /** Rescale markers whose sum is outside the tolerance instead of throwing (reported). */
  readonly normalise?: boolean;
  /** File named in errors. */
  readonly file?: string;
  /** Path prefix of the table in the input. */
  readonly path?: ErrorPath;
  /**
   * Accept the reserved silent-allele label `silent` (degraded-dna.md) as an allele with its
   * frequency (default false: refused, `UNSUPPORTED`). Only for tables whose consumers honour
   * it, e.g. the programme store's (its search index does).
   */
  readonly silent?: boolean;
}

/** Result of {@link checkFrequencySum}. */
export interface FrequencySumCheck {
  /** The frequencies as given, or rescaled when `normalised`. */
  readonly frequencies: readonly number[];
  /** Σ frequencies as given. */
  readonly sum: number;
  readonly normalised: boolean;
}

/**
 * Check that a marker's frequencies sum to 1 within {@link FREQUENCY_TOLERANCE}.
 *
 * Within the tolerance the values are returned unchanged (never renormalised). Outside it they
 * are an error, or with `normalise: true` rescaled as `p_i / Σp`.
 *
 * @param frequencies - the marker's frequencies (each already checked to be in (0, 1])
 * @param context - marker and population named in the message; normalise, file and path
 * @returns the frequencies to use, their sum, and whether they were rescaled
 * @throws KindredError `INVALID_FREQUENCIES` naming file, population, marker and sum
 * @example
 * ```ts
 * checkFrequencySum([0.2, 0.3, 0.5], { marker: 'TH01' }).normalised; // => false
 * checkFrequencySum([0.2, 0.2], { marker: 'TH01', normalise: true }).frequencies; // => [0.5, 0.5]
 * ```
 */
export function checkFrequencySum(
  frequencies: readonly number[],
  context: FrequencyOptions & { readonly marker: string; readonly population?: string },
): FrequencySumCheck {
  let sum = 0;
  for (const p of frequencies) sum += p;
  if (Math.abs(sum - 1) <= FREQUENCY_TOLERANCE) return { frequencies, sum, normalised: false };
  if (context.normalise === true) {
    return { frequencies: frequencies.map((p) => p / sum), sum, normalised: true };
  }
  const population =
    context.population !== undefined ? ` of population "${context.population}"` : '';
  throw new KindredError(
    'INVALID_FREQUENCIES',
    `Frequencies of marker ${context.marker}${population} sum to ${sum}, not 1 within ${FREQUENCY_TOLERANCE} (pass normalise: true to rescale)`,
    _options(context, context.path ?? []),
  );
}

/**
 * Validate a frequency table.
 *
 * Rules: population a non-empty string; each marker a non-empty name with at least one allele;
 * `alleles` and `frequencies` of equal length; labels valid (see `validateAlleleLabel`) and
 * unique; each frequency a finite number in (0, 1]; `n`, when given, a positive integer; each
 * marker summing to 1 within the tolerance (see {@link checkFrequencySum}). Marker names are
 * kept exactly as given (alias resolution is the reader's job, see `io/frequency-file`).
 *
 * @param input - population, markers (Map or record) and optional source
 * @param options - normalise, file, path prefix
 * @returns the frozen table and the list of rescaled markers
 * @throws KindredError `INVALID_FREQUENCIES` (range, sum, length, n), `INVALID_LOCUS` (duplicate
 *   allele), `INVALID_ALLELE` (bad label), `INVALID_ARGUMENT` (population, marker name)
 * @example
 * ```ts
 * const { table } = createFrequencyTable({
 *   population: 'demo',
 *   markers: { TH01: { alleles: ['6', '9.3'], frequencies: [0.4, 0.6] } },
 * });
 * table.markers.get('TH01')?.frequencies; // => [0.4, 0.6]
 * ```
 */
export function createFrequencyTable(
  input: FrequencyTableInput,
  options: FrequencyOptions = {},
): CreateFrequencyTableResult {
  const base = options.path ?? [];
  if (typeof input.population !== 'string' || input.population.trim() === '') {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Population name must be a non-empty string, got ${JSON.stringify(input.population)}`,
      _options(options, [...base, 'population']),
    );
  }
  const entries: [string, MarkerFrequencies][] =
    input.markers instanceof Map
      ? [...input.markers.entries()]
      : Object.entries(input.markers as Readonly<Record<string, MarkerFrequencies>>);
  const markers = new Map<string, MarkerFrequencies>();
  const normalised: NormalisedMarker[] = [];
  for (const [marker, entry] of entries) {
    const path = [...base, 'markers', marker];
    const checked = _checkMarker(marker, entry, input.population, options, path);
    const sum = checkFrequencySum(checked.frequencies, {
      ...options,
      marker,
      population: input.population,
      path: [...path, 'frequencies'],
    });
    if (sum.normalised) normalised.push({ marker, sum: sum.sum });
    markers.set(
      marker,
      Object.freeze({
        alleles: Object.freeze(checked.alleles),
        frequencies: Object.freeze([...sum.frequencies]),
        ...(entry.n !== undefined ? { n: entry.n } : {}),
      }),
    );
  }
  const table: FrequencyTable = Object.freeze({
    population: input.population,
    markers,
    ...(input.source !== undefined ? { source: input.source } : {}),
  });
  return { table, normalised };
}

function _checkMarker(
  marker: string,
  entry: MarkerFrequencies,
  population: string,
  options: FrequencyOptions,
  path: ErrorPath,
): { alleles: string[]; frequencies: number[] } {
  if (marker.trim() === '') {
    throw new KindredError('INVALID_ARGUMENT', 'Empty marker name', _options(options, path));
  }
  if (typeof entry !== 'object' || entry === null) {
    throw new KindredError(
      'INVALID_FREQUENCIES',
      `Marker ${marker} of population "${population}" must be an object {alleles, frequencies, n?}`,
      _options(options, path),
    );
  }
  const { alleles, frequencies, n } = entry;
  if (!Array.isArray(alleles) || !Array.isArray(frequencies) || alleles.length === 0) {
    throw new KindredError(
      'INVALID_FREQUENCIES',
      `Marker ${marker} of population "${population}" needs non-empty arrays alleles and frequencies`,
      _options(options, path),
    );
  }
  if (alleles.length > MAX_ALLELES_PER_LOCUS) {
    throw new KindredError(
      'INVALID_FREQUENCIES',
      `Marker ${marker} of population "${population}" has ${alleles.length} alleles; at most ${MAX_ALLELES_PER_LOCUS} are allowed`,
      _options(options, path),
    );
  }
  if (alleles.length !== frequencies.length) {
    throw new KindredError(
      'INVALID_FREQUENCIES',
      `Marker ${marker} has ${alleles.length} alleles but ${frequencies.length} frequencies`,
      _options(options, [...path, 'frequencies']),
    );
  }
  const seen = new Map<string, number>();
  const labels = alleles.map((raw, i) => {
    const label = validateAlleleLabel(raw, {
      marker,
      owner: `population "${population}"`,
      path: [...path, 'alleles', i],
      ...(options.file !== undefined ? { file: options.file } : {}),
      ...(options.silent === true ? { allowSilent: true } : {}),
    });
    const first = seen.get(label);
    if (first !== undefined) {
      throw new KindredError(
        'INVALID_LOCUS',
        `Allele "${label}" appears twice at marker ${marker} (alleles[${first}] and alleles[${i}])`,
        _options(options, [...path, 'alleles', i]),
      );
    }
    seen.set(label, i);
    return label;
  });
  frequencies.forEach((p, i) => {
    if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0 || p > 1) {
      throw new KindredError(
        'INVALID_FREQUENCIES',
        `Frequency of allele "${labels[i]}" at marker ${marker} must be in (0, 1], got ${String(p)}`,
        _options(options, [...path, 'frequencies', i]),
      );
    }
  });
  if (n !== undefined && !(Number.isSafeInteger(n) && n > 0)) {
    throw new KindredError(
      'INVALID_FREQUENCIES',
      `Sample size n of marker ${marker} must be a positive integer (alleles typed), got ${String(n)}`,
      _options(options, [...path, 'n']),
    );
  }
  return { alleles: labels, frequencies: [...frequencies] };
}

function _options(options: FrequencyOptions, path: ErrorPath): { path: ErrorPath; file?: string } {
  return options.file !== undefined ? { path, file: options.file } : { path };
}
