/**
 * DNA profiles: a person's (or a sample's) genotypes per marker, validated.
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';
import type { Chromosome } from '../frequencies/locus.js';
import type { Sex } from '../pedigree/pedigree.js';
import { type Genotype, sexFromAmelogenin, validateGenotype } from './genotype.js';
import { resolveMarkerName } from './markers.js';

/**
 * What a profile is: a relative's reference, unidentified remains, a direct reference of the
 * missing person themselves (e.g. from a toothbrush), or an elimination profile (a staff member
 * or first responder whose DNA may be found on remains: never a family member, never searched
 * as remains).
 */
export type ProfileKind = 'reference' | 'remains' | 'direct' | 'elimination';

/** The profile kinds, in documentation order. */
export const PROFILE_KINDS: readonly ProfileKind[] = Object.freeze([
  'reference',
  'remains',
  'direct',
  'elimination',
]);

/** A validated profile. Untyped markers are absent from `genotypes`. */
export interface Profile {
  readonly id: string;
  readonly kind: ProfileKind;
  /** Declared sex, or the sex read from Amelogenin; absent when neither is known. */
  readonly sex?: Sex;
  /** Genotypes by marker name (canonical for known markers unless `resolveAliases: false`). */
  readonly genotypes: ReadonlyMap<string, Genotype>;
}

/** Input of {@link createProfile}. */
export interface ProfileInput {
  readonly id: string;
  readonly kind: ProfileKind;
  readonly sex?: Sex | null;
  /** Allele labels per marker name (any alias), as a Map or a plain record. */
  readonly genotypes:
    | ReadonlyMap<string, readonly unknown[]>
    | Readonly<Record<string, readonly unknown[]>>;
}

/** Options of {@link createProfile}. */
export interface CreateProfileOptions {
  /** Path of the profile in the input; errors point at `[...path, 'genotypes', marker, i]`. */
  readonly path?: ErrorPath;
  /** File named in errors. */
  readonly file?: string;
  /** Accept a homozygote written as one allele at autosomal markers (and for females at X). Default false. */
  readonly singleAlleleHomozygotes?: boolean;
  /** Key genotypes by canonical marker name (default true); false keeps names as written. */
  readonly resolveAliases?: boolean;
  /** `'keep'` (default): markers missing from the marker table are kept as written, autosomal; `'error'`: refused. */
  readonly unknownMarkers?: 'keep' | 'error';
  /** Chromosome of a marker by name (canonical); overrides the marker table, e.g. for a case's own loci. */
  readonly chromosomeOf?: (marker: string) => Chromosome | undefined;
}

interface _Entry {
  readonly written: string;
  readonly name: string;
  readonly alleles: unknown;
  readonly chromosome: Chromosome;
  readonly sexMarker: boolean;
}

/**
 * Validate a profile.
 *
 * Marker names resolve through the alias table (`VWA` → `vWA`); two names that resolve to the
 * same marker are an error. Each genotype follows `validateGenotype`. Sex is the declared sex,
 * checked against Amelogenin when typed (X,X → female; X,Y → male); with no declared sex it is
 * read from Amelogenin. X-marker rules (hemizygous males) then use that sex.
 *
 * @param input - id, kind, optional sex, genotypes per marker
 * @param options - path, file and rule switches
 * @returns the frozen profile
 * @throws KindredError `INVALID_ARGUMENT` (id, kind, sex), `INVALID_GENOTYPE` (genotype rules,
 *   duplicate marker, Amelogenin contradicting the declared sex), `INVALID_ALLELE` (label),
 *   `UNKNOWN_MARKER` (empty name, or unknown with `unknownMarkers: 'error'`)
 * @example
 * ```ts
 * const p = createProfile({ id: 'V1', kind: 'remains', genotypes: { AMEL: ['X', 'Y'], VWA: ['17', '16'] } });
 * p.sex; // => 'male'
 * p.genotypes.get('vWA'); // => ['17', '16']
 * ```
 */
export function createProfile(input: ProfileInput, options: CreateProfileOptions = {}): Profile {
  const base = options.path ?? [];
  const opts = (path: ErrorPath) =>
    options.file !== undefined ? { path, file: options.file } : { path };
  if (typeof input.id !== 'string' || input.id === '') {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Profile id must be a non-empty string, got ${JSON.stringify(input.id)}`,
      opts([...base, 'id']),
    );
  }
  const who = `Profile "${input.id}"`;
  if (!PROFILE_KINDS.includes(input.kind)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `${who} has kind ${JSON.stringify(input.kind)}; expected one of ${PROFILE_KINDS.join(', ')}`,
      opts([...base, 'kind']),
    );
  }
  const declared = input.sex ?? undefined;
  if (declared !== undefined && declared !== 'male' && declared !== 'female') {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `${who} has sex ${JSON.stringify(declared)}; expected "male" or "female"`,
      opts([...base, 'sex']),
    );
  }
  const entries = _resolveMarkers(input, options, opts);
  const genotypePath = (e: _Entry) => [...base, 'genotypes', e.written];
  const context = (e: _Entry, sex: Sex | undefined) => ({
    person: input.id,
    marker: e.written,
    chromosome: e.chromosome,
    sexMarker: e.sexMarker,
    path: genotypePath(e),
    ...(sex !== undefined ? { sex } : {}),
    ...(options.singleAlleleHomozygotes === true ? { singleAlleleHomozygotes: true } : {}),
    ...(options.file !== undefined ? { file: options.file } : {}),
  });

  let sex = declared;
  const genotypes = new Map<string, Genotype>();
  for (const e of entries.filter((x) => x.sexMarker)) {
    const genotype = validateGenotype(e.alleles, context(e, declared));
    const observed = sexFromAmelogenin(genotype);
    if (declared !== undefined && observed !== declared) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `${who} is declared ${declared} but Amelogenin ${genotype.join(',')} indicates ${observed}`,
        opts(genotypePath(e)),
      );
    }
    sex = observed;
  }
  for (const e of entries) {
    genotypes.set(e.name, validateGenotype(e.alleles, context(e, sex)));
  }
  return Object.freeze({
    id: input.id,
    kind: input.kind,
    ...(sex !== undefined ? { sex } : {}),
    genotypes,
  });
}

function _resolveMarkers(
  input: ProfileInput,
  options: CreateProfileOptions,
  opts: (path: ErrorPath) => { path: ErrorPath; file?: string },
): _Entry[] {
  const base = options.path ?? [];
  const raw: [string, unknown][] =
    input.genotypes instanceof Map
      ? [...input.genotypes.entries()]
      : Object.entries(input.genotypes ?? {});
  const byName = new Map<string, string>();
  return raw.map(([written, alleles]) => {
    const path = [...base, 'genotypes', written];
    const info = resolveMarkerName(written);
    if (written.trim() === '' || (info === undefined && options.unknownMarkers === 'error')) {
      throw new KindredError(
        'UNKNOWN_MARKER',
        `Profile "${input.id}" has a genotype at unknown marker ${JSON.stringify(written)}`,
        opts(path),
      );
    }
    const canonical = info?.name ?? written;
    const name = options.resolveAliases === false ? written : canonical;
    const previous = byName.get(canonical);
    if (previous !== undefined) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Profile "${input.id}" has two genotypes for marker ${canonical} (written "${previous}" and "${written}")`,
        opts(path),
      );
    }
    byName.set(canonical, written);
    const chromosome = options.chromosomeOf?.(name) ?? info?.chromosome ?? 'autosomal';
    return { written, name, alleles, chromosome, sexMarker: info?.kind === 'sex' };
  });
}
