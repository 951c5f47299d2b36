/**
 * Marker names: canonical names, alias resolution, chromosome and kit membership.
 *
 * Matching rule (as `markers.csv` prescribes): case-insensitive, ignoring spaces, `_` and `-`
 * (`PENTA_E`, `Penta E`, `PentaE` → `Penta E`; `VWA` → `vWA`). When that finds nothing, the digit
 * `0` and the letter `O` are treated as the same character, but only where that still names
 * exactly one marker (`TP0X` → `TPOX`, `TH01`/`THO1` → `TH01`, `CSF1P0` → `CSF1PO`).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Chromosome } from '../frequencies/locus.js';
import {
  AMELOGENIN_ROW,
  KIT_MARKERS,
  MARKER_KITS,
  type MarkerKit,
  type MarkerRow,
  STR_MARKER_ROWS,
} from './marker-table.js';

export { MARKER_KITS, type MarkerKit } from './marker-table.js';

/** What a marker is used for: an STR typed for likelihoods, or the Amelogenin sex marker. */
export type MarkerKind = 'STR' | 'sex';

/** Everything Kindred knows about one marker. */
export interface MarkerInfo {
  /** Canonical name (`vWA`, `Penta E`, `TH01`). */
  readonly name: string;
  /** Other spellings that resolve to this marker (the canonical name is not repeated). */
  readonly aliases: readonly string[];
  /** Inheritance: `'autosomal'` or `'X'`. */
  readonly chromosome: Chromosome;
  /** Chromosome number 1–22 for autosomal markers, `null` for X (and Amelogenin). */
  readonly chromosomeNumber: number | null;
  /** `'sex'` for Amelogenin (never used for likelihoods), `'STR'` otherwise. */
  readonly kind: MarkerKind;
  /** Kits whose marker list includes this marker, in {@link MARKER_KITS} order. */
  readonly kits: readonly MarkerKit[];
}

/**
 * Normalise a name for matching: lower case, without spaces, `_` and `-`.
 *
 * @example
 * ```ts
 * markerKey('PENTA_E'); // => 'pentae'
 * ```
 */
export function markerKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

function _foldZero(key: string): string {
  return key.replace(/0/g, 'o');
}

function _buildMarker(row: MarkerRow, kind: MarkerKind): MarkerInfo {
  const [name, aliases, chrom] = row;
  const kits = MARKER_KITS.filter((kit) => KIT_MARKERS[kit].includes(name));
  return Object.freeze({
    name,
    aliases: Object.freeze([...aliases]),
    chromosome: chrom === 'X' ? 'X' : 'autosomal',
    chromosomeNumber: chrom === 'X' ? null : Number(chrom),
    kind,
    kits: Object.freeze(kits),
  });
}

for (const kit of MARKER_KITS) Object.freeze(KIT_MARKERS[kit]);

const MARKERS: readonly MarkerInfo[] = Object.freeze([
  ...STR_MARKER_ROWS.map((row) => _buildMarker(row, 'STR')),
  _buildMarker(AMELOGENIN_ROW, 'sex'),
]);

/** Exact key → marker; and 0/O-folded key → marker, or null where two markers share it. */
const BY_KEY = new Map<string, MarkerInfo>();
const BY_FOLDED = new Map<string, MarkerInfo | null>();
for (const marker of MARKERS) {
  for (const spelling of [marker.name, ...marker.aliases]) {
    const key = markerKey(spelling);
    const previous = BY_KEY.get(key);
    if (previous !== undefined && previous !== marker) {
      throw new Error(`marker table: "${spelling}" names both ${previous.name} and ${marker.name}`);
    }
    BY_KEY.set(key, marker);
    const folded = _foldZero(key);
    const had = BY_FOLDED.get(folded);
    BY_FOLDED.set(folded, had === undefined || had === marker ? marker : null);
  }
}

/**
 * Look a marker up by its canonical name or any alias (case/separator tolerant, see module doc).
 *
 * @param name - a marker name as written in a file or case
 * @returns the marker, or `undefined` when the name is unknown or ambiguous
 * @example
 * ```ts
 * resolveMarkerName('PENTA_E')?.name; // => 'Penta E'
 * resolveMarkerName('TP0X')?.name; // => 'TPOX'
 * resolveMarkerName('D99S999'); // => undefined
 * ```
 */
export function resolveMarkerName(name: string): MarkerInfo | undefined {
  if (typeof name !== 'string') return undefined;
  const key = markerKey(name.trim());
  if (key === '') return undefined;
  return BY_KEY.get(key) ?? BY_FOLDED.get(_foldZero(key)) ?? undefined;
}

/**
 * The canonical name of a marker, or the name exactly as written when it is not in the table.
 *
 * @param name - a marker name as written
 * @returns canonical name for known markers, `name` unchanged otherwise
 * @example
 * ```ts
 * canonicalMarkerName('VWA'); // => 'vWA'
 * canonicalMarkerName('MyLocus'); // => 'MyLocus'
 * ```
 */
export function canonicalMarkerName(name: string): string {
  return resolveMarkerName(name)?.name ?? name;
}

/**
 * True when the name resolves to a sex marker (Amelogenin), which is never used for likelihoods.
 *
 * @example
 * ```ts
 * isSexMarker('AMEL'); // => true
 * isSexMarker('TH01'); // => false
 * ```
 */
export function isSexMarker(name: string): boolean {
  return resolveMarkerName(name)?.kind === 'sex';
}

/**
 * Every marker of the table: the STR markers in chromosome order, then Amelogenin.
 *
 * @example
 * ```ts
 * listMarkers().length; // => 69
 * ```
 */
export function listMarkers(): readonly MarkerInfo[] {
  return MARKERS;
}

/**
 * Resolve a kit name, tolerant of case and separators (`'PowerPlex Fusion 6C'`, `'codis20'`).
 *
 * @param kit - a kit name
 * @returns the kit identifier, or `undefined` when unknown
 * @example
 * ```ts
 * resolveKitName('powerplex fusion 6c'); // => 'PowerPlexFusion6C'
 * ```
 */
export function resolveKitName(kit: string): MarkerKit | undefined {
  if (typeof kit !== 'string') return undefined;
  const key = markerKey(kit);
  return MARKER_KITS.find((k) => k.toLowerCase() === key);
}

/**
 * Canonical names of the markers of one kit (autosomal/X STRs; Amelogenin is not listed).
 *
 * @param kit - a kit identifier of {@link MARKER_KITS}, case/separator tolerant
 * @returns canonical marker names in chromosome order
 * @throws KindredError `INVALID_ARGUMENT` when the kit is unknown (the message lists the known kits)
 * @example
 * ```ts
 * markersOfKit('CODIS20').length; // => 20
 * markersOfKit('ESS').includes('vWA'); // => true
 * ```
 */
export function markersOfKit(kit: string): readonly string[] {
  const id = resolveKitName(kit);
  if (id === undefined) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Unknown kit "${String(kit)}"; known kits: ${MARKER_KITS.join(', ')}`,
      { path: ['kit'] },
    );
  }
  return KIT_MARKERS[id];
}
