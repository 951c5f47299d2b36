/**
 * The SQLite schema of the profile store and its migrations. The table `kindred_schema` records
 * every version applied (`version`, `applied_at`); opening a store applies the missing
 * migrations in order, each in its own transaction, and refuses a file written by a newer
 * Kindred (a version above {@link SQLITE_SCHEMA_VERSION}).
 *
 * Version 1: profiles, families (+ members), frequency tables, matches.
 * Version 2: the import log, and an index on matches by log10LR.
 * Version 3: the append-only `history` (triggers refuse every UPDATE and DELETE on it), the
 * withdrawal of profiles and families, the extra fields of a profile record; every profile,
 * family, table and match already stored gets one `migrated` entry with its state at the time,
 * so the history of a store written before version 3 starts from what it held.
 * Version 4: each match's posterior probability and undisputed flag from the search that last
 * computed it (NULL and 0 for matches recorded before).
 * Version 5: drop-out and drop-in (`spec/degraded-dna.md`): each profile's own `observation`
 * (JSON `{dropout, dropin}`, NULL: its kind's default applies) and the table
 * `observation_defaults` (one row per profile kind that has a default); the profile kind
 * `elimination` (staff, first responders); the history entity `setting` (a kind's default is a
 * setting, and its changes are history entries like every other). SQLite cannot change a CHECK
 * constraint in place, so `profiles` and `history` are rebuilt the documented way (new table,
 * every row copied as it is, old table dropped, new one renamed, indexes and triggers made
 * again; foreign keys off meanwhile and checked before the commit): every history entry keeps
 * its seq, time, user and data, and the append-only triggers are back before the commit.
 *
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import { KindredError } from '../errors.js';
import { checkObservation, observationToText } from './store-observation.js';

/** One schema step. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    description: 'profiles, families, frequency tables, matches',
    sql: `
CREATE TABLE profiles (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reference', 'remains', 'direct')),
  sex TEXT CHECK (sex IS NULL OR sex IN ('male', 'female')),
  genotypes TEXT NOT NULL,
  source TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  searched INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX profiles_kind ON profiles (kind, searched);
CREATE TABLE families (
  name TEXT PRIMARY KEY NOT NULL,
  pedigree TEXT NOT NULL,
  missing TEXT NOT NULL,
  population TEXT,
  source TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  searched INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE family_members (
  family TEXT NOT NULL REFERENCES families (name) ON DELETE CASCADE,
  member TEXT NOT NULL,
  profile TEXT NOT NULL REFERENCES profiles (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (family, member)
) WITHOUT ROWID;
CREATE INDEX family_members_profile ON family_members (profile);
CREATE TABLE frequency_tables (
  population TEXT PRIMARY KEY NOT NULL,
  markers TEXT NOT NULL,
  mutation TEXT NOT NULL,
  theta REAL NOT NULL,
  source TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE matches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  victim TEXT NOT NULL REFERENCES profiles (id),
  family TEXT NOT NULL REFERENCES families (name),
  missing TEXT NOT NULL,
  log10_lr REAL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed', 'rejected')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (victim, family, missing)
);`,
  },
  {
    version: 2,
    description: 'import log; matches by log10LR',
    sql: `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  at TEXT NOT NULL,
  profiles INTEGER NOT NULL,
  families INTEGER NOT NULL,
  tables INTEGER NOT NULL
);
CREATE INDEX matches_lr ON matches (log10_lr DESC);`,
  },
  {
    version: 3,
    description: 'append-only history; withdrawn profiles and families; extra profile fields',
    sql: `
ALTER TABLE profiles ADD COLUMN extra TEXT;
ALTER TABLE profiles ADD COLUMN withdrawn TEXT;
ALTER TABLE families ADD COLUMN withdrawn TEXT;
CREATE TABLE history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('profile', 'family', 'table', 'match', 'search')),
  key TEXT NOT NULL,
  action TEXT NOT NULL,
  data TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  provenance TEXT
);
CREATE INDEX history_key ON history (entity, key, seq);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'the history is append-only: entries cannot be changed'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'the history is append-only: entries cannot be deleted'); END;
INSERT INTO history (at, user, entity, key, action, data, reason)
SELECT at, 'unknown (before schema 3)', entity, key, 'migrated', data,
  'state when the store was migrated to schema version 3' FROM (
  SELECT updated_at AS at, 'profile' AS entity, id AS key,
    json_patch(json_object('id', id, 'kind', kind, 'genotypes', json(genotypes)),
      json_object('sex', sex, 'source', source)) AS data, 1 AS o
  FROM profiles
  UNION ALL
  SELECT updated_at, 'family', name,
    json_patch(json_object('name', name, 'pedigree', json(pedigree), 'missing', json(missing),
      'members', (SELECT json_group_array(json_array(member, profile)) FROM
        (SELECT member, profile FROM family_members WHERE family = families.name ORDER BY position))),
      json_object('population', population, 'source', source)), 2
  FROM families
  UNION ALL
  SELECT updated_at, 'table', population,
    json_patch(json_object('population', population, 'markers', json(markers),
      'mutation', json(mutation), 'theta', theta), json_object('source', source)), 3
  FROM frequency_tables
  UNION ALL
  SELECT updated_at, 'match', CAST(id AS TEXT),
    json_object('victim', victim, 'family', family, 'missing', missing, 'log10LR', log10_lr,
      'status', status, 'note', note), 4
  FROM matches
  ORDER BY at, o, key
);`,
  },
  {
    version: 4,
    description: 'posterior and undisputed flag of each match',
    sql: `
ALTER TABLE matches ADD COLUMN posterior REAL;
ALTER TABLE matches ADD COLUMN undisputed INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 5,
    description:
      'drop-out and drop-in of profiles and default per kind; elimination profiles; settings in the history',
    sql: `
CREATE TABLE profiles_v5 (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reference', 'remains', 'direct', 'elimination')),
  sex TEXT CHECK (sex IS NULL OR sex IN ('male', 'female')),
  genotypes TEXT NOT NULL,
  source TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  searched INTEGER NOT NULL DEFAULT 0,
  extra TEXT,
  withdrawn TEXT,
  observation TEXT
) WITHOUT ROWID;
INSERT INTO profiles_v5 (id, kind, sex, genotypes, source, created_at, updated_at, searched, extra, withdrawn)
  SELECT id, kind, sex, genotypes, source, created_at, updated_at, searched, extra, withdrawn FROM profiles;
DROP TABLE profiles;
ALTER TABLE profiles_v5 RENAME TO profiles;
CREATE INDEX profiles_kind ON profiles (kind, searched);
CREATE TABLE observation_defaults (
  kind TEXT PRIMARY KEY NOT NULL CHECK (kind IN ('reference', 'remains', 'direct', 'elimination')),
  observation TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE history_v5 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('profile', 'family', 'table', 'match', 'search', 'setting')),
  key TEXT NOT NULL,
  action TEXT NOT NULL,
  data TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  provenance TEXT
);
INSERT INTO history_v5 (seq, at, user, entity, key, action, data, reason, provenance)
  SELECT seq, at, user, entity, key, action, data, reason, provenance FROM history ORDER BY seq;
DROP TABLE history;
ALTER TABLE history_v5 RENAME TO history;
CREATE INDEX history_key ON history (entity, key, seq);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'the history is append-only: entries cannot be changed'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'the history is append-only: entries cannot be deleted'); END;`,
  },
]);

/** The schema version this Kindred writes. */
export const SQLITE_SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * The schema version of an open database: 0 for an empty file.
 *
 * @throws KindredError `STORE_ERROR` when the file has tables but is not a Kindred store
 */
