/**
 * Provenance of an answer: everything a reviewer needs, years later, to reproduce a number —
 * the Kindred version, when it was computed and by which command, the SHA-256 of every input
 * document and of every frequency table used (canonical form, see `frequency-hash.ts`), theta,
 * each locus's chromosome and mutation model, the unseen-allele policy and the alleles it added,
 * the drop-out / drop-in settings, the engine's budget and lumping switch, and the command's
 * options. Plain JSON (`kindred-provenance/1`), documented in docs/provenance.md.
 *
 * @module
 */
import { sha256Hex } from '../_internal/sha256.js';
import type { Chromosome, Locus } from '../frequencies/locus.js';
import type { UnseenAllelePolicy } from '../frequencies/unseen.js';
import { DEFAULT_MAX_CASE_WORK } from '../likelihood/case-budget.js';
import { DEFAULT_MAX_TABLE, DEFAULT_MAX_WORK } from '../likelihood/compiled-plan.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import type { MutationModel, MutationSpec } from '../mutation/types.js';
import { lociFrequencySHA256 } from './frequency-hash.js';
import { KINDRED_VERSION } from './version.js';

/** The `format` of a provenance object. */
export const PROVENANCE_FORMAT = 'kindred-provenance/1';

/** An input document: its name as given (file path, `-` for standard input) and its hash. */
export interface InputDocument {
  readonly name: string;
  /** SHA-256 (hex) of the document's bytes as read (UTF-8 for text). */
  readonly sha256: string;
  readonly bytes: number;
}

/** A frequency table used. */
export interface FrequencyTableIdentity {
  /** Where the table came from: `loci of <document>`, or a stored table's population name. */
  readonly name: string;
  /** SHA-256 (hex) of its canonical text (`kindred-frequencies/1`). */
  readonly sha256: string;
  readonly markers: number;
  readonly alleles: number;
}

/** A locus as the engine used it (the frequencies are in the table's hash). */
export interface LocusModel {
  readonly name: string;
  readonly chromosome: Chromosome;
  /** The mutation model exactly as in the case format, null for none. */
  readonly mutation: MutationSpec;
}

/** An allele an unseen-allele policy added to a table, with the frequency it was given. */
export interface AddedAlleleRecord {
  readonly marker: string;
  readonly allele: string;
  readonly frequency: number;
}

/** The engine's settings. */
export interface EngineSettings {
  /** Allele lumping (results are identical either way; recorded for completeness). */
  readonly lump: boolean;
  /** Largest table the exact engine may build (entries). */
  readonly maxTableSize: number;
  /** Most operations per locus the exact engine may spend. */
  readonly maxWork: number;
  /** Most operations one case may spend, over all its hypotheses or families and loci. */
  readonly maxCaseWork: number;
}

/** Drop-out / drop-in of one sample (degraded-dna.md). */
export interface ObservationSettings {
  readonly dropout: number;
  readonly dropin: number;
}

/** The provenance object of an answer (`kindred-provenance/1`). */
export interface Provenance {
  readonly format: typeof PROVENANCE_FORMAT;
  /** Kindred's version (package.json). */
  readonly kindred: string;
  /** When the answer was computed (ISO 8601, UTC). */
  readonly computedAt: string;
  /** What computed it, e.g. `kindred lr`, `kindred db search`. */
  readonly computation: string;
  readonly inputs: readonly InputDocument[];
  readonly frequencies: readonly FrequencyTableIdentity[];
  /** Balding–Nichols theta. */
  readonly theta: number;
  readonly loci: readonly LocusModel[];
  readonly unseenAlleles: {
    readonly policy: UnseenAllelePolicy;
    readonly added: readonly AddedAlleleRecord[];
  };
  /** Per-sample drop-out / drop-in, or null when no sample has an observation model. */
  readonly observation: Readonly<Record<string, ObservationSettings>> | null;
  readonly engine: EngineSettings;
  /** The command's own options (top, threshold, …), as given or defaulted. */
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
}

/** Input of {@link createProvenance}. */
export interface ProvenanceInput {
  readonly computation: string;
  /** Documents read, with their content (hashed here). */
  readonly inputs?: readonly { readonly name: string; readonly content: string | Uint8Array }[];
  /** Tables used, already identified (see `frequencyTableIdentity`). */
  readonly frequencies: readonly FrequencyTableIdentity[];
  readonly theta: number;
  readonly loci: readonly Locus[];
  readonly unseen?: UnseenAllelePolicy;
  readonly added?: readonly AddedAlleleRecord[];
  readonly observation?: Readonly<Record<string, ObservationSettings>> | null;
  readonly lump?: boolean;
  readonly budget?: ComputeBudget;
  readonly options?: Readonly<Record<string, string | number | boolean | null>>;
  /** The computation time (default now). */
  readonly computedAt?: Date;
}

