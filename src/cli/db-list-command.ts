/**
 * `kindred db list DB [profiles|families|tables|imports]`: what a store holds.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { isSexMarker } from '../profile/markers.js';
import { PROFILE_KINDS, type ProfileKind } from '../profile/profile.js';
import type { StoredProfile, StoreReader, Withdrawal } from '../store/profile-store.js';
import { effectiveObservation } from '../store/store-observation.js';
import {
  type DbCommandIO,
  formatTable,
  type OpenStore,
  parseDbArgs,
  storeFile,
} from './db-args.js';
import { _usageLine } from './error-line.js';

const USAGE = `Usage: kindred db list DB [profiles|families|tables|imports] [--kind K] [--json]

Without a section: a summary. profiles (--kind reference|remains|direct), families, frequency
tables or the import log, as a table or with --json as JSON.`;

const SECTIONS = ['profiles', 'families', 'tables', 'imports'] as const;

/**
 * Run `kindred db list`.
 *
 * @throws KindredError `USAGE`, `STORE_ERROR`
 */
export function runDbList(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, { kind: { type: 'string' }, json: { type: 'boolean' } });
  if (parsed.values.help === true) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, USAGE);
  const section = parsed.positionals[1];
  if (section !== undefined && !(SECTIONS as readonly string[]).includes(section)) {
    throw new KindredError(
      'USAGE',
      `Unknown section "${section}"; choose ${SECTIONS.join(', ')} (${_usageLine(USAGE)})`,
    );
  }
  const kind = parsed.values.kind as ProfileKind | undefined;
  if (kind !== undefined && !PROFILE_KINDS.includes(kind)) {
    throw new KindredError('USAGE', `--kind must be one of ${PROFILE_KINDS.join(', ')}`);
  }
  const json = parsed.values.json === true;
  const store = open(file, { create: false, readonly: true });
  try {
    io.stdout(
      store.read((r) => _render(r, section as (typeof SECTIONS)[number] | undefined, kind, json)),
    );
  } finally {
    store.close();
  }
  return 0;
}

