/**
 * `kindred db search DB` (search what is new, record matches) and `kindred db matches DB` (list
 * matches above a threshold, mark one confirmed or rejected).
 *
 * @module
 */

import { DEFAULT_DIRECT_THRESHOLD } from '../dvi/direct-match.js';
import { KindredError } from '../errors.js';
import type { UnseenAllelePolicy } from '../frequencies/unseen.js';
import { categorize, resolveThresholds, verbalScale } from '../search/rank/categories.js';
import { findStoreDirectMatches, type StoreDirectResult } from '../store/direct-search.js';
import { matchProvenance } from '../store/match-provenance.js';
import { DEFAULT_RECORD_LOG10LR, type SearchSummary, searchStore } from '../store/match-search.js';
import type { MatchRecord, MatchStatus } from '../store/profile-store.js';
import { MATCH_STATUSES } from '../store/profile-store.js';
import { DEFAULT_SEARCH_MUTATION, describeMutation } from '../store/search-mutation.js';
import {
  parseFamilyPriors,
  parseThreadsOption,
  runPooledSearch,
  THREADS_USAGE,
} from './cli-threads.js';
import {
  actingUser,
  type DbCommandIO,
  formatTable,
  type OpenStore,
  parseDbArgs,
  storeFile,
  USER_USAGE,
} from './db-args.js';
import { createProgressBar, progressMode, trackProgress } from './progress-bar.js';

const SEARCH_USAGE = `Usage: kindred db search DB [options]

Searches every family not yet searched against every remains profile, and every remains profile
not yet searched against every family, and records each pair with log10 LR at or above the
recording threshold as a match (status new). Existing matches get their LR updated.
Markers whose table stores no mutation model are searched with the default
${describeMutation(DEFAULT_SEARCH_MUTATION)} (docs/workflow.md says why); markers
stored with "none" are searched without mutation, with a warning.
  --record-threshold X   record new matches with log10 LR >= X (default ${DEFAULT_RECORD_LOG10LR})
  --all                  search every pair again
  --unseen error|minimum alleles missing from the table: refuse (default) or add them with the
                         NRC II minimum 5/(2N) (or --floor F), frequencies otherwise unchanged
  --floor F              minimum frequency for --unseen minimum
  --prior FAMILY=P       prior probability that a remains belongs to FAMILY (repeat; the
                         others get 0, "none of them" 1 - the sum); default flat over every
                         sex-compatible missing person and "none"
  --direct-threshold LR  list direct matches (remains against remains and against the
                         elimination profiles, "same person" vs "unrelated") with LR >= LR
                         (default 10000; 0 lists every pair); reported, not recorded
  --json                 the summary, new matches and direct matches as JSON
${USER_USAGE}
Each match gets its posterior probability and whether the undisputed rule holds (LR >= 10,000
and 10,000 times every other LR of the victim and of the missing person).
${THREADS_USAGE}`;

const MATCHES_USAGE = `Usage: kindred db matches DB [options]

Lists recorded matches, highest log10 LR first.
  --min-log10lr X        only matches with log10 LR >= X
  --status new|confirmed|rejected
  --family F, --victim V
  --withdrawn            also list matches whose victim or family is withdrawn (marked)
  --confirm ID | --reject ID | --reopen ID   set a match's review status (--note TEXT); the
                         review is appended to the match's history (kindred db log --match ID)
${USER_USAGE}
  --json`;

/**
 * Run `kindred db search`.
 *
 * @throws KindredError `USAGE`, and the errors of `searchStore`
 */
