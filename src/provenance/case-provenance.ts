/**
 * Provenance of answers computed from a case document (`kindred-case/1` or `kindred-dvi/1`):
 * the document's own hash, the table its `loci` carry, theta and the loci's models.
 *
 * @module
 */
import type { ComputeBudget } from '../likelihood/eliminate.js';
import type { KinshipCase } from '../relationships/types.js';
import type { DVICase } from '../search/types.js';
import {
  createProvenance,
  lociTableIdentity,
  type ObservationSettings,
  type Provenance,
} from './provenance.js';

/** What the caller knows about the computation besides the case. */
export interface CaseProvenanceContext {
  /** What computed the answer, e.g. `kindred lr`. */
  readonly computation: string;
  /** The document's name as given (file path, `-` for standard input). */
  readonly file: string;
  /** The document as read (hashed; omit when there is no document text). */
  readonly text?: string | Uint8Array;
  readonly lump?: boolean;
  readonly budget?: ComputeBudget;
  /** The command's own options. */
  readonly options?: Readonly<Record<string, string | number | boolean | null>>;
  /** Computation time (default now). */
  readonly computedAt?: Date;
}

/**
 * The provenance of an answer to a case document. A case document carries its own frequencies
 * (every allele a person carries must be in its locus, so the unseen-allele policy is `error`)
 * and records its `observation` (drop-out / drop-in per sample), when it has one.
 *
 * @param doc - the validated case or DVI case
 * @param ctx - computation, file name and text, engine settings, options, time
 * @returns the provenance
 * @example
 * ```ts
 * caseProvenance(kcase, { computation: 'kindred lr', file: 'pc-001.json', text }).frequencies[0]?.name;
 * // => 'loci of pc-001.json'
 * ```
 */
export function caseProvenance(doc: KinshipCase | DVICase, ctx: CaseProvenanceContext): Provenance {
  return createProvenance({
    computation: ctx.computation,
    ...(ctx.text !== undefined ? { inputs: [{ name: ctx.file, content: ctx.text }] } : {}),
    frequencies: [lociTableIdentity(`loci of ${ctx.file}`, doc.loci)],
    theta: doc.theta,
    loci: doc.loci,
    unseen: { kind: 'error' },
    observation: _observation(doc),
    ...(ctx.lump !== undefined ? { lump: ctx.lump } : {}),
    ...(ctx.budget !== undefined ? { budget: ctx.budget } : {}),
    ...(ctx.options !== undefined ? { options: ctx.options } : {}),
    ...(ctx.computedAt !== undefined ? { computedAt: ctx.computedAt } : {}),
  });
}

/** The document's drop-out / drop-in per sample (sorted by id), or null when it has none. */
function _observation(
  doc: KinshipCase | DVICase,
): Readonly<Record<string, ObservationSettings>> | null {
  const map = 'observation' in doc ? doc.observation : undefined;
  if (map === undefined || map.size === 0) return null;
  const out = Object.create(null) as Record<string, ObservationSettings>;
  for (const id of [...map.keys()].sort()) {
    const o = map.get(id)!;
    Object.defineProperty(out, id, {
      value: { dropout: o.dropout, dropin: o.dropin },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
