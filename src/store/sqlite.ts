/**
 * The `kindred/sqlite` entry point: the durable profile store on SQLite. It needs the optional
 * peer dependency `better-sqlite3` (version 12); the core `kindred` entry never loads it.
 *
 * @module
 */
export type {
  FamilyInput,
  ImportRecord,
  MatchFilter,
  MatchInput,
  MatchRecord,
  MatchStatus,
  ProfileFilter,
  ProfileStore,
  PutFrequencyTableOptions,
  PutOutcome,
  StoredFamily,
  StoredFrequencyTable,
  StoredProfile,
  StoreOptions,
  StoreReader,
  StoreWriter,
} from './profile-store.js';
export { MIGRATIONS, type Migration, SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
