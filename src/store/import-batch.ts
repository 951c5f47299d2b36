/**
 * Import a batch (profiles, families, frequency tables read from one file) into a store as one
 * transaction, and the dry run of the same: the batch is written inside a transaction that is
 * then rolled back, so the report says exactly what the import would add, change, leave
 * unchanged or reject, and why.
 *
 * A record the store refuses (a family naming a profile that is not stored, a profile already
 * stored with other data and no `replace`) joins the rejected list with its error. By default an
 * import with any rejected record (from the file or from the store) writes nothing; with
 * `allowRejected` the accepted records are written.
 *
 * @module
 */
import { isKindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type {
  ImportReport,
  ImportWarning,
  RejectedRecord,
  ReportSection,
  SkippedRecord,
} from '../io/import-report.js';
import type { MutationSpec } from '../mutation/types.js';
import type { SampleObservation } from '../profile/observation.js';
import type { Profile } from '../profile/profile.js';
import type { FamilyInput, ProfileStore, PutOutcome, WriteContext } from './profile-store.js';

/** One population's table with the mutation models and theta that came with it. */
export interface TableInput {
  readonly table: FrequencyTable;
  readonly mutation?: ReadonlyMap<string, MutationSpec>;
  readonly theta?: number;
}

/** Everything read from one file, ready to be written. */
export interface ImportBatch {
  readonly file: string;
  readonly format: string;
  readonly profiles: readonly Profile[];
  readonly families: readonly FamilyInput[];
  readonly tables: readonly TableInput[];
  readonly rejected: readonly RejectedRecord[];
  readonly skipped: readonly SkippedRecord[];
  readonly warnings: readonly ImportWarning[];
  /**
   * Drop-out and drop-in the file gives its samples, by profile id (`kindred-dvi/1`'s
   * `observation`): each becomes the profile's own observation. When present (a format that
   * carries observations), a profile without an entry has none of its own (a stored own value
   * then differs: replaced with `replace`, else refused); when absent, profiles keep theirs.
   */
  readonly observations?: ReadonlyMap<string, SampleObservation>;
}

/** Options of {@link importBatch}. */
export interface ImportBatchOptions {
  /** Report only; write nothing. */
  readonly dryRun?: boolean;
  /** Replace stored profiles, families and tables that differ (default false: reject them). */
  readonly replace?: boolean;
  /** Write the accepted records even when some are rejected (default false: write nothing). */
  readonly allowRejected?: boolean;
  /** The acting user recorded in the history; the reason defaults to `import of FILE, …`. */
  readonly context?: WriteContext;
  /**
   * Called after each record (table, profile, family) is checked and written into the pending
   * transaction, with the count done and the total of all batches (for a progress bar; it only
   * observes).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

class _Rollback extends Error {}

/**
 * Write a batch as one transaction (or rehearse it, `dryRun`).
 *
 * @param store - the store
 * @param batch - what was read
 * @param options - dry run, replace, allow rejected
 * @returns the report; `applied` is true only when the batch was written
 * @throws KindredError `STORE_ERROR` for a failure of the store itself (the store is unchanged)
 * @example
 * ```ts
 * importBatch(store, batch, { dryRun: true }).profiles.added; // => ['V-01', 'V-02']
 * ```
 */
export function importBatch(
  store: ProfileStore,
  batch: ImportBatch,
  options: ImportBatchOptions = {},
): ImportReport {
  return importBatches(store, [batch], options)[0] as ImportReport;
}

/**
 * Write several batches (e.g. the profiles file, then the families file that names them) as one
 * transaction: all are written, or none (any rejected record refuses them all unless
 * `allowRejected`). A dry run sees each batch's records when checking the next.
 *
 * @param store - the store
 * @param batches - in order
 * @param options - dry run, replace, allow rejected
 * @returns one report per batch
 * @throws KindredError `STORE_ERROR` for a failure of the store itself (the store is unchanged)
 * @example
 * ```ts
 * importBatches(store, [profiles, families]).map((r) => r.applied); // => [true, true]
 * ```
 */
export function importBatches(
  store: ProfileStore,
  batches: readonly ImportBatch[],
  options: ImportBatchOptions = {},
): ImportReport[] {
  const replace = options.replace === true;
  const parts = batches.map(() => ({
    profiles: _section(),
    families: _section(),
    tables: _section(),
    rejected: [] as RejectedRecord[],
  }));
  let applied = false;
  const total = batches.reduce(
    (n, b) => n + b.tables.length + b.profiles.length + b.families.length,
    0,
  );
  let done = 0;
  const step = (): void => options.onProgress?.(++done, total);
  try {
    store.write(
      (tx) => {
        batches.forEach((batch, i) => {
          const part = parts[i] as (typeof parts)[number];
          part.rejected.push(...batch.rejected);
          const attempt = <T>(id: string, fn: () => T): T | undefined => {
            try {
              return fn();
            } catch (e) {
              if (
                !isKindredError(e) ||
                (e.code === 'STORE_ERROR' && /SQLite failed/.test(e.message))
              )
                throw e;
              part.rejected.push({
                id,
                error: e.file === undefined ? e.withContext({ file: batch.file }) : e,
              });
              return undefined;
            }
          };
          for (const t of batch.tables) {
            const outcome = attempt(t.table.population, () =>
              tx.putFrequencyTable(t.table, {
                ...(t.mutation !== undefined ? { mutation: t.mutation } : {}),
                ...(t.theta !== undefined ? { theta: t.theta } : {}),
              }),
            );
            _note(part.tables, t.table.population, outcome);
            step();
          }
          for (const p of batch.profiles) {
            const observation =
              batch.observations === undefined ? undefined : (batch.observations.get(p.id) ?? null);
            _note(
              part.profiles,
              p.id,
              attempt(p.id, () =>
                tx.putProfile(p, {
                  source: batch.file,
                  replace,
                  ...(observation !== undefined ? { observation } : {}),
                }),
              ),
            );
            step();
          }
          for (const f of batch.families) {
            _note(
              part.families,
              f.name,
              attempt(f.name, () => tx.putFamily({ ...f, source: batch.file }, { replace })),
            );
            step();
          }
        });
        const refuse = parts.some((p) => p.rejected.length > 0) && options.allowRejected !== true;
        if (options.dryRun === true || refuse) throw new _Rollback();
        const count = (s: _MutableSection) => s.added.length + s.changed.length;
        batches.forEach((batch, i) => {
          const part = parts[i] as (typeof parts)[number];
          tx.logImport({
            file: batch.file,
            format: batch.format,
            profiles: count(part.profiles),
            families: count(part.families),
            tables: count(part.tables),
          });
        });
        applied = true;
      },
      {
        ...options.context,
        reason: options.context?.reason ?? `import of ${batches.map((b) => b.file).join(', ')}`,
      },
    );
  } catch (e) {
    if (!(e instanceof _Rollback)) throw e;
  }
  return batches.map((batch, i) => {
    const part = parts[i] as (typeof parts)[number];
    return {
      file: batch.file,
      format: batch.format,
      profiles: part.profiles,
      families: part.families,
      tables: part.tables,
      rejected: part.rejected,
      skipped: batch.skipped,
      warnings: batch.warnings,
      applied,
    };
  });
}

interface _MutableSection extends ReportSection {
  readonly added: string[];
  readonly changed: string[];
  readonly unchanged: string[];
}

function _section(): _MutableSection {
  return { added: [], changed: [], unchanged: [] };
}

function _note(section: _MutableSection, id: string, outcome: PutOutcome | undefined): void {
  if (outcome !== undefined) section[outcome].push(id);
}
