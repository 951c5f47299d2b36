/**
 * The write side of the SQLite store. Every method runs inside the transaction that
 * `store.write()` opened; the rules are those of the in-memory store (see `profile-store.ts`).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type {
  HistoryEntry,
  ImportRecord,
  MatchRecord,
  PutOutcome,
  StoredFamily,
  StoredProfile,
  StoreReader,
  StoreWriter,
} from './profile-store.js';
import type { StatementCache } from './sqlite-reader.js';
import { checkMatchInput, checkReview, checkTableOptions, sameTable } from './store-checks.js';
import {
  checkWithdrawal,
  familyVersion,
  matchVersion,
  profileExtra,
  profileVersion,
  reviewAction,
  tableVersion,
  withdrawnError,
} from './store-history.js';
import {
  checkKind,
  checkObservation,
  defaultObservationKey,
  observationToText,
  sameObservation,
} from './store-observation.js';
import {
  checkFamily,
  genotypesToText,
  sameFamily,
  sameProfile,
  tableToText,
} from './store-records.js';

/**
 * The {@link StoreWriter} of a connection.
 *
 * @param sql - the connection's statement cache
 * @param reader - its reader (sees the transaction's own writes)
 * @param now - ISO clock
 * @param inTransaction - whether a transaction is open (writes outside one are refused)
 * @param context - the acting user and reason of the open write
 */
