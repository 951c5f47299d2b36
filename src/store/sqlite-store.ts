/**
 * The durable {@link ProfileStore} on SQLite (better-sqlite3, version 12). The database runs in
 * WAL mode with `synchronous = FULL`: every `write()` is one `BEGIN IMMEDIATE … COMMIT`
 * transaction, so a crash (even SIGKILL) leaves the file either before or after it, and readers
 * on other connections keep a consistent snapshot while a write is under way.
 *
 * This module is the only one (with `sqlite-reader`/`sqlite-schema`) that loads better-sqlite3;
 * import it through `kindred/sqlite`.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { isKindredError, KindredError } from '../errors.js';
import type {
  ProfileStore,
  StoreOptions,
  StoreReader,
  StoreWriter,
  WriteContext,
} from './profile-store.js';
import { createSqliteReader, createStatementCache } from './sqlite-reader.js';
import { migrate, readSchemaVersion, SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
import { createSqliteWriter } from './sqlite-writer.js';
import { checkWriteContext } from './store-history.js';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions extends StoreOptions {
  /** Create the file (and schema) when missing; default true. */
  readonly create?: boolean;
  /** Open read-only (no migrations; the schema must be current). Default false. */
  readonly readonly?: boolean;
  /** `FULL` (default: durable at every commit) or `NORMAL` (durable against process crashes only). */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Milliseconds to wait for another connection's write lock; default 5000. */
  readonly busyTimeoutMs?: number;
  /** Migrate only up to this version (for testing migrations); default the latest. */
  readonly schemaVersion?: number;
}

/**
 * Open (or create) a profile store in an SQLite file and migrate it to the current schema.
 *
 * @param file - path of the database file (`:memory:` for a private in-memory database)
 * @param options - create, read-only, durability, lock timeout, clock
 * @returns the store; call `close()` when done
 * @throws KindredError `STORE_ERROR` (missing file with `create: false`, not a Kindred store,
 *   newer schema, read-only store at an old schema, SQLite failure)
 * @example
 * ```ts
 * const store = openSqliteStore('programme.db');
 * store.schemaVersion; // => 4
 * store.close();
 * ```
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): ProfileStore {
  const clock = options.now ?? (() => new Date());
  const now = () => clock().toISOString();
  const readonly = options.readonly === true;
  if (file !== ':memory:' && (options.create === false || readonly) && !existsSync(file)) {
    throw new KindredError(
      'STORE_ERROR',
      `Store "${file}" does not exist (create it with "kindred db init ${file}")`,
      { file },
    );
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw _storeError(e, file);
  }
  let version: number;
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    }
    db.pragma('foreign_keys = ON');
    version = readonly
      ? readSchemaVersion(db, file)
      : migrate(db, file, now, options.schemaVersion).to;
    if (readonly && version !== SQLITE_SCHEMA_VERSION) {
      throw new KindredError(
        'STORE_ERROR',
        `Store "${file}" is at schema version ${version}, not ${SQLITE_SCHEMA_VERSION}; open it read-write once to migrate`,
        { file },
      );
    }
  } catch (e) {
    db.close();
    throw _storeError(e, file);
  }
  const sql = createStatementCache(db);
  const reader = createSqliteReader(sql);
  const defaultUser = options.user ?? 'unknown';
  let context = { user: defaultUser, reason: '' };
  const writer: StoreWriter = createSqliteWriter(
    sql,
    reader,
    now,
    () => db.inTransaction,
    () => context,
  );
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw _storeError(e, file);
    }
  };
  const wrapped = Object.fromEntries(
    Object.entries(reader).map(([name, method]) => [
      name,
      (...args: unknown[]) => wrap(() => (method as (...a: unknown[]) => unknown)(...args)),
    ]),
  ) as unknown as StoreReader;
  return {
    kind: 'sqlite',
    schemaVersion: version,
    ...wrapped,
    write<T>(fn: (tx: StoreWriter) => T, ctx?: WriteContext): T {
      if (readonly) {
        throw new KindredError('STORE_ERROR', `Store "${file}" is open read-only`, { file });
      }
      if (db.inTransaction) return fn(writer);
      context = checkWriteContext(ctx, defaultUser);
      try {
        return wrap(() => db.transaction(() => fn(writer)).immediate());
      } finally {
        context = { user: defaultUser, reason: '' };
      }
    },
    read<T>(fn: (r: StoreReader) => T): T {
      if (db.inTransaction) return fn(reader);
      return wrap(() => db.transaction(() => fn(reader)).deferred());
    },
    close() {
      if (db.open) db.close();
    },
  };
}

/**
 * An SQLite failure as a KindredError `STORE_ERROR`. Kindred errors, and errors thrown by a
 * caller's callback (not from SQLite), pass through unchanged.
 */
function _storeError(e: unknown, file: string): unknown {
  if (isKindredError(e)) return e;
  const code = (e as { code?: unknown })?.code;
  const fromSqlite =
    (typeof code === 'string' && code.startsWith('SQLITE')) ||
    (e instanceof Error && e.name === 'SqliteError');
  if (!fromSqlite && !(e instanceof TypeError && /database/i.test(e.message))) return e;
  const message = e instanceof Error ? e.message : String(e);
  const prefix = typeof code === 'string' ? `${code}: ` : '';
  return new KindredError('STORE_ERROR', `SQLite failed on "${file}": ${prefix}${message}`, {
    file,
    cause: e,
  });
}
