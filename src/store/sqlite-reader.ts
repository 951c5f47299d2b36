/**
 * The read side of the SQLite store: rows to records, filters to SQL. Statements are prepared
 * once per connection and cached by their text.
 *
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { PedigreeRecord } from '../pedigree/pedigree.js';
import type {
  HistoryEntry,
  ImportRecord,
  MatchFilter,
  MatchRecord,
  MatchStatus,
  ProfileFilter,
  StoredFamily,
  StoredFrequencyTable,
  StoredProfile,
  StoreReader,
  Withdrawal,
} from './profile-store.js';
import { observationFromText } from './store-observation.js';
import { profileFromText, tableFromText } from './store-records.js';

interface _ProfileRow {
  id: string;
  kind: string;
  sex: string | null;
  genotypes: string;
  source: string | null;
  created_at: string;
  updated_at: string;
  searched: number;
  extra: string | null;
  withdrawn: string | null;
  observation: string | null;
}

interface _FamilyRow {
  name: string;
  pedigree: string;
  missing: string;
  population: string | null;
  source: string | null;
  created_at: string;
  updated_at: string;
  searched: number;
  withdrawn: string | null;
}

interface _MatchRow {
  id: number;
  victim: string;
  family: string;
  missing: string;
  log10_lr: number | null;
  posterior: number | null;
  undisputed: number;
  withdrawn_any: number;
  status: string;
  note: string;
  created_at: string;
  updated_at: string;
}

/** Prepared-statement cache of one connection. */
export type StatementCache = (sql: string) => BetterSqlite3.Statement;

/**
 * A statement cache over a connection.
 *
 * @example
 * ```ts
 * const sql = createStatementCache(db);
 * sql('SELECT 1').get(); // => { 1: 1 }
 * ```
 */
export function createStatementCache(db: BetterSqlite3.Database): StatementCache {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (text) => {
    let s = cache.get(text);
    if (s === undefined) {
      s = db.prepare(text);
      cache.set(text, s);
    }
    return s;
  };
}

/** Matches with whether their victim or family is withdrawn. */
const MATCH_SELECT =
  'SELECT m.*, (EXISTS (SELECT 1 FROM profiles p WHERE p.id = m.victim AND p.withdrawn IS NOT NULL) OR EXISTS (SELECT 1 FROM families f WHERE f.name = m.family AND f.withdrawn IS NOT NULL)) AS withdrawn_any FROM matches m';

const PROFILE_COLUMNS =
  'id, kind, sex, genotypes, source, created_at, updated_at, searched, extra, withdrawn, observation';

/**
 * The {@link StoreReader} of a connection.
 *
 * @param sql - the connection's statement cache
 * @returns reader methods (each one statement, or a few inside the caller's transaction)
 */
