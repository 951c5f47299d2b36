/**
 * The in-memory {@link ProfileStore}: plain Maps, pure TypeScript (browser-safe). A write keeps
 * an undo log, so a callback that throws half-way leaves the store exactly as before.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type { SampleObservation } from '../profile/observation.js';
import type { Profile, ProfileKind } from '../profile/profile.js';
import type {
  HistoryEntry,
  ImportRecord,
  MatchInput,
  MatchRecord,
  MatchStatus,
  ProfileStore,
  PutFrequencyTableOptions,
  PutOutcome,
  StoredFamily,
  StoredFrequencyTable,
  StoredProfile,
  StoreOptions,
  StoreReader,
  StoreWriter,
  WriteContext,
} from './profile-store.js';
import {
  checkMatchInput,
  checkReview,
  checkTableOptions,
  filterMatches,
  filterProfiles,
  sameTable,
} from './store-checks.js';
import {
  checkWithdrawal,
  checkWriteContext,
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
  sameObservation,
} from './store-observation.js';
import { checkFamily, sameFamily, sameProfile } from './store-records.js';

/** Schema version of the in-memory store (it has no migrations; kept equal to SQLite's). */
export const MEMORY_SCHEMA_VERSION = 5;

/**
 * Create an empty in-memory store.
 *
 * @param options - clock for timestamps
 * @returns a store whose data lives as long as the object
 * @example
 * ```ts
 * const store = createMemoryStore();
 * store.write((tx) => tx.putProfile(createProfile({ id: 'V1', kind: 'remains', genotypes: {} })));
 * store.countProfiles(); // => 1
 * ```
 */
