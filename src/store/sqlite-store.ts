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
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
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
 * store.schemaVersion; // => 5
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
  if (file !== ':memory:' && existsSync(file)) _checkIsSqliteFile(file);
  const prepare = (db: Database.Database): number => {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    }
    db.pragma('foreign_keys = ON');
    _quickCheck(db, file);
    const version = readonly
      ? readSchemaVersion(db, file)
      : migrate(db, file, now, options.schemaVersion).to;
    if (readonly && version !== SQLITE_SCHEMA_VERSION) {
      throw new KindredError(
        'STORE_ERROR',
        `Store "${file}" is at schema version ${version}, not ${SQLITE_SCHEMA_VERSION}; open it read-write once to migrate`,
        { file },
      );
    }
    return version;
  };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw _storeError(e, file);
  }
  let version: number;
  try {
    version = prepare(db);
  } catch (e) {
    db.close();
    if (!readonly || !_cannotShareWal(e)) throw _storeError(e, file);
    // A WAL store in a directory this process cannot write (no -shm can be made): read a
    // snapshot of the file instead — exact only when no write-ahead log holds newer pages.
    db = _snapshot(file);
    try {
      version = prepare(db);
    } catch (e2) {
      db.close();
      throw _storeError(e2, file);
    }
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
const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Refuse an existing file that is not an SQLite database (a 0-byte file, a text file, a
 * truncated header) instead of letting SQLite turn it into a new, empty store.
 *
 * @throws KindredError `STORE_ERROR` naming the file and what it holds
 */
function _checkIsSqliteFile(file: string): void {
  let size: number;
  let head = '';
  try {
    if (statSync(file).isDirectory())
      throw new KindredError('STORE_ERROR', `Store "${file}" is a directory`, { file });
    size = statSync(file).size;
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(16);
      const n = readSync(fd, buf, 0, 16, 0);
      head = buf.subarray(0, n).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (isKindredError(e)) throw e;
    throw new KindredError('IO_ERROR', `Cannot read store "${file}": ${(e as Error).message}`, {
      file,
      cause: e,
    });
  }
  // A store killed before its first checkpoint may hold everything in its write-ahead log.
  const wal = `${file}-wal`;
  if (size === 0 && existsSync(wal) && statSync(wal).size > 0) return;
  if (size === 0)
    throw new KindredError(
      'STORE_ERROR',
      `Store "${file}" is an empty (0-byte) file, not a Kindred store; it is left as it is (remove it and run "kindred db init ${file}" to start a new store)`,
      { file },
    );
  if (head !== SQLITE_HEADER)
    throw new KindredError(
      'STORE_ERROR',
      `Store "${file}" is not an SQLite database (its first bytes are ${JSON.stringify(head.slice(0, 16))}); it is left as it is`,
      { file },
    );
}

/**
 * `PRAGMA quick_check` on open: a store with damaged pages or indexes is refused before any
 * command reads or exports it.
 *
 * @throws KindredError `STORE_ERROR` with SQLite's first finding
 */
function _quickCheck(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const findings = rows.map((r) => r.quick_check).filter((x) => x !== 'ok');
  if (findings.length > 0)
    throw new KindredError(
      'STORE_ERROR',
      `Store "${file}" failed its integrity check (PRAGMA quick_check): ${findings.join('; ')}; restore it from a backup`,
      { file },
    );
}

/** SQLite could not set up WAL shared memory for a read-only connection. */
function _cannotShareWal(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (
    code === 'SQLITE_READONLY_DIRECTORY' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_READONLY_CANTINIT'
  );
}

/**
 * An in-memory, read-only copy of a store file whose directory is read-only. Refused when a
 * non-empty write-ahead log lies beside it (its pages would be missing from the copy). The copy's
 * header is marked rollback-journal (bytes 18–19 = 1) because an in-memory database has no WAL.
 */
function _snapshot(file: string): Database.Database {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new KindredError(
      'STORE_ERROR',
      `Store "${file}" cannot be read: its directory is read-only and its write-ahead log "${wal}" holds changes not yet in the file; open it once with write access to the directory`,
      { file },
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new KindredError(
      'STORE_ERROR',
      `Store "${file}" cannot be read: ${(e as Error).message}`,
      {
        file,
        cause: e,
      },
    );
  }
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  try {
    return new Database(bytes, { readonly: true });
  } catch (e) {
    throw _storeError(e, file);
  }
}

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