export function createSqliteWriter(
  sql: StatementCache,
  reader: StoreReader,
  now: () => string,
  inTransaction: () => boolean,
  context: () => { readonly user: string; readonly reason: string },
): StoreWriter {
  const guard = (): void => {
    if (!inTransaction()) {
      throw new KindredError('STORE_ERROR', 'Store writes are only allowed inside store.write()');
    }
  };
  const append = (
    at: string,
    entity: HistoryEntry['entity'],
    key: string,
    action: HistoryEntry['action'],
    data: unknown,
    provenance?: unknown,
    reason?: string,
  ): HistoryEntry => {
    const c = context();
    const r = reason ?? c.reason;
    const info = sql(
      'INSERT INTO history (at, user, entity, key, action, data, reason, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      at,
      c.user,
      entity,
      key,
      action,
      JSON.stringify(data),
      r,
      provenance === undefined ? null : JSON.stringify(provenance),
    );
    return {
      seq: Number(info.lastInsertRowid),
      at,
      user: c.user,
      entity,
      key,
      action,
      data,
      reason: r,
      ...(provenance !== undefined ? { provenance } : {}),
    };
  };
  const unsearchFamily = (name: string, at: string) =>
    sql('UPDATE families SET searched = 0, updated_at = ? WHERE name = ? AND searched = 1').run(
      at,
      name,
    );
  /** A profile's evidence changed (its observation): it, or its families, are searched again. */
  const unsearchProfile = (id: string, at: string): void => {
    sql('UPDATE profiles SET searched = 0 WHERE id = ? AND searched = 1').run(id);
    for (const name of reader.familiesOfProfile(id)) unsearchFamily(name, at);
  };
  return {
    ...reader,
    putProfile(profile, opts = {}): PutOutcome {
      guard();
      const at = now();
      const extra = profileExtra(profile);
      const given =
        opts.observation === undefined || opts.observation === null
          ? opts.observation
          : checkObservation(opts.observation, `profile "${profile.id}"`, ['profiles', profile.id]);
      const values = [
        profile.kind,
        profile.sex ?? null,
        genotypesToText(profile.genotypes),
        opts.source ?? null,
        Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
      ];
      // one statement for the common case, a new id; an existing row is compared below
      const inserted = sql(
        'INSERT INTO profiles (id, kind, sex, genotypes, source, extra, observation, created_at, updated_at, searched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING',
      ).run(profile.id, ...values, observationToText(given ?? undefined), at, at);
      if (inserted.changes === 1) {
        append(
          at,
          'profile',
          profile.id,
          'added',
          profileVersion(profile, opts.source, given ?? undefined),
        );
        return 'added';
      }
      const existing = reader.getProfile(profile.id) as StoredProfile;
      const observation = given === undefined ? existing.observation : (given ?? undefined);
      if (
        sameProfile(existing.profile, profile) &&
        sameObservation(existing.observation, observation)
      )
        return 'unchanged';
      if (existing.withdrawn !== undefined)
        throw withdrawnError('Profile', profile.id, existing.withdrawn);
      if (opts.replace !== true) throw _exists('Profile', profile.id);
      const memberOf = reader.familiesOfProfile(profile.id);
      const stored = { profile, createdAt: existing.createdAt, updatedAt: at, searched: false };
      for (const name of memberOf) {
        const family = reader.getFamily(name);
        const lookup = (id: string) => (id === profile.id ? stored : reader.getProfile(id));
        if (family !== undefined) checkFamily(family, lookup);
      }
      sql(
        'UPDATE profiles SET kind = ?, sex = ?, genotypes = ?, source = ?, extra = ?, observation = ?, updated_at = ?, searched = 0 WHERE id = ?',
      ).run(...values, observationToText(observation), at, profile.id);
      for (const name of memberOf) unsearchFamily(name, at);
      append(
        at,
        'profile',
        profile.id,
        'changed',
        profileVersion(profile, opts.source, observation),
      );
      return 'changed';
    },
    setObservation(id, value): PutOutcome {
      guard();
      const current = reader.getProfile(id);
      if (current === undefined) {
        throw new KindredError('STORE_ERROR', `Profile "${id}" is not in the store`, {
          path: ['profiles', id],
        });
      }
      const observation =
        value === null ? undefined : checkObservation(value, `profile "${id}"`, ['profiles', id]);
      if (sameObservation(current.observation, observation)) return 'unchanged';
      if (current.withdrawn !== undefined) throw withdrawnError('Profile', id, current.withdrawn);
      const at = now();
      sql('UPDATE profiles SET observation = ?, updated_at = ? WHERE id = ?').run(
        observationToText(observation),
        at,
        id,
      );
      unsearchProfile(id, at);
      append(
        at,
        'profile',
        id,
        'observation',
        profileVersion(current.profile, current.source, observation),
      );
      return 'changed';
    },
    setDefaultObservation(kind, value): PutOutcome {
      guard();
      const k = checkKind(kind);
      const observation =
        value === null
          ? undefined
          : checkObservation(value, `profile kind ${k} (default)`, ['settings', 'observation', k]);
      const old = reader.getDefaultObservation(k);
      if (sameObservation(old, observation)) return 'unchanged';
      const at = now();
      if (observation === undefined) {
        sql('DELETE FROM observation_defaults WHERE kind = ?').run(k);
      } else {
        sql(
          'INSERT INTO observation_defaults (kind, observation, updated_at) VALUES (?, ?, ?) ON CONFLICT (kind) DO UPDATE SET observation = excluded.observation, updated_at = excluded.updated_at',
        ).run(k, observationToText(observation), at);
      }
      const affected = sql(
        'SELECT id FROM profiles WHERE kind = ? AND observation IS NULL AND withdrawn IS NULL ORDER BY id',
      )
        .pluck()
        .all(k) as string[];
      for (const id of affected) unsearchProfile(id, at);
      const outcome = old === undefined ? 'added' : 'changed';
      append(at, 'setting', defaultObservationKey(k), outcome, {
        kind: k,
        observation: observation ?? null,
      });
      return outcome;
    },
    putFamily(input, opts = {}): PutOutcome {
      guard();
      const checked = checkFamily(input, reader.getProfile);
      const existing = reader.getFamily(checked.name);
      if (existing !== undefined && sameFamily(existing, checked)) return 'unchanged';
      if (existing?.withdrawn !== undefined)
        throw withdrawnError('Family', checked.name, existing.withdrawn);
      if (existing !== undefined && opts.replace !== true) throw _exists('Family', checked.name);
      for (const profileId of checked.members.values()) {
        const w = reader.getProfile(profileId)?.withdrawn;
        if (w !== undefined) throw withdrawnError('Profile', profileId, w);
      }
      const at = now();
      const values = [
        JSON.stringify(checked.pedigree),
        JSON.stringify(checked.missing),
        checked.population ?? null,
        checked.source ?? null,
      ];
      if (existing === undefined) {
        sql(
          'INSERT INTO families (name, pedigree, missing, population, source, created_at, updated_at, searched) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
        ).run(checked.name, ...values, at, at);
      } else {
        sql(
          'UPDATE families SET pedigree = ?, missing = ?, population = ?, source = ?, updated_at = ?, searched = 0 WHERE name = ?',
        ).run(...values, at, checked.name);
        sql('DELETE FROM family_members WHERE family = ?').run(checked.name);
      }
      let position = 0;
      for (const [member, profile] of checked.members) {
        sql(
          'INSERT INTO family_members (family, member, profile, position) VALUES (?, ?, ?, ?)',
        ).run(checked.name, member, profile, position++);
      }
      const outcome = existing === undefined ? 'added' : 'changed';
      append(at, 'family', checked.name, outcome, familyVersion(checked));
      return outcome;
    },
    putFrequencyTable(table, opts = {}): PutOutcome {
      guard();
      const { mutation, theta } = checkTableOptions(table, opts);
      const existing = reader.getFrequencyTable(table.population);
      if (existing !== undefined && sameTable(existing, table, mutation, theta)) return 'unchanged';
      const at = now();
      const text = tableToText(table, mutation);
      sql(
        `INSERT INTO frequency_tables (population, markers, mutation, theta, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (population) DO UPDATE SET markers = excluded.markers, mutation = excluded.mutation,
           theta = excluded.theta, source = excluded.source, updated_at = excluded.updated_at`,
      ).run(table.population, text.markers, text.mutation, theta, table.source ?? null, at, at);
      sql('UPDATE families SET searched = 0, updated_at = ? WHERE searched = 1').run(at);
      const outcome = existing === undefined ? 'added' : 'changed';
      append(at, 'table', table.population, outcome, tableVersion(table, mutation, theta));
      return outcome;
    },
    recordMatch(match, provenance): MatchRecord {
      guard();
      checkMatchInput(match, reader);
      const at = now();
      const old = sql(
        'SELECT id, log10_lr, posterior, undisputed FROM matches WHERE victim = ? AND family = ? AND missing = ?',
      ).get(match.victim, match.family, match.missing) as
        | { id: number; log10_lr: number | null; posterior: number | null; undisputed: number }
        | undefined;
      const posterior = match.posterior ?? null;
      const undisputed = match.undisputed === true ? 1 : 0;
      if (old === undefined) {
        const info = sql(
          "INSERT INTO matches (victim, family, missing, log10_lr, posterior, undisputed, status, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'new', '', ?, ?)",
        ).run(
          match.victim,
          match.family,
          match.missing,
          match.log10LR,
          posterior,
          undisputed,
          at,
          at,
        );
        const record = reader.getMatch(Number(info.lastInsertRowid)) as MatchRecord;
        append(at, 'match', String(record.id), 'recorded', matchVersion(record), provenance);
        return record;
      }
      if (
        old.log10_lr !== match.log10LR ||
        old.posterior !== posterior ||
        old.undisputed !== undisputed
      ) {
        sql(
          'UPDATE matches SET log10_lr = ?, posterior = ?, undisputed = ?, updated_at = ? WHERE id = ?',
        ).run(match.log10LR, posterior, undisputed, at, old.id);
        const record = reader.getMatch(old.id) as MatchRecord;
        append(at, 'match', String(record.id), 'result', matchVersion(record), provenance);
        return record;
      }
      return reader.getMatch(old.id) as MatchRecord;
    },
    reviewMatch(id, status, note): MatchRecord {
      guard();
      const old = checkReview(id, status, note, reader);
      const at = now();
      sql('UPDATE matches SET status = ?, note = ?, updated_at = ? WHERE id = ?').run(
        status,
        note ?? old.note,
        at,
        id,
      );
      const record = reader.getMatch(id) as MatchRecord;
      append(
        at,
        'match',
        String(id),
        reviewAction(old, record),
        matchVersion(record),
        undefined,
        note,
      );
      return record;
    },
    withdrawProfile(id, reason): StoredProfile {
      guard();
      const current = reader.getProfile(id);
      checkWithdrawal('Profile', id, reason, current);
      const at = now();
      const w = { at, user: context().user, reason };
      sql('UPDATE profiles SET withdrawn = ?, searched = 0, updated_at = ? WHERE id = ?').run(
        JSON.stringify(w),
        at,
        id,
      );
      for (const name of reader.familiesOfProfile(id)) unsearchFamily(name, at);
      const stored = current as StoredProfile;
      append(
        at,
        'profile',
        id,
        'withdrawn',
        profileVersion(stored.profile, stored.source, stored.observation),
        undefined,
        reason,
      );
      return reader.getProfile(id) as StoredProfile;
    },
    withdrawFamily(name, reason): StoredFamily {
      guard();
      const current = reader.getFamily(name);
      checkWithdrawal('Family', name, reason, current);
      const at = now();
      const w = { at, user: context().user, reason };
      sql('UPDATE families SET withdrawn = ?, searched = 0, updated_at = ? WHERE name = ?').run(
        JSON.stringify(w),
        at,
        name,
      );
      append(
        at,
        'family',
        name,
        'withdrawn',
        familyVersion(current as StoredFamily),
        undefined,
        reason,
      );
      return reader.getFamily(name) as StoredFamily;
    },
    appendHistory(entry): HistoryEntry {
      guard();
      return append(now(), entry.entity, entry.key, entry.action, entry.data);
    },
    markSearched(profiles, families): void {
      guard();
      for (const id of profiles) sql('UPDATE profiles SET searched = 1 WHERE id = ?').run(id);
      for (const name of families) sql('UPDATE families SET searched = 1 WHERE name = ?').run(name);
    },
    logImport(entry): ImportRecord {
      guard();
      const at = now();
      const info = sql(
        'INSERT INTO imports (file, format, at, profiles, families, tables) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(entry.file, entry.format, at, entry.profiles, entry.families, entry.tables);
      return { ...entry, id: Number(info.lastInsertRowid), at };
    },
  };
}

function _exists(what: 'Profile' | 'Family', id: string): KindredError {
  return new KindredError(
    'STORE_ERROR',
    `${what} "${id}" is already in the store with different data; pass replace: true to update it`,
    { path: [what === 'Profile' ? 'profiles' : 'families', id] },
  );
}