/**
 * Build a provenance object.
 *
 * @param input - what was computed, from what, with which settings
 * @returns the plain-JSON provenance, frozen
 * @example
 * ```ts
 * createProvenance({ computation: 'kindred lr', frequencies: [], theta: 0, loci: [] }).format;
 * // => 'kindred-provenance/1'
 * ```
 */
export function createProvenance(input: ProvenanceInput): Provenance {
  return Object.freeze({
    format: PROVENANCE_FORMAT,
    kindred: KINDRED_VERSION,
    computedAt: (input.computedAt ?? new Date()).toISOString(),
    computation: input.computation,
    inputs: (input.inputs ?? []).map((d) => documentIdentity(d.name, d.content)),
    frequencies: input.frequencies.map((f) => ({ ...f })),
    theta: input.theta,
    loci: input.loci.map((l) => ({
      name: l.name,
      chromosome: l.chromosome,
      mutation: _copyMutation(l.mutation),
    })),
    unseenAlleles: {
      policy: { ...(input.unseen ?? { kind: 'error' }) },
      added: (input.added ?? []).map((a) => ({ ...a })),
    },
    observation: input.observation ?? null,
    engine: {
      lump: input.lump ?? true,
      maxTableSize: input.budget?.maxTableSize ?? DEFAULT_MAX_TABLE,
      maxWork: input.budget?.maxWork ?? DEFAULT_MAX_WORK,
      maxCaseWork: input.budget?.maxCaseWork ?? DEFAULT_MAX_CASE_WORK,
    },
    options: { ...(input.options ?? {}) },
  });
}

/**
 * An input document's identity: its name, byte count and SHA-256.
 *
 * @param name - file path as given (`-` for standard input)
 * @param content - the document as read (text is hashed as UTF-8)
 * @returns `{ name, sha256, bytes }`
 * @example
 * ```ts
 * documentIdentity('case.json', 'abc').sha256.slice(0, 8); // => 'ba7816bf'
 * ```
 */
export function documentIdentity(name: string, content: string | Uint8Array): InputDocument {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, sha256: sha256Hex(bytes), bytes: bytes.length };
}

/**
 * The identity of the table a case document carries in its `loci`.
 *
 * @param name - how to name it (e.g. `loci of case.json`)
 * @param loci - the case's loci
 * @returns name, canonical SHA-256, marker and allele counts
 * @example
 * ```ts
 * lociTableIdentity('loci of pc-001', kcase.loci).markers; // => 1
 * ```
 */
export function lociTableIdentity(name: string, loci: readonly Locus[]): FrequencyTableIdentity {
  return {
    name,
    sha256: lociFrequencySHA256(loci),
    markers: loci.length,
    alleles: loci.reduce((s, l) => s + l.alleles.length, 0),
  };
}

function _copyMutation(spec: MutationSpec): MutationSpec {
  if (spec === null) return null;
  if (!('model' in spec)) return { female: _copyModel(spec.female), male: _copyModel(spec.male) };
  return _copyModel(spec);
}

function _copyModel(m: MutationModel): MutationModel {
  return m.model === 'custom' ? { model: 'custom', matrix: m.matrix.map((r) => [...r]) } : { ...m };
}

/**
 * One line of provenance for plain-text tables (hashes cut to 16 hex digits; the JSON answer
 * has them in full).
 *
 * @param p - the provenance
 * @returns e.g. `Kindred 0.1.0, kindred lr, 2026-12-03T18:00:00.000Z; input case.json sha256
 *   1a2b…; frequencies sha256 3c4d…; theta 0`
 * @example
 * ```ts
 * formatProvenanceLine(p).startsWith('Kindred 0.1.0'); // => true
 * ```
 */
export function formatProvenanceLine(p: Provenance): string {
  const parts = [`Kindred ${p.kindred}, ${p.computation}, ${p.computedAt}`];
  for (const d of p.inputs) parts.push(`input ${d.name} sha256 ${d.sha256.slice(0, 16)}…`);
  for (const f of p.frequencies) parts.push(`frequencies sha256 ${f.sha256.slice(0, 16)}…`);
  parts.push(`theta ${p.theta}`);
  return parts.join('; ');
}
