/**
 * Genotypes of several people as a case file writes them: by person id, then by locus name, two
 * allele labels (one for a male at an X locus).
 *
 * @module
 */

/** Genotypes by person id, then by locus name. Maps, so ids such as `__proto__` are plain keys. */
export type GenotypeMap = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
