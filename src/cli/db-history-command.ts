/**
 * `kindred db withdraw DB ID --reason TEXT [--family]` (withdraw a profile or a family: kept
 * with its history, listed with the reason, left out of every search) and
 * `kindred db log DB [--match ID | --profile ID | --family NAME | --search N]` (the history of a
 * record, or of the whole store, oldest first).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { isSexMarker } from '../profile/markers.js';
import type { HistoryEntry, HistoryFilter } from '../store/profile-store.js';
import {
  actingUser,
  type DbCommandIO,
  formatTable,
  type OpenStore,
  parseDbArgs,
  storeFile,
  USER_USAGE,
} from './db-args.js';

const WITHDRAW_USAGE = `Usage: kindred db withdraw DB ID --reason TEXT [--family] [--user NAME]

Withdraws profile ID (or family ID with --family): a sample swap, a consent withdrawn. The
record stays in the store with its whole history and is listed with the reason, but no search
uses it again; the families a withdrawn relative belongs to are searched again without them.
  --reason TEXT         why (required)
  --family              ID is a family name
${USER_USAGE}
  --json`;

/**
 * Run `kindred db withdraw`.
 *
 * @throws KindredError `USAGE`, `STORE_ERROR` (unknown or already withdrawn)
 */
export function runDbWithdraw(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, {
    reason: { type: 'string' },
    family: { type: 'boolean' },
    user: { type: 'string' },
    json: { type: 'boolean' },
  });
  const v = parsed.values;
  if (v.help === true) {
    io.stdout(`${WITHDRAW_USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, WITHDRAW_USAGE);
  const id = parsed.positionals[1];
  if (id === undefined || parsed.positionals.length > 2)
    throw new KindredError(
      'USAGE',
      `Name one profile id (or family with --family)\n${WITHDRAW_USAGE}`,
    );
  if (typeof v.reason !== 'string' || v.reason.trim() === '')
    throw new KindredError('USAGE', `--reason is required\n${WITHDRAW_USAGE}`);
  const reason = v.reason;
  const store = open(file, { create: false });
  try {
    const context = { user: actingUser(v), reason };
    const record =
      v.family === true
        ? store.write((tx) => tx.withdrawFamily(id, reason), context)
        : store.write((tx) => tx.withdrawProfile(id, reason), context);
    const w = record.withdrawn;
    io.stdout(
      v.json === true
        ? `${JSON.stringify({ id, kind: v.family === true ? 'family' : 'profile', withdrawn: w }, null, 2)}\n`
        : `withdrawn ${v.family === true ? 'family' : 'profile'} ${id} at ${w?.at} by ${w?.user}: ${w?.reason}\n`,
    );
  } finally {
    store.close();
  }
  return 0;
}

const LOG_USAGE = `Usage: kindred db log DB [--match ID | --profile ID | --family NAME | --table P | --search N] [--json]

The history of one record (or of the whole store), oldest first: every version, review, result
and withdrawal with its time, acting user, reason, and for search results the search that
computed them. Nothing in it is ever changed or deleted.`;

/**
 * Run `kindred db log`.
 *
 * @throws KindredError `USAGE`
 */
export function runDbLog(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, {
    match: { type: 'string' },
    profile: { type: 'string' },
    family: { type: 'string' },
    table: { type: 'string' },
    search: { type: 'string' },
    json: { type: 'boolean' },
  });
  const v = parsed.values;
  if (v.help === true) {
    io.stdout(`${LOG_USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, LOG_USAGE);
  const given = (['match', 'profile', 'family', 'table', 'search'] as const).filter(
    (k) => v[k] !== undefined,
  );
  if (given.length > 1)
    throw new KindredError(
      'USAGE',
      `Give one of --match, --profile, --family, --table, --search\n${LOG_USAGE}`,
    );
  const which = given[0];
  const filter: HistoryFilter = which === undefined ? {} : { entity: which, key: String(v[which]) };
  const store = open(file, { create: false, readonly: true });
  try {
    const entries = store.listHistory(filter);
    if (v.json === true) {
      io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    } else if (entries.length === 0) {
      io.stdout(
        which === undefined ? 'no history\n' : `no history for ${which} ${String(v[which])}\n`,
      );
    } else {
      io.stdout(
        formatTable([
          ['seq', 'at', 'user', 'record', 'action', 'what', 'reason'],
          ...entries.map((e) => [
            String(e.seq),
            e.at,
            e.user,
            `${e.entity} ${e.key}`,
            e.action,
            describeEntry(e),
            e.reason,
          ]),
        ]),
      );
    }
  } finally {
    store.close();
  }
  return 0;
}

/**
 * A short description of a history entry's new version for the log table.
 *
 * @example
 * ```ts
 * describeEntry({ entity: 'match', data: { log10LR: 15.8, status: 'confirmed' }, … }); // => 'log10LR 15.80, confirmed'
 * ```
 */
export function describeEntry(e: HistoryEntry): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.entity) {
    case 'match': {
      const lr = typeof d.log10LR === 'number' ? d.log10LR.toFixed(2) : '-inf';
      const via =
        typeof (e.provenance as { search?: unknown } | undefined)?.search === 'number'
          ? `, search #${(e.provenance as { search: number }).search}`
          : '';
      return `${String(d.victim)} = ${String(d.family)}/${String(d.missing)}: log10LR ${lr}, ${String(d.status)}${via}`;
    }
    case 'profile': {
      const g = Array.isArray(d.genotypes)
        ? (d.genotypes as unknown[]).filter(
            (e) => !(Array.isArray(e) && typeof e[0] === 'string' && isSexMarker(e[0])),
          ).length
        : 0;
      return `${String(d.kind)}${typeof d.sex === 'string' ? ` ${d.sex}` : ''}, ${g} markers${_observationText(d.observation, ', ')}`;
    }
    case 'setting': {
      const o = _observationText(d.observation, '');
      return `default of ${String(d.kind)} profiles: ${o === '' ? 'none' : o}`;
    }
    case 'family': {
      const members = Array.isArray(d.members) ? d.members.length : 0;
      const missing = Array.isArray(d.missing) ? d.missing.join(',') : '';
      return `${members} typed, missing ${missing}`;
    }
    case 'table': {
      const markers = Array.isArray(d.markers) ? d.markers.length : 0;
      const mutation = Array.isArray(d.mutation) ? d.mutation.length : 0;
      return `${markers} markers, ${mutation} mutation models, theta ${String(d.theta)}`;
    }
    default:
      return `${String(d.pairs ?? 0)} pairs, ${String(d.recorded ?? 0)} recorded, ${String(d.updated ?? 0)} updated`;
  }
}

/** `dropout D, dropin C` of a stored observation (after `prefix`), or '' when there is none. */
function _observationText(o: unknown, prefix: string): string {
  if (typeof o !== 'object' || o === null) return '';
  const { dropout, dropin } = o as { dropout?: unknown; dropin?: unknown };
  return `${prefix}dropout ${String(dropout)}, dropin ${String(dropin)}`;
}
