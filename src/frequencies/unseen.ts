/**
 * Unseen alleles: alleles carried by a typed person but absent from the frequency table. Kindred
 * never invents a frequency silently: the caller states a policy, and every allele added is
 * reported with the frequency it got.
 *
 * Policies:
 * - `{ kind: 'error' }` (default): refuse, naming person, marker, allele and population.
 * - `{ kind: 'minimum', floor?, renormalise }`: add each unseen allele with a minimum frequency,
 *   `floor` when given, else the NRC II recommendation 5/(2N) with N individuals in the database
 *   (National Research Council 1996, The Evaluation of Forensic DNA Evidence, §5.2,
 *   doi:10.17226/5141). A table's `n` counts alleles typed (= 2N), so the minimum is `5 / n`; a
 *   marker without `n` and no `floor` is an error. Then, per marker that received alleles:
 *   - `'none'`: keep every other frequency; the marker then sums to 1 + Σ added (> 1).
 *   - `'scale-others'`: added alleles keep the minimum exactly; the table's alleles are scaled by
 *     (1 − Σ added) / Σ old so the marker sums to 1.
 *   - `'scale-all'`: divide every frequency, added ones included, by the new sum.
 *
 * Added alleles are appended after the table's alleles, so existing allele indices stay valid.
 * `n` is kept: it still counts the alleles typed in the database.
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';
import { validateAlleleLabel } from './allele-label.js';
import type { FrequencyTable, MarkerFrequencies } from './frequency-table.js';

/** How a marker is rescaled after unseen alleles are added (see module doc). */
export type RenormaliseChoice = 'none' | 'scale-others' | 'scale-all';

/** The unseen-allele policy. */
export type UnseenAllelePolicy =
  | { readonly kind: 'error' }
  | {
      readonly kind: 'minimum';
      /** Fixed minimum frequency in (0, 1); default 5/n from the table. */
      readonly floor?: number;
      readonly renormalise: RenormaliseChoice;
    };

/** The default policy: an unseen allele is an error. */
export const DEFAULT_UNSEEN_POLICY: UnseenAllelePolicy = Object.freeze({ kind: 'error' });

/** One allele to look up: marker (table name), label, and who carries it (for messages). */
export interface AlleleRequest {
  readonly marker: string;
  readonly allele: string;
  /** Person or profile id carrying the allele. */
  readonly person?: string;
  /** Where the allele sits in the input (e.g. `['genotypes', 'P1', 'TH01', 0]`). */
  readonly path?: ErrorPath;
}

/** An allele that was added to the table. */
export interface AddedAllele {
  readonly marker: string;
  readonly allele: string;
  /** Its frequency in the returned table (after any renormalisation). */
  readonly frequency: number;
  /** The minimum frequency assigned before renormalisation (floor or 5/n). */
  readonly minimum: number;
  /** The first person found carrying it, when the request named one. */
  readonly person?: string;
}

/** Result of {@link extendTable}. */
export interface ExtendTableResult {
  /** The table with unseen alleles added (the input table itself when nothing was added). */
  readonly table: FrequencyTable;
  /** Every allele added, in the order first requested. */
  readonly added: readonly AddedAllele[];
  /** True when some marker's frequencies were rescaled. */
  readonly renormalised: boolean;
}

/**
 * Make sure every requested allele has a frequency, applying the unseen-allele policy.
 *
 * @param table - validated table
 * @param alleles - alleles to look up (typically every allele of every typed person)
 * @param policy - see module doc; default {@link DEFAULT_UNSEEN_POLICY}
 * @param options - file named in errors
 * @returns the (possibly extended) table, the added alleles and whether it was rescaled
 * @throws KindredError `UNSEEN_ALLELE` (policy `error`, or `minimum` without `n` or `floor`, or
 *   minima summing to 1 or more), `UNKNOWN_MARKER` (marker not in the table),
 *   `INVALID_ARGUMENT` (malformed policy)
 * @example
 * ```ts
 * // table: TH01 {alleles: ['6', '7'], frequencies: [0.5, 0.5], n: 500}
 * const r = extendTable(table, [{ marker: 'TH01', allele: '8' }], { kind: 'minimum', renormalise: 'none' });
 * r.added; // => [{ marker: 'TH01', allele: '8', frequency: 0.01, minimum: 0.01 }]
 * ```
 */