export async function runDbSearch(
  argv: string[],
  io: DbCommandIO,
  open: OpenStore,
): Promise<number> {
  const parsed = parseDbArgs(argv, {
    'record-threshold': { type: 'string' },
    all: { type: 'boolean' },
    unseen: { type: 'string' },
    floor: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
    threads: { type: 'string' },
    quiet: { type: 'boolean' },
    progress: { type: 'boolean' },
    prior: { type: 'string', multiple: true },
    'direct-threshold': { type: 'string' },
  });
  const v = parsed.values;
  if (v.help === true) {
    io.stdout(`${SEARCH_USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, SEARCH_USAGE);
  const threshold =
    v['record-threshold'] === undefined
      ? undefined
      : _number(v['record-threshold'], '--record-threshold');
  let unseen: UnseenAllelePolicy | undefined;
  if (v.unseen === 'minimum') {
    unseen = {
      kind: 'minimum',
      renormalise: 'none',
      ...(v.floor !== undefined ? { floor: _number(v.floor, '--floor') } : {}),
    };
  } else if (v.unseen !== undefined && v.unseen !== 'error') {
    throw new KindredError('USAGE', `--unseen must be error or minimum, not "${String(v.unseen)}"`);
  }
  const directThreshold =
    v['direct-threshold'] === undefined
      ? DEFAULT_DIRECT_THRESHOLD
      : _number(v['direct-threshold'], '--direct-threshold');
  if (!(directThreshold >= 0)) {
    throw new KindredError(
      'USAGE',
      `--direct-threshold must be an LR >= 0, not ${directThreshold}`,
    );
  }
  const mode = progressMode({
    quiet: v.quiet === true,
    progress: v.progress === true,
    stderrIsTTY: io.stderrIsTTY,
  });
  const store = open(file, { create: false });
  // Ctrl-C cancels the search: the pool stops, nothing is written (the results are written in
  // one transaction after the ranking, and not at all once the interrupt came)
  const interrupt = io.interrupt?.();
  try {
    // Direct matches (remains against remains and the elimination set) first: they write
    // nothing, so a refusal there (say an elimination profile's allele the table lacks) comes
    // before the search has recorded anything, never after.
    const direct = findStoreDirectMatches(store, {
      threshold: directThreshold,
      ...(unseen !== undefined ? { unseen } : {}),
    });
    const before = new Set(store.listMatches().map((m) => m.id));
    const threads = parseThreadsOption(typeof v.threads === 'string' ? v.threads : undefined);
    const priors = parseFamilyPriors(v.prior as string[] | undefined);
    const summary = await searchStore(store, {
      ...(threshold !== undefined ? { recordLog10LR: threshold } : {}),
      ...(unseen !== undefined ? { unseen } : {}),
      ...(priors !== undefined ? { familyPriors: priors } : {}),
      all: v.all === true,
      context: { user: actingUser(v) },
      ...(mode === 'off' ? {} : { onIndexProgress: _indexProgress(mode, io) }),
      rank: async (index, rank) => {
        const result = await runPooledSearch(index, {
          threads,
          progress: mode,
          stderr: (t) => io.stderr(t),
          ...(io.stderrIsTTY !== undefined ? { stderrIsTTY: io.stderrIsTTY } : {}),
          ...(interrupt !== undefined ? { signal: interrupt.signal } : {}),
          rank,
        });
        if (interrupt?.signal.aborted === true) {
          throw new KindredError('ABORTED', 'db search interrupted; nothing was written');
        }
        return result;
      },
    });
    const fresh = store.listMatches().filter((m) => !before.has(m.id));
    _warnNoMutation(summary, io);
    for (const p of direct.populations) {
      for (const m of p.elimination) {
        io.stderr(
          `kindred: warning: remains "${m.a}" match elimination profile "${m.b}" (${p.population}: log10 LR ${m.log10LR === null ? '-inf' : m.log10LR.toFixed(2)}): their DNA may come from that person, not from the body\n`,
        );
      }
    }
    if (v.json === true) {
      io.stdout(
        `${JSON.stringify({ ...summary, unusedMarkers: Object.fromEntries(summary.unusedMarkers), mutation: Object.fromEntries(summary.mutation), degraded: Object.fromEntries(summary.degraded), newMatches: fresh, direct: { threshold: direct.threshold, populations: direct.populations } }, null, 2)}\n`,
      );
      return 0;
    }
    const lines = [
      `searched ${summary.families.length} new or changed families against all remains, and ${summary.remains.length} new remains against all families`,
      `${summary.pairs} pairs compared (${summary.excludedBySex} left out: sexes differ); ${summary.recorded} new matches recorded, ${summary.updated} updated`,
    ];
    for (const [population, m] of summary.mutation) {
      if (m.defaulted.length > 0)
        lines.push(
          `mutation: ${population}: default ${describeMutation(DEFAULT_SEARCH_MUTATION)} at ${m.defaulted.length} marker(s) without a stored model`,
        );
    }
    if (summary.degraded.size > 0) {
      const shown = [...summary.degraded]
        .slice(0, 5)
        .map(([id, o]) => `${id} ${o.dropout}/${o.dropin}`);
      lines.push(
        `drop-out/drop-in: ${summary.degraded.size} profile(s) searched as degraded (${shown.join(', ')}${summary.degraded.size > 5 ? ', …' : ''})`,
      );
    }
    if (summary.unusedMarkers.size > 0) {
      lines.push(
        `markers not in the frequency table (not used): ${[...summary.unusedMarkers].map(([m, n]) => `${m} (${n})`).join(', ')}`,
      );
    }
    if (summary.addedAlleles.length > 0) {
      lines.push(
        `alleles added with a minimum frequency: ${summary.addedAlleles.map((a) => `${a.marker} ${a.allele} (${a.frequency})`).join(', ')}`,
      );
    }
    io.stdout(
      `${lines.join('\n')}\n${fresh.length > 0 ? _table(fresh) : ''}${_directLines(direct)}`,
    );
    return 0;
  } finally {
    interrupt?.dispose();
    store.close();
  }
}

/** Progress of each population's index build: `index [###…] 40% 400/1.0k families+remains …`. */
function _indexProgress(
  mode: 'bar' | 'lines',
  io: DbCommandIO,
): (done: number, total: number, population: string) => void {
  let tracker: ReturnType<typeof trackProgress> | undefined;
  return (done, total, population) => {
    tracker ??= trackProgress(
      createProgressBar({
        write: (t) => io.stderr(t),
        mode,
        label: `index ${population}`,
        unit: 'families+remains',
      }),
      total,
    );
    tracker.step(done);
    if (done >= total) {
      tracker.finish();
      tracker = undefined;
    }
  };
}

/**
 * Run `kindred db matches`.
 *
 * @throws KindredError `USAGE`, `STORE_ERROR` (unknown match id)
 */
export function runDbMatches(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, {
    'min-log10lr': { type: 'string' },
    status: { type: 'string' },
    family: { type: 'string' },
    victim: { type: 'string' },
    withdrawn: { type: 'boolean' },
    confirm: { type: 'string' },
    reject: { type: 'string' },
    reopen: { type: 'string' },
    note: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  });
  const v = parsed.values;
  if (v.help === true) {
    io.stdout(`${MATCHES_USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, MATCHES_USAGE);
  const reviews = (
    [
      ['confirm', 'confirmed'],
      ['reject', 'rejected'],
      ['reopen', 'new'],
    ] as const
  ).filter(([flag]) => v[flag] !== undefined);
  if (reviews.length > 1)
    throw new KindredError('USAGE', 'Give one of --confirm, --reject, --reopen');
  const review = reviews[0];
  if (review !== undefined) {
    const id = _number(v[review[0]], `--${review[0]}`);
    const store = open(file, { create: false });
    try {
      const note = typeof v.note === 'string' ? v.note : undefined;
      const m = store.write((tx) => tx.reviewMatch(id, review[1], note), {
        user: actingUser(v),
      });
      io.stdout(v.json === true ? `${JSON.stringify(_conclusion(m), null, 2)}\n` : _table([m]));
    } finally {
      store.close();
    }
    return 0;
  }
  const status = v.status as MatchStatus | undefined;
  if (status !== undefined && !MATCH_STATUSES.includes(status)) {
    throw new KindredError('USAGE', `--status must be one of ${MATCH_STATUSES.join(', ')}`);
  }
  const store = open(file, { create: false, readonly: true });
  try {
    const list = store.listMatches({
      ...(v['min-log10lr'] !== undefined
        ? { minLog10LR: _number(v['min-log10lr'], '--min-log10lr') }
        : {}),
      ...(status !== undefined ? { status } : {}),
      ...(typeof v.family === 'string' ? { family: v.family } : {}),
      ...(typeof v.victim === 'string' ? { victim: v.victim } : {}),
      ...(v.withdrawn === true ? {} : { withdrawn: false }),
    });
    io.stdout(
      v.json === true
        ? `${JSON.stringify(
            list.map((m) => ({ ..._conclusion(m), provenance: matchProvenance(store, m) })),
            null,
            2,
          )}\n`
        : list.length === 0
          ? 'no matches\n'
          : _table(list),
    );
  } finally {
    store.close();
  }
  return 0;
}

/** The warning of a search that ran without mutation at some markers (stored as none). */
function _warnNoMutation(summary: SearchSummary, io: DbCommandIO): void {
  for (const [population, m] of summary.mutation) {
    if (m.none.length > 0)
      io.stderr(
        `kindred: warning: population ${population} searched without mutation at ${m.none.join(', ')}: one mutation excludes a true relative (LR 0)\n`,
      );
  }
}

const THRESHOLDS = resolveThresholds();

/** A match with its reading: category and verbal equivalent of the LR (the JSON form). */
function _conclusion(m: MatchRecord) {
  return {
    ...m,
    category: categorize(m.log10LR, THRESHOLDS),
    verbal: verbalScale(m.log10LR),
  };
}

function _table(list: readonly MatchRecord[]): string {
  return formatTable([
    [
      'id',
      'victim',
      'family',
      'missing',
      'log10LR',
      'posterior',
      'undisputed',
      'category',
      'status',
      'note',
    ],
    ...list.map((m) => [
      String(m.id),
      m.victim,
      m.family,
      m.missing,
      m.log10LR === null ? '-inf' : m.log10LR.toFixed(2),
      m.posterior === null ? '-' : _probability(m.posterior),
      m.undisputed ? 'yes' : 'no',
      categorize(m.log10LR, THRESHOLDS),
      m.withdrawn ? `${m.status} (withdrawn)` : m.status,
      m.note,
    ]),
  ]);
}

/** A probability to 4 decimals (4 significant digits below 0.001), 0 exact (`0.9999`, `2.315e-7`). */
function _probability(p: number): string {
  if (p === 0) return '0';
  return p >= 1e-3 ? p.toFixed(4) : p.toExponential(3);
}

function _number(value: unknown, flag: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n))
    throw new KindredError('USAGE', `${flag} needs a number, not "${String(value)}"`);
  return n;
}

/** The direct matches of a db search, as text (nothing when the store has no remains pair to compare). */
function _directLines(direct: StoreDirectResult): string {
  const lines: string[] = [];
  for (const p of direct.populations) {
    if (p.compared === 0) continue;
    lines.push(
      `direct matches (same person vs unrelated, LR >= ${direct.threshold}; ${p.population}): ${p.compared} pairs compared, ${p.remains.length} remains pairs, ${p.elimination.length} against elimination profiles`,
    );
    for (const m of [...p.remains, ...p.elimination]) {
      const what = m.kind === 'remains' ? 'remains' : 'elimination';
      const lr = m.log10LR === null ? 'excluded' : `log10 LR ${m.log10LR.toFixed(2)}`;
      const discordant = m.discordant.length > 0 ? `; discordant: ${m.discordant.join(' ')}` : '';
      const left =
        m.leftOut.length > 0 ? `; X markers left out, no sex known: ${m.leftOut.join(' ')}` : '';
      lines.push(`  ${m.a} ~ ${what} ${m.b}: ${lr} (${m.loci} loci${discordant}${left})`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