export function readSchemaVersion(db: BetterSqlite3.Database, file: string): number {
  const hasTable = db
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get('kindred_schema') as { n: number };
  if (hasTable.n === 0) {
    const other = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
      .get() as { n: number };
    if (other.n > 0) {
      throw new KindredError(
        'STORE_ERROR',
        `"${file}" is an SQLite database but not a Kindred store (no kindred_schema table)`,
        { file },
      );
    }
    return 0;
  }
  const row = db.prepare('SELECT max(version) AS v FROM kindred_schema').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}

/**
 * Bring a database up to `target` (default the latest version), one transaction per migration.
 *
 * @param db - an open database
 * @param file - its file name, for messages
 * @param now - ISO time recorded with each migration
 * @param target - the version to stop at (tests use it to build old stores)
 * @returns the version before and after
 * @throws KindredError `STORE_ERROR` when the file is newer than this Kindred or not a store
 */
export function migrate(
  db: BetterSqlite3.Database,
  file: string,
  now: () => string,
  target: number = SQLITE_SCHEMA_VERSION,
): { from: number; to: number } {
  const from = readSchemaVersion(db, file);
  if (from > SQLITE_SCHEMA_VERSION) {
    throw new KindredError(
      'STORE_ERROR',
      `"${file}" has schema version ${from}, newer than this Kindred's ${SQLITE_SCHEMA_VERSION}: upgrade Kindred`,
      { file },
    );
  }
  // A migration may rebuild a table that others reference (version 5 rebuilds `profiles`):
  // foreign keys are off while migrations run (the pragma is a no-op inside a transaction) and
  // checked inside each migration's transaction before it commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of MIGRATIONS) {
      if (m.version <= from || m.version > target) continue;
      db.transaction(() => {
        db.exec(
          'CREATE TABLE IF NOT EXISTS kindred_schema (version INTEGER NOT NULL, applied_at TEXT NOT NULL)',
        );
        db.exec(m.sql);
        if (m.version === 5) _moveObservationsOutOfExtra(db, file, now());
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new KindredError(
            'STORE_ERROR',
            `"${file}": migration to schema version ${m.version} would leave ${broken.length} rows whose references are broken (${JSON.stringify(broken[0])}); nothing was changed`,
            { file },
          );
        }
        db.prepare('INSERT INTO kindred_schema (version, applied_at) VALUES (?, ?)').run(
          m.version,
          now(),
        );
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
  return { from, to: Math.max(from, Math.min(target, SQLITE_SCHEMA_VERSION)) };
}

/**
 * Part of migration 5: up to schema 4 a profile's fields beyond id, kind, sex and genotypes were
 * kept as `extra`, so an `observation` field given by a program sat there (and no search used
 * it). Schema 5 keeps drop-out and drop-in in a column of their own: a valid `observation` is
 * moved there (the search now honours it; a history entry says so), an invalid one, or an `extra` field named like
 * another column (`source`, `withdrawn`), refuses the migration naming the profile, so nothing
 * is silently kept where nothing reads it.
 */
function _moveObservationsOutOfExtra(db: BetterSqlite3.Database, file: string, at: string): void {
  const rows = db
    .prepare("SELECT id, extra FROM profiles WHERE extra IS NOT NULL AND extra <> '{}'")
    .all() as { id: string; extra: string }[];
  const update = db.prepare('UPDATE profiles SET extra = ?, observation = ? WHERE id = ?');
  const note = db.prepare(
    "INSERT INTO history (at, user, entity, key, action, data, reason) VALUES (?, 'kindred', 'profile', ?, 'observation', ?, ?)",
  );
  for (const row of rows) {
    const extra = JSON.parse(row.extra) as Record<string, unknown>;
    for (const name of ['source', 'withdrawn']) {
      if (Object.hasOwn(extra, name)) {
        throw new KindredError(
          'STORE_ERROR',
          `"${file}": profile "${row.id}" has a field "${name}" of its own, and schema 5 keeps ${name} itself; rename that field with the Kindred that wrote the store before upgrading (nothing was changed)`,
          { file, path: ['profiles', row.id, name] },
        );
      }
    }
    if (!Object.hasOwn(extra, 'observation')) continue;
    let observation: ReturnType<typeof checkObservation>;
    try {
      observation = checkObservation(
        extra.observation as { dropout?: unknown; dropin?: unknown },
        `profile "${row.id}"`,
        ['profiles', row.id],
      );
    } catch (e) {
      throw new KindredError(
        'STORE_ERROR',
        `"${file}": profile "${row.id}" keeps an observation schema 5 cannot read (${e instanceof KindredError ? e.detail : String(e)}); nothing was changed`,
        { file, path: ['profiles', row.id, 'observation'] },
      );
    }
    const { observation: _moved, ...rest } = extra;
    update.run(
      Object.keys(rest).length > 0 ? JSON.stringify(rest) : null,
      observationToText(observation),
      row.id,
    );
    note.run(
      at,
      row.id,
      JSON.stringify({ id: row.id, observation }),
      "schema 5: the profile's observation field moved from its extra fields to the store's own column (searches now honour it)",
    );
  }
}
