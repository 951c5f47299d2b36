/**
 * Several populations side by side, and the step from a table to the engine's {@link Locus}.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { MutationSpec } from '../mutation/types.js';
import type { FrequencyTable, MarkerFrequencies } from './frequency-table.js';
import type { Chromosome, Locus } from './locus.js';

/** Frequency tables by population name. */
export type FrequencyDatabase = ReadonlyMap<string, FrequencyTable>;

/**
 * Put several tables side by side, keyed by population.
 *
 * @param tables - validated tables, population names unique
 * @returns the database (a Map in the order given)
 * @throws KindredError `INVALID_ARGUMENT` when two tables have the same population
 * @example
 * ```ts
 * const db = createFrequencyDatabase([europe, africa]);
 * [...db.keys()]; // => ['Europe', 'Africa']
 * ```
 */
export function createFrequencyDatabase(tables: readonly FrequencyTable[]): FrequencyDatabase {
  const db = new Map<string, FrequencyTable>();
  tables.forEach((table, i) => {
    if (db.has(table.population)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Population "${table.population}" appears twice in the frequency database`,
        { path: [i, 'population'] },
      );
    }
    db.set(table.population, table);
  });
  return db;
}

/**
 * The table of one population.
 *
 * @param db - the database
 * @param population - population name, exactly as in the table
 * @returns the table
 * @throws KindredError `INVALID_ARGUMENT` naming the population and listing the known ones
 * @example
 * ```ts
 * getFrequencyTable(db, 'Europe').population; // => 'Europe'
 * ```
 */
export function getFrequencyTable(db: FrequencyDatabase, population: string): FrequencyTable {
  const table = db.get(population);
  if (table === undefined) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `No frequency table for population "${population}"; known: ${[...db.keys()].map((p) => `"${p}"`).join(', ')}`,
      { path: ['population'] },
    );
  }
  return table;
}

/**
 * The frequencies of one marker of a table (exact name).
 *
 * @param table - the table
 * @param marker - marker name as stored in the table (canonical when read from a file)
 * @returns the marker's frequencies
 * @throws KindredError `UNKNOWN_MARKER` naming the marker and population
 * @example
 * ```ts
 * getMarkerFrequencies(table, 'TH01').alleles.length; // => 2
 * ```
 */
export function getMarkerFrequencies(table: FrequencyTable, marker: string): MarkerFrequencies {
  const entry = table.markers.get(marker);
  if (entry === undefined) {
    throw new KindredError(
      'UNKNOWN_MARKER',
      `Marker ${marker} is not in the frequency table of population "${table.population}"`,
      { path: ['markers', marker] },
    );
  }
  return entry;
}

/** Options of {@link toLocus}. */
export interface ToLocusOptions {
  /** Mutation model; default `null` (none). */
  readonly mutation?: MutationSpec;
  /**
   * Inheritance, required so that an X marker is never taken for autosomal by default. Look it up
   * with `resolveMarkerName(name)?.chromosome` (profile/markers).
   */
  readonly chromosome: Chromosome;
  /** Locus name to write (default: the marker name as passed). */
  readonly name?: string;
}

/**
 * Build the engine's {@link Locus} from one marker of a table. Frequencies are copied as given.
 *
 * @param table - validated table
 * @param marker - marker name as stored in the table
 * @param options - chromosome (required), mutation (default none) and output name
 * @returns a new Locus
 * @throws KindredError `UNKNOWN_MARKER` when the marker is not in the table
 * @example
 * ```ts
 * toLocus(table, 'DXS7132', { chromosome: 'X' }).chromosome; // => 'X'
 * ```
 */
export function toLocus(table: FrequencyTable, marker: string, options: ToLocusOptions): Locus {
  const entry = getMarkerFrequencies(table, marker);
  return {
    name: options.name ?? marker,
    alleles: [...entry.alleles],
    frequencies: [...entry.frequencies],
    chromosome: options.chromosome,
    mutation: options.mutation ?? null,
  };
}