function _render(
  r: StoreReader,
  section: (typeof SECTIONS)[number] | undefined,
  kind: ProfileKind | undefined,
  json: boolean,
): string {
  const out = (value: unknown, rows: string[][]) =>
    json ? `${JSON.stringify(value, null, 2)}\n` : formatTable(rows);
  switch (section) {
    case 'profiles': {
      const list = r.listProfiles(kind !== undefined ? { kind } : {});
      const markers = (g: ReadonlyMap<string, unknown>) =>
        [...g.keys()].filter((m) => !isSexMarker(m)).length;
      return out(
        list.map((p) => ({
          id: p.profile.id,
          kind: p.profile.kind,
          sex: p.profile.sex ?? null,
          genotypes: Object.fromEntries(p.profile.genotypes),
          source: p.source ?? null,
          searched: p.searched,
          updatedAt: p.updatedAt,
          withdrawn: p.withdrawn ?? null,
          observation: p.observation ?? null,
          effectiveObservation: effectiveObservation(r, p) ?? null,
        })),
        [
          ['id', 'kind', 'sex', 'markers', 'dropout/dropin', 'searched', 'source', 'withdrawn'],
          ...list.map((p) => [
            p.profile.id,
            p.profile.kind,
            p.profile.sex ?? '-',
            String(markers(p.profile.genotypes)),
            describeObservation(r, p),
            p.searched ? 'yes' : 'no',
            p.source ?? '-',
            _withdrawn(p.withdrawn),
          ]),
        ],
      );
    }
    case 'families': {
      const list = r.listFamilies();
      return out(
        list.map((f) => ({
          ...f,
          members: Object.fromEntries(f.members),
          withdrawn: f.withdrawn ?? null,
        })),
        [
          ['family', 'people', 'typed', 'missing', 'population', 'searched', 'withdrawn'],
          ...list.map((f) => [
            f.name,
            String(f.pedigree.length),
            String(f.members.size),
            f.missing.join(','),
            f.population ?? '-',
            f.searched ? 'yes' : 'no',
            _withdrawn(f.withdrawn),
          ]),
        ],
      );
    }
    case 'tables': {
      const list = r
        .listPopulations()
        .map((p) => r.getFrequencyTable(p))
        .filter((t) => t !== undefined);
      return out(
        list.map((t) => ({
          population: t.table.population,
          markers: [...t.table.markers.keys()],
          theta: t.theta,
          mutation: Object.fromEntries(t.mutation),
          source: t.table.source ?? null,
        })),
        [
          ['population', 'markers', 'mutation', 'theta', 'source'],
          ...list.map((t) => [
            t.table.population,
            String(t.table.markers.size),
            String(t.mutation.size),
            String(t.theta),
            t.table.source ?? '-',
          ]),
        ],
      );
    }
    case 'imports': {
      const list = r.listImports();
      return out(list, [
        ['id', 'at', 'format', 'file', 'profiles', 'families', 'tables'],
        ...list.map((i) => [
          String(i.id),
          i.at,
          i.format,
          i.file,
          String(i.profiles),
          String(i.families),
          String(i.tables),
        ]),
      ]);
    }
    default: {
      const count = (k: ProfileKind) => r.countProfiles({ kind: k });
      const families = r.listFamilies();
      const matches = r.listMatches();
      const status = (s: string) => matches.filter((m) => m.status === s).length;
      const summary = {
        profiles: Object.fromEntries(PROFILE_KINDS.map((k) => [k, count(k)])),
        remainsNotSearched: r.countProfiles({ kind: 'remains', searched: false, withdrawn: false }),
        profilesWithdrawn: r.countProfiles({ withdrawn: true }),
        families: families.length,
        familiesWithdrawn: families.filter((f) => f.withdrawn !== undefined).length,
        familiesNotSearched: families.filter((f) => !f.searched && f.withdrawn === undefined)
          .length,
        populations: r.listPopulations(),
        matches: {
          new: status('new'),
          confirmed: status('confirmed'),
          rejected: status('rejected'),
        },
        imports: r.listImports().length,
        observationDefaults: Object.fromEntries(
          PROFILE_KINDS.flatMap((k) => {
            const o = r.getDefaultObservation(k);
            return o === undefined ? [] : [[k, o]];
          }),
        ),
      };
      const defaults = Object.entries(summary.observationDefaults);
      if (json) return `${JSON.stringify(summary, null, 2)}\n`;
      return [
        `profiles: ${PROFILE_KINDS.map((k) => `${count(k)} ${k}`).join(', ')} (${summary.remainsNotSearched} remains not yet searched${summary.profilesWithdrawn > 0 ? `; ${summary.profilesWithdrawn} withdrawn` : ''})`,
        `families: ${summary.families} (${summary.familiesNotSearched} not yet searched${summary.familiesWithdrawn > 0 ? `; ${summary.familiesWithdrawn} withdrawn` : ''})`,
        `frequency tables: ${summary.populations.length === 0 ? 'none' : summary.populations.join(', ')}`,
        `matches: ${summary.matches.new} new, ${summary.matches.confirmed} confirmed, ${summary.matches.rejected} rejected`,
        `imports: ${summary.imports}`,
        ...(defaults.length > 0
          ? [
              `default drop-out/drop-in: ${defaults.map(([k, o]) => `${k} ${o.dropout}/${o.dropin}`).join(', ')}`,
            ]
          : []),
        '',
      ].join('\n');
    }
  }
}

/**
 * A profile's drop-out/drop-in for the table: `0.3/0.05`, `0.2/0 (default)` when it comes from
 * its kind's default, `-` when none.
 *
 * @example
 * ```ts
 * describeObservation(store, store.getProfile('V1')!); // => '0.3/0'
 * ```
 */
export function describeObservation(r: StoreReader, p: StoredProfile): string {
  const o = effectiveObservation(r, p);
  if (o === undefined) return '-';
  return `${o.dropout}/${o.dropin}${p.observation === undefined ? ' (default)' : ''}`;
}

function _withdrawn(w: Withdrawal | undefined): string {
  return w === undefined ? '-' : `${w.at.slice(0, 10)} ${w.user}: ${w.reason}`;
}