export function createSqliteReader(sql: StatementCache): StoreReader {
  const profileWhere = (filter: Omit<ProfileFilter, 'limit' | 'offset'>) => {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.kind !== undefined) {
      clauses.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.searched !== undefined) {
      clauses.push('searched = ?');
      params.push(filter.searched ? 1 : 0);
    }
    if (filter.withdrawn !== undefined)
      clauses.push(filter.withdrawn ? 'withdrawn IS NOT NULL' : 'withdrawn IS NULL');
    return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
  };
  const family = (row: _FamilyRow): StoredFamily => {
    const members = sql(
      'SELECT member, profile FROM family_members WHERE family = ? ORDER BY position',
    ).all(row.name) as { member: string; profile: string }[];
    return {
      name: row.name,
      pedigree: JSON.parse(row.pedigree) as PedigreeRecord[],
      missing: JSON.parse(row.missing) as string[],
      members: new Map(members.map((m) => [m.member, m.profile])),
      ...(row.population !== null ? { population: row.population } : {}),
      ...(row.source !== null ? { source: row.source } : {}),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      searched: row.searched === 1,
      ...withdrawal(row.withdrawn),
    };
  };
  return {
    getProfile(id) {
      const row = sql(`SELECT ${PROFILE_COLUMNS} FROM profiles WHERE id = ?`).get(id);
      return row === undefined ? undefined : profileFromRow(row as _ProfileRow);
    },
    listProfiles(filter = {}) {
      const { where, params } = profileWhere(filter);
      const rows = sql(
        `SELECT ${PROFILE_COLUMNS} FROM profiles ${where} ORDER BY id LIMIT ? OFFSET ?`,
      ).all(...params, filter.limit ?? -1, filter.offset ?? 0) as _ProfileRow[];
      return rows.map(profileFromRow);
    },
    countProfiles(filter = {}) {
      const { where, params } = profileWhere(filter);
      return (sql(`SELECT count(*) AS n FROM profiles ${where}`).get(...params) as { n: number }).n;
    },
    getFamily(name) {
      const row = sql('SELECT * FROM families WHERE name = ?').get(name);
      return row === undefined ? undefined : family(row as _FamilyRow);
    },
    listFamilies(filter = {}) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (filter.searched !== undefined) {
        clauses.push('searched = ?');
        params.push(filter.searched ? 1 : 0);
      }
      if (filter.withdrawn !== undefined)
        clauses.push(filter.withdrawn ? 'withdrawn IS NOT NULL' : 'withdrawn IS NULL');
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = sql(`SELECT * FROM families ${where} ORDER BY name`).all(
        ...params,
      ) as _FamilyRow[];
      return rows.map(family);
    },
    familiesOfProfile(id) {
      return sql('SELECT DISTINCT family FROM family_members WHERE profile = ? ORDER BY family')
        .pluck()
        .all(id) as string[];
    },
    getFrequencyTable(population) {
      const row = sql('SELECT * FROM frequency_tables WHERE population = ?').get(population) as
        | {
            population: string;
            markers: string;
            mutation: string;
            theta: number;
            source: string | null;
            created_at: string;
            updated_at: string;
          }
        | undefined;
      if (row === undefined) return undefined;
      const { table, mutation } = tableFromText(
        row.population,
        row.source,
        row.markers,
        row.mutation,
      );
      const stored: StoredFrequencyTable = {
        table,
        mutation,
        theta: row.theta,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      return stored;
    },
    listPopulations() {
      return sql('SELECT population FROM frequency_tables ORDER BY population')
        .pluck()
        .all() as string[];
    },
    getMatch(id) {
      const row = sql(`${MATCH_SELECT} WHERE m.id = ?`).get(id);
      return row === undefined ? undefined : matchFromRow(row as _MatchRow);
    },
    listMatches(filter: MatchFilter = {}) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        clauses.push(clause);
        params.push(value);
      };
      if (filter.minLog10LR !== undefined) add('m.log10_lr >= ?', filter.minLog10LR);
      if (filter.status !== undefined) add('m.status = ?', filter.status);
      if (filter.victim !== undefined) add('m.victim = ?', filter.victim);
      if (filter.family !== undefined) add('m.family = ?', filter.family);
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = sql(
        `${MATCH_SELECT} ${where} ORDER BY m.log10_lr IS NULL, m.log10_lr DESC, m.id`,
      ).all(...params) as _MatchRow[];
      const list = rows.map(matchFromRow);
      return filter.withdrawn === undefined
        ? list
        : list.filter((m) => m.withdrawn === filter.withdrawn);
    },
    listImports() {
      return sql('SELECT * FROM imports ORDER BY id').all() as ImportRecord[];
    },
    getDefaultObservation(kind) {
      const text = sql('SELECT observation FROM observation_defaults WHERE kind = ?')
        .pluck()
        .get(kind) as string | undefined;
      return text === undefined ? undefined : observationFromText(text);
    },
    listHistory(filter = {}) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (filter.entity !== undefined) {
        clauses.push('entity = ?');
        params.push(filter.entity);
      }
      if (filter.key !== undefined) {
        clauses.push('key = ?');
        params.push(filter.key);
      }
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = sql(`SELECT * FROM history ${where} ORDER BY seq`).all(...params) as {
        seq: number;
        at: string;
        user: string;
        entity: HistoryEntry['entity'];
        key: string;
        action: HistoryEntry['action'];
        data: string;
        reason: string;
        provenance: string | null;
      }[];
      return rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        user: r.user,
        entity: r.entity,
        key: r.key,
        action: r.action,
        data: JSON.parse(r.data) as unknown,
        reason: r.reason,
        ...(r.provenance !== null ? { provenance: JSON.parse(r.provenance) as unknown } : {}),
      }));
    },
  };
}

/** The withdrawal of a row (its `withdrawn` JSON), as an optional field. */
function withdrawal(text: string | null): { withdrawn?: Withdrawal } {
  return text === null ? {} : { withdrawn: JSON.parse(text) as Withdrawal };
}

/** A profile row as a {@link StoredProfile}. */
export function profileFromRow(row: _ProfileRow): StoredProfile {
  return {
    profile: profileFromText(row.id, row.kind, row.sex, row.genotypes, row.extra),
    ...(row.source !== null ? { source: row.source } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    searched: row.searched === 1,
    ...withdrawal(row.withdrawn),
    ...(row.observation !== null ? { observation: observationFromText(row.observation) } : {}),
  };
}

/** A match row as a {@link MatchRecord}. */
export function matchFromRow(row: _MatchRow): MatchRecord {
  return {
    id: row.id,
    victim: row.victim,
    family: row.family,
    missing: row.missing,
    log10LR: row.log10_lr,
    posterior: row.posterior,
    undisputed: row.undisputed === 1,
    withdrawn: row.withdrawn_any === 1,
    status: row.status as MatchStatus,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
