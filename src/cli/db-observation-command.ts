/**
 * `kindred db set-observation DB ID --dropout D [--dropin C] | --clear` and
 * `kindred db set-observation DB --default KIND --dropout D [--dropin C] | --clear`: a profile's
 * own drop-out and drop-in, or the default of a profile kind (`spec/degraded-dna.md`). Without
 * a value it shows what is set. Every change is a history entry with the acting user and
 * reason; what it touches is searched again by the next `kindred db search`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { SampleObservation } from '../profile/observation.js';
import { PROFILE_KINDS, type ProfileKind } from '../profile/profile.js';
import type { PutOutcome } from '../store/profile-store.js';
import { effectiveObservation } from '../store/store-observation.js';
import {
  actingUser,
  type DbCommandIO,
  type OpenStore,
  parseDbArgs,
  storeFile,
  USER_USAGE,
} from './db-args.js';

const USAGE = `Usage: kindred db set-observation DB ID [--dropout D] [--dropin C] [--clear]
       kindred db set-observation DB --default KIND [--dropout D] [--dropin C] [--clear]

Drop-out D (the probability that one copy of an allele is not seen) and drop-in C (that one
foreign allele is seen at a locus), each in [0, 1), of profile ID, or with --default KIND the
default of every profile of that kind (reference, remains, direct, elimination) that has none of
its own. A search uses a profile's own values, else its kind's default, else none (0, 0).
  --dropout D           drop-out probability (default 0 when only --dropin is given)
  --dropin C            drop-in probability (default 0)
  --clear               remove the profile's own values (its kind's default applies again), or
                        the kind's default
  --reason TEXT         recorded with the change in the history
${USER_USAGE}
  --json
Without --dropout, --dropin or --clear it shows what is set. A change is recorded in the history
and what it touches (the remains, or the families of a relative) is searched again by the next
"kindred db search".`;

/**
 * Run `kindred db set-observation`.
 *
 * @throws KindredError `USAGE` (bad numbers, both an id and --default, --clear with values),
 *   `STORE_ERROR` (unknown or withdrawn profile)
 */
export function runDbSetObservation(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, {
    dropout: { type: 'string' },
    dropin: { type: 'string' },
    clear: { type: 'boolean' },
    default: { type: 'string' },
    reason: { type: 'string' },
    user: { type: 'string' },
    json: { type: 'boolean' },
  });
  const v = parsed.values;
  if (v.help === true) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, USAGE);
  const id = parsed.positionals[1];
  const kind = v.default as string | undefined;
  if (parsed.positionals.length > 2 || (id === undefined) === (kind === undefined)) {
    throw new KindredError('USAGE', `Name one profile id, or --default KIND\n${USAGE}`);
  }
  if (kind !== undefined && !PROFILE_KINDS.includes(kind as ProfileKind)) {
    throw new KindredError('USAGE', `--default must be one of ${PROFILE_KINDS.join(', ')}`);
  }
  const number = (name: 'dropout' | 'dropin'): number | undefined => {
    const text = v[name];
    if (text === undefined) return undefined;
    const x = Number(text);
    if (typeof text !== 'string' || text.trim() === '' || !(x >= 0 && x < 1)) {
      throw new KindredError(
        'USAGE',
        `--${name} must be a number in [0, 1), got ${JSON.stringify(text)}`,
      );
    }
    return x;
  };
  const dropout = number('dropout');
  const dropin = number('dropin');
  const given = dropout !== undefined || dropin !== undefined;
  if (v.clear === true && given) {
    throw new KindredError('USAGE', `--clear takes no --dropout or --dropin\n${USAGE}`);
  }
  const value: SampleObservation | null | undefined =
    v.clear === true ? null : given ? { dropout: dropout ?? 0, dropin: dropin ?? 0 } : undefined;
  if (value === undefined && (v.reason !== undefined || v.user !== undefined)) {
    throw new KindredError(
      'USAGE',
      `--reason and --user are recorded with a change; without --dropout, --dropin or --clear nothing changes, so they would be ignored\n${USAGE}`,
    );
  }
  const what = kind !== undefined ? `default of ${kind} profiles` : `profile ${id}`;
  const store = open(file, { create: false, readonly: value === undefined });
  try {
    let outcome: PutOutcome | undefined;
    if (value !== undefined) {
      const context = {
        user: actingUser(v),
        ...(typeof v.reason === 'string' ? { reason: v.reason } : {}),
      };
      outcome = store.write(
        (tx) =>
          kind !== undefined
            ? tx.setDefaultObservation(kind as ProfileKind, value)
            : tx.setObservation(id as string, value),
        context,
      );
    }
    const state = store.read((r) => {
      if (kind !== undefined) {
        const o = r.getDefaultObservation(kind as ProfileKind) ?? null;
        return { kind, default: o };
      }
      const p = r.getProfile(id as string);
      if (p === undefined) {
        throw new KindredError('STORE_ERROR', `Profile "${id}" is not in the store`, {
          path: ['profiles', id as string],
        });
      }
      return {
        id,
        kind: p.profile.kind,
        observation: p.observation ?? null,
        default: r.getDefaultObservation(p.profile.kind) ?? null,
        effective: effectiveObservation(r, p) ?? null,
      };
    });
    if (v.json === true) {
      io.stdout(
        `${JSON.stringify({ ...state, ...(outcome !== undefined ? { outcome } : {}) }, null, 2)}\n`,
      );
    } else {
      const show = (o: SampleObservation | null | undefined) =>
        o == null ? 'none' : `dropout ${o.dropout}, dropin ${o.dropin}`;
      const lines: string[] = [];
      if (outcome !== undefined) lines.push(`${what}: ${outcome}`);
      if ('effective' in state) {
        lines.push(
          `${what} (${state.kind}): own ${show(state.observation)}; default of ${state.kind} ${show(state.default)}; searched with ${show(state.effective)}`,
        );
      } else lines.push(`${what}: ${show(state.default)}`);
      io.stdout(`${lines.join('\n')}\n`);
    }
  } finally {
    store.close();
  }
  return 0;
}