export function extendTable(
  table: FrequencyTable,
  alleles: Iterable<AlleleRequest>,
  policy: UnseenAllelePolicy = DEFAULT_UNSEEN_POLICY,
  options: { readonly file?: string } = {},
): ExtendTableResult {
  _checkPolicy(policy);
  const unseen = new Map<string, Map<string, AlleleRequest>>();
  for (const request of alleles) {
    const entry = table.markers.get(request.marker);
    if (entry === undefined) {
      throw new KindredError(
        'UNKNOWN_MARKER',
        `Marker ${request.marker}${_of(request)} is not in the frequency table of population "${table.population}"`,
        _opts(options, request.path ?? ['markers', request.marker]),
      );
    }
    const label = validateAlleleLabel(request.allele, {
      marker: request.marker,
      ...(request.person !== undefined ? { owner: `person "${request.person}"` } : {}),
      ...(request.path !== undefined ? { path: request.path } : {}),
      ...(options.file !== undefined ? { file: options.file } : {}),
    });
    if (entry.alleles.includes(label)) continue;
    const perMarker = unseen.get(request.marker) ?? new Map<string, AlleleRequest>();
    unseen.set(request.marker, perMarker);
    if (!perMarker.has(label)) perMarker.set(label, { ...request, allele: label });
  }
  if (unseen.size === 0) return { table, added: [], renormalised: false };
  const requests = [...unseen.values()].flatMap((m) => [...m.values()]);
  if (policy.kind === 'error') _throwUnseen(table, requests, options);
  const minimumPolicy = policy as Extract<UnseenAllelePolicy, { kind: 'minimum' }>;
  const markers = new Map(table.markers);
  const added: AddedAllele[] = [];
  for (const [marker, labels] of unseen) {
    const entry = table.markers.get(marker) as MarkerFrequencies;
    const first = labels.values().next().value as AlleleRequest;
    const minimum = _minimum(table, marker, entry, minimumPolicy, first, options);
    const extended = _extend(entry, labels.size, minimum, minimumPolicy.renormalise);
    if (extended === undefined) {
      throw new KindredError(
        'UNSEEN_ALLELE',
        `${labels.size} unseen allele(s) at marker ${marker} with minimum frequency ${minimum} leave no mass for the other alleles (scale-others needs Σ minima < 1)`,
        _opts(options, first.path ?? ['markers', marker]),
      );
    }
    const newAlleles = [...entry.alleles, ...labels.keys()];
    markers.set(
      marker,
      Object.freeze({
        alleles: Object.freeze(newAlleles),
        frequencies: Object.freeze(extended),
        ...(entry.n !== undefined ? { n: entry.n } : {}),
      }),
    );
    [...labels.values()].forEach((request, k) => {
      added.push({
        marker,
        allele: request.allele,
        frequency: extended[entry.alleles.length + k] as number,
        minimum,
        ...(request.person !== undefined ? { person: request.person } : {}),
      });
    });
  }
  const extendedTable: FrequencyTable = Object.freeze({ ...table, markers });
  return { table: extendedTable, added, renormalised: minimumPolicy.renormalise !== 'none' };
}

function _extend(
  entry: MarkerFrequencies,
  count: number,
  minimum: number,
  choice: RenormaliseChoice,
): number[] | undefined {
  const old = entry.frequencies;
  const oldSum = old.reduce((s, p) => s + p, 0);
  const newMass = count * minimum;
  const fresh = new Array<number>(count).fill(minimum);
  if (choice === 'none') return [...old, ...fresh];
  if (choice === 'scale-others') {
    if (newMass >= 1) return undefined;
    const factor = (1 - newMass) / oldSum;
    return [...old.map((p) => p * factor), ...fresh];
  }
  const total = oldSum + newMass;
  return [...old, ...fresh].map((p) => p / total);
}

function _minimum(
  table: FrequencyTable,
  marker: string,
  entry: MarkerFrequencies,
  policy: Extract<UnseenAllelePolicy, { kind: 'minimum' }>,
  first: AlleleRequest,
  options: { readonly file?: string },
): number {
  if (policy.floor !== undefined) return policy.floor;
  if (entry.n === undefined) {
    throw new KindredError(
      'UNSEEN_ALLELE',
      `Allele "${first.allele}"${_of(first)} at marker ${marker} is not in the frequency table of population "${table.population}", which gives no sample size n for that marker: pass a floor to the 'minimum' policy`,
      _opts(options, first.path ?? ['markers', marker]),
    );
  }
  const minimum = 5 / entry.n;
  if (minimum > 1) {
    throw new KindredError(
      'UNSEEN_ALLELE',
      `Sample size n = ${entry.n} of marker ${marker} is too small for the NRC II minimum 5/n; pass a floor`,
      _opts(options, first.path ?? ['markers', marker]),
    );
  }
  return minimum;
}

function _throwUnseen(
  table: FrequencyTable,
  requests: readonly AlleleRequest[],
  options: { readonly file?: string },
): never {
  const [first, ...rest] = requests as [AlleleRequest, ...AlleleRequest[]];
  const more =
    rest.length > 0
      ? `; also unseen: ${rest.map((r) => `"${r.allele}" at ${r.marker}${_of(r)}`).join(', ')}`
      : '';
  throw new KindredError(
    'UNSEEN_ALLELE',
    `Allele "${first.allele}"${_of(first)} at marker ${first.marker} is not in the frequency table of population "${table.population}" (unseen-allele policy 'error'; choose a 'minimum' policy to add it)${more}`,
    _opts(options, first.path ?? ['markers', first.marker]),
  );
}

function _checkPolicy(policy: UnseenAllelePolicy): void {
  const path = ['unseen'];
  if (policy?.kind === 'error') return;
  if (policy?.kind !== 'minimum') {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Unseen-allele policy must be {kind: 'error'} or {kind: 'minimum', ...}, got ${JSON.stringify(policy)}`,
      { path },
    );
  }
  if (!['none', 'scale-others', 'scale-all'].includes(policy.renormalise)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Unseen-allele policy 'minimum' needs renormalise 'none', 'scale-others' or 'scale-all', got ${JSON.stringify(policy.renormalise)}`,
      { path: [...path, 'renormalise'] },
    );
  }
  const floor = policy.floor;
  if (floor !== undefined && !(Number.isFinite(floor) && floor > 0 && floor < 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Unseen-allele floor must be a number in (0, 1), got ${String(floor)}`,
      { path: [...path, 'floor'] },
    );
  }
}

function _of(request: AlleleRequest): string {
  return request.person !== undefined ? ` of person "${request.person}"` : '';
}

function _opts(options: { readonly file?: string }, path: ErrorPath) {
  return options.file !== undefined ? { path, file: options.file } : { path };
}