export function createMemoryStore(options: StoreOptions = {}): ProfileStore {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const profiles = new Map<string, StoredProfile>();
  const families = new Map<string, StoredFamily>();
  const tables = new Map<string, StoredFrequencyTable>();
  const defaults = new Map<ProfileKind, SampleObservation>();
  const matches = new Map<number, MatchRecord>();
  const matchKeys = new Map<string, number>();
  const imports: ImportRecord[] = [];
  const history: HistoryEntry[] = [];
  const seq = { match: 0, import: 0 };
  const defaultUser = options.user ?? 'unknown';
  let context = { user: defaultUser, reason: '' };
  let undo: (() => void)[] | null = null;

  const set = <K, V>(map: Map<K, V>, key: K, value: V): void => {
    const had = map.has(key);
    const old = map.get(key);
    map.set(key, value);
    undo?.push(() => (had ? map.set(key, old as V) : map.delete(key)));
  };
  const sorted = <V>(map: Map<string, V>): V[] =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

  const withWithdrawn = (m: MatchRecord): MatchRecord => {
    const w =
      profiles.get(m.victim)?.withdrawn !== undefined ||
      families.get(m.family)?.withdrawn !== undefined;
    return w === m.withdrawn ? m : { ...m, withdrawn: w };
  };
  const reader: StoreReader = {
    getProfile: (id) => profiles.get(id),
    listProfiles: (filter = {}) => filterProfiles(sorted(profiles), filter),
    countProfiles: (filter = {}) => filterProfiles([...profiles.values()], filter).length,
    getFamily: (name) => families.get(name),
    listFamilies: (filter = {}) =>
      sorted(families).filter(
        (f) =>
          (filter.searched === undefined || f.searched === filter.searched) &&
          (filter.withdrawn === undefined || (f.withdrawn !== undefined) === filter.withdrawn),
      ),
    familiesOfProfile: (id) =>
      sorted(families)
        .filter((f) => [...f.members.values()].includes(id))
        .map((f) => f.name),
    getFrequencyTable: (population) => tables.get(population),
    listPopulations: () => [...tables.keys()].sort(),
    getMatch: (id) => {
      const m = matches.get(id);
      return m === undefined ? undefined : withWithdrawn(m);
    },
    listMatches: (filter = {}) => filterMatches([...matches.values()].map(withWithdrawn), filter),
    listImports: () => [...imports],
    getDefaultObservation: (kind) => defaults.get(kind),
    listHistory: (filter = {}) =>
      history.filter(
        (h) =>
          (filter.entity === undefined || h.entity === filter.entity) &&
          (filter.key === undefined || h.key === filter.key),
      ),
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
    const entry: HistoryEntry = {
      seq: history.length + 1,
      at,
      user: context.user,
      entity,
      key,
      action,
      data: JSON.parse(JSON.stringify(data)) as unknown,
      reason: reason ?? context.reason,
      ...(provenance !== undefined
        ? { provenance: JSON.parse(JSON.stringify(provenance)) as unknown }
        : {}),
    };
    history.push(entry);
    undo?.push(() => {
      history.pop();
    });
    return entry;
  };

  const guard = (): void => {
    if (undo === null) {
      throw new KindredError('STORE_ERROR', 'Store writes are only allowed inside store.write()');
    }
  };
  const unsearchFamily = (name: string, at: string): void => {
    const f = families.get(name);
    if (f?.searched) set(families, name, { ...f, searched: false, updatedAt: at });
  };
  /** A profile's evidence changed (its observation): it, or its families, are searched again. */
  const unsearchProfile = (id: string, at: string): void => {
    const p = profiles.get(id);
    if (p?.searched) set(profiles, id, { ...p, searched: false });
    for (const name of reader.familiesOfProfile(id)) unsearchFamily(name, at);
  };

  const writer: StoreWriter = {
    ...reader,
    putProfile(profile: Profile, opts = {}): PutOutcome {
      guard();
      profileExtra(profile);
      const given =
        opts.observation === undefined || opts.observation === null
          ? opts.observation
          : checkObservation(opts.observation, `profile "${profile.id}"`, ['profiles', profile.id]);
      const existing = profiles.get(profile.id);
      const observation = given === undefined ? existing?.observation : (given ?? undefined);
      if (
        existing !== undefined &&
        sameProfile(existing.profile, profile) &&
        sameObservation(existing.observation, observation)
      )
        return 'unchanged';
      if (existing?.withdrawn !== undefined)
        throw withdrawnError('Profile', profile.id, existing.withdrawn);
      if (existing !== undefined && opts.replace !== true) throw _exists('Profile', profile.id);
      const at = now();
      const stored: StoredProfile = {
        profile,
        ...(opts.source !== undefined ? { source: opts.source } : {}),
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        searched: false,
        ...(observation !== undefined ? { observation } : {}),
      };
      const memberOf = reader.familiesOfProfile(profile.id);
      for (const name of memberOf) {
        const lookup = (id: string) => (id === profile.id ? stored : profiles.get(id));
        checkFamily(families.get(name) as StoredFamily, lookup);
      }
      set(profiles, profile.id, stored);
      for (const name of memberOf) unsearchFamily(name, at);
      const outcome = existing === undefined ? 'added' : 'changed';
      append(at, 'profile', profile.id, outcome, profileVersion(profile, opts.source, observation));
      return outcome;
    },
    setObservation(id, value): PutOutcome {
      guard();
      const current = profiles.get(id);
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
      const { observation: _old, ...rest } = current;
      set(profiles, id, {
        ...rest,
        updatedAt: at,
        ...(observation !== undefined ? { observation } : {}),
      });
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
      const old = defaults.get(k);
      if (sameObservation(old, observation)) return 'unchanged';
      const at = now();
      if (observation === undefined) {
        defaults.delete(k);
        undo?.push(() => defaults.set(k, old as SampleObservation));
      } else set(defaults, k, observation);
      for (const p of profiles.values()) {
        if (p.profile.kind === k && p.observation === undefined && p.withdrawn === undefined)
          unsearchProfile(p.profile.id, at);
      }
      append(at, 'setting', defaultObservationKey(k), old === undefined ? 'added' : 'changed', {
        kind: k,
        observation: observation ?? null,
      });
      return old === undefined ? 'added' : 'changed';
    },
    putFamily(input, opts = {}): PutOutcome {
      guard();
      const checked = checkFamily(input, (id) => profiles.get(id));
      const existing = families.get(checked.name);
      if (existing !== undefined && sameFamily(existing, checked)) return 'unchanged';
      if (existing?.withdrawn !== undefined)
        throw withdrawnError('Family', checked.name, existing.withdrawn);
      if (existing !== undefined && opts.replace !== true) throw _exists('Family', checked.name);
      for (const profileId of checked.members.values()) {
        const w = profiles.get(profileId)?.withdrawn;
        if (w !== undefined) throw withdrawnError('Profile', profileId, w);
      }
      const at = now();
      set(families, checked.name, {
        ...checked,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        searched: false,
      });
      const outcome = existing === undefined ? 'added' : 'changed';
      append(at, 'family', checked.name, outcome, familyVersion(checked));
      return outcome;
    },
    putFrequencyTable(table: FrequencyTable, opts: PutFrequencyTableOptions = {}): PutOutcome {
      guard();
      const { mutation, theta } = checkTableOptions(table, opts);
      const existing = tables.get(table.population);
      if (existing !== undefined && sameTable(existing, table, mutation, theta)) return 'unchanged';
      const at = now();
      set(tables, table.population, {
        table,
        mutation,
        theta,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      });
      for (const name of families.keys()) unsearchFamily(name, at);
      const outcome = existing === undefined ? 'added' : 'changed';
      append(at, 'table', table.population, outcome, tableVersion(table, mutation, theta));
      return outcome;
    },
    recordMatch(match: MatchInput, provenance?: unknown): MatchRecord {
      guard();
      checkMatchInput(match, reader);
      const key = `${match.victim}\u0000${match.family}\u0000${match.missing}`;
      const id = matchKeys.get(key);
      const at = now();
      if (id !== undefined) {
        const old = matches.get(id) as MatchRecord;
        const posterior = match.posterior ?? null;
        const undisputed = match.undisputed === true;
        if (
          old.log10LR === match.log10LR &&
          old.posterior === posterior &&
          old.undisputed === undisputed
        )
          return withWithdrawn(old);
        const updated = withWithdrawn({
          ...old,
          log10LR: match.log10LR,
          posterior,
          undisputed,
          updatedAt: at,
        });
        set(matches, id, updated);
        append(at, 'match', String(id), 'result', matchVersion(updated), provenance);
        return updated;
      }
      const next = seq.match + 1;
      seq.match = next;
      undo?.push(() => {
        seq.match = next - 1;
      });
      const record: MatchRecord = {
        id: next,
        victim: match.victim,
        family: match.family,
        missing: match.missing,
        log10LR: match.log10LR,
        posterior: match.posterior ?? null,
        undisputed: match.undisputed === true,
        withdrawn: false,
        status: 'new',
        note: '',
        createdAt: at,
        updatedAt: at,
      };
      set(matches, next, record);
      set(matchKeys, key, next);
      append(at, 'match', String(next), 'recorded', matchVersion(record), provenance);
      return record;
    },
    reviewMatch(id: number, status: MatchStatus, note?: string): MatchRecord {
      guard();
      const old = checkReview(id, status, note, reader);
      const at = now();
      const updated = { ...old, status, note: note ?? old.note, updatedAt: at };
      set(matches, id, updated);
      append(
        at,
        'match',
        String(id),
        reviewAction(old, updated),
        matchVersion(updated),
        undefined,
        note,
      );
      return updated;
    },
    withdrawProfile(id, reason): StoredProfile {
      guard();
      const current = profiles.get(id);
      checkWithdrawal('Profile', id, reason, current);
      const at = now();
      const stored = current as StoredProfile;
      const next: StoredProfile = {
        ...stored,
        updatedAt: at,
        searched: false,
        withdrawn: { at, user: context.user, reason },
      };
      set(profiles, id, next);
      for (const name of reader.familiesOfProfile(id)) unsearchFamily(name, at);
      append(
        at,
        'profile',
        id,
        'withdrawn',
        profileVersion(stored.profile, stored.source, stored.observation),
        undefined,
        reason,
      );
      return next;
    },
    withdrawFamily(name, reason): StoredFamily {
      guard();
      const current = families.get(name);
      checkWithdrawal('Family', name, reason, current);
      const at = now();
      const next: StoredFamily = {
        ...(current as StoredFamily),
        updatedAt: at,
        searched: false,
        withdrawn: { at, user: context.user, reason },
      };
      set(families, name, next);
      append(at, 'family', name, 'withdrawn', familyVersion(next), undefined, reason);
      return next;
    },
    appendHistory(entry): HistoryEntry {
      guard();
      return append(now(), entry.entity, entry.key, entry.action, entry.data);
    },
    markSearched(profileIds, familyNames): void {
      guard();
      for (const id of profileIds) {
        const p = profiles.get(id);
        if (p !== undefined && !p.searched) set(profiles, id, { ...p, searched: true });
      }
      for (const name of familyNames) {
        const f = families.get(name);
        if (f !== undefined && !f.searched) set(families, name, { ...f, searched: true });
      }
    },
    logImport(entry): ImportRecord {
      guard();
      const record: ImportRecord = { ...entry, id: seq.import + 1, at: now() };
      seq.import += 1;
      imports.push(record);
      undo?.push(() => {
        imports.pop();
        seq.import -= 1;
      });
      return record;
    },
  };

  return {
    kind: 'memory',
    schemaVersion: MEMORY_SCHEMA_VERSION,
    ...reader,
    write<T>(fn: (tx: StoreWriter) => T, ctx?: WriteContext): T {
      if (undo !== null) return fn(writer);
      context = checkWriteContext(ctx, defaultUser);
      const log: (() => void)[] = [];
      undo = log;
      try {
        return fn(writer);
      } catch (e) {
        for (let i = log.length - 1; i >= 0; i--) log[i]!();
        throw e;
      } finally {
        undo = null;
        context = { user: defaultUser, reason: '' };
      }
    },
    read: (fn) => fn(reader),
    close: () => undefined,
  };
}

function _exists(what: 'Profile' | 'Family', id: string): KindredError {
  return new KindredError(
    'STORE_ERROR',
    `${what} "${id}" is already in the store with different data; pass replace: true to update it`,
    { path: [what === 'Profile' ? 'profiles' : 'families', id] },
  );
}
