/**
 * `kindred db import DB FILE… [options]`: read lab and frequency files and write them to the
 * store in one transaction, or rehearse it with `--dry-run`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { formatImportReport, reportToJSON } from '../io/import-report.js';
import { PROFILE_KINDS, type ProfileKind } from '../profile/profile.js';
import { importBatches } from '../store/import-batch.js';
import { IMPORT_FORMATS, type ImportFormat, readImportFile } from '../store/import-sources.js';
import { withTableModels } from '../store/table-models.js';
import {
  actingUser,
  type DbCommandIO,
  type OpenStore,
  parseDbArgs,
  storeFile,
  USER_USAGE,
} from './db-args.js';
import { _usageLine } from './error-line.js';
import { MUTATION_USAGE, tableModelsFromOptions } from './mutation-option.js';
import { createProgressBar, progressMode, trackProgress } from './progress-bar.js';

const USAGE = `Usage: kindred db import DB FILE… [options]

Imports every FILE in one transaction: all of them are written, or none.
  --from F              file format: ${IMPORT_FORMATS.join(', ')} (default: detected)
  --kind K              kind of GeneMapper profiles: reference, remains or direct
  --population P        population name of a frequency table (default: the file name)
  --origin O            STRidER origin to import (default: all)
  --n-counts alleles|individuals   what a wide table's N / STRidER's n counts (default alleles)
  --normalise           rescale frequency tables whose markers do not sum to 1 (reported)
  --off-ladder reject|drop-marker  samples with OL calls (default reject)
  --unknown-markers keep|skip|reject  markers outside the marker table (default keep, warned)
  --unknown-sex male|female   sex of .fam DVI members the file gives none for
  --replace             replace stored records that differ (default: reject them)
  --allow-rejected      write the accepted records even if some are rejected
  --dry-run             report what would happen; write nothing
  --format table|json   the report as a table (default) or JSON; --json is its alias
  --verbose             list the ids added and changed
  --progress            progress of the records on stderr also when it is not a terminal
  --quiet               no progress on stderr
${MUTATION_USAGE}
${USER_USAGE}`;

/**
 * Run `kindred db import`. Exit code 0 when written (or a dry run without rejections), 1 when
 * refused (or a dry run that would be).
 *
 * @throws KindredError `USAGE`, and file-level errors of the readers
 */
export function runDbImport(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, {
    from: { type: 'string' },
    kind: { type: 'string' },
    population: { type: 'string' },
    origin: { type: 'string' },
    'n-counts': { type: 'string' },
    normalise: { type: 'boolean' },
    'off-ladder': { type: 'string' },
    'unknown-markers': { type: 'string' },
    'unknown-sex': { type: 'string' },
    replace: { type: 'boolean' },
    'allow-rejected': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    progress: { type: 'boolean' },
    quiet: { type: 'boolean' },
    mutation: { type: 'string' },
    'mutation-female': { type: 'string' },
    'mutation-male': { type: 'string' },
    'mutation-file': { type: 'string' },
    theta: { type: 'string' },
    user: { type: 'string' },
  });
  const v = parsed.values;
  if (v.help === true) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const db = storeFile(parsed, USAGE);
  const files = parsed.positionals.slice(1);
  if (files.length === 0)
    throw new KindredError('USAGE', `Name at least one file to import (${_usageLine(USAGE)})`);
  const choice = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = v[name];
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) {
      throw new KindredError(
        'USAGE',
        `--${name} must be one of ${allowed.join(', ')}, not "${String(value)}"`,
      );
    }
    return value as T;
  };
  const format = choice<ImportFormat>('from', IMPORT_FORMATS);
  const kind = choice<ProfileKind>('kind', PROFILE_KINDS);
  const nCounts = choice('n-counts', ['alleles', 'individuals'] as const);
  const offLadder = choice('off-ladder', ['reject', 'drop-marker'] as const);
  const unknownMarkers = choice('unknown-markers', ['keep', 'skip', 'reject'] as const);
  const unknownSex = choice('unknown-sex', ['male', 'female'] as const);
  const models = tableModelsFromOptions(v, io.readFile);
  const read = (file: string) =>
    readImportFile(file, io.readFile(file), {
      ...(format !== undefined ? { format } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(typeof v.population === 'string' ? { population: v.population } : {}),
      ...(typeof v.origin === 'string' ? { origin: v.origin } : {}),
      ...(nCounts !== undefined ? { nCounts } : {}),
      ...(v.normalise === true ? { normalise: true } : {}),
      ...(offLadder !== undefined ? { offLadder } : {}),
      ...(unknownMarkers !== undefined ? { unknownMarkers } : {}),
      ...(unknownSex !== undefined ? { unknownSex } : {}),
    });
  const batches = files.map((file) => {
    const batch = read(file);
    return batch.tables.length > 0 ? withTableModels(batch, models) : batch;
  });
  if (Object.keys(models).length > 0 && batches.every((b) => b.tables.length === 0)) {
    throw new KindredError(
      'USAGE',
      '--mutation, --mutation-file and --theta apply to frequency tables, and no file given has one',
    );
  }
  const mode = progressMode({
    quiet: v.quiet === true,
    progress: v.progress === true,
    stderrIsTTY: io.stderrIsTTY,
  });
  let tracker: ReturnType<typeof trackProgress> | undefined;
  const onProgress = (done: number, total: number): void => {
    tracker ??= trackProgress(
      createProgressBar({
        write: (t) => io.stderr(t),
        mode: mode === 'off' ? 'lines' : mode,
        label: 'import',
        unit: 'records',
      }),
      total,
    );
    tracker.step(done);
  };
  const store = open(db, { create: false });
  try {
    let reports: ReturnType<typeof importBatches>;
    try {
      reports = importBatches(store, batches, {
        ...(mode === 'off' ? {} : { onProgress }),
        dryRun: v['dry-run'] === true,
        replace: v.replace === true,
        allowRejected: v['allow-rejected'] === true,
        context: { user: actingUser(v) },
      });
    } finally {
      tracker?.finish();
    }
    const rejected = reports.reduce((n, r) => n + r.rejected.length, 0);
    const blocked = rejected > 0 && v['allow-rejected'] !== true;
    const failed = v['dry-run'] === true ? blocked : !reports.every((r) => r.applied);
    // a refused import is a failure: its report goes to stderr with the refusal, stdout stays empty
    const write = (text: string) => (failed ? io.stderr(text) : io.stdout(text));
    if (v.json === true) write(`${JSON.stringify(reports.map(reportToJSON), null, 2)}\n`);
    else
      for (const r of reports)
        write(
          formatImportReport(r, { verbose: v.verbose === true, dryRun: v['dry-run'] === true }),
        );
    const first = reports.flatMap((r) => r.rejected)[0];
    const code = first?.error.code ?? 'STORE_ERROR';
    const which = first === undefined ? '' : ` (first: ${JSON.stringify(first.id)})`;
    if (v['dry-run'] === true) {
      if (blocked)
        io.stderr(
          `kindred: ${code}: dry run: the import would be refused (${rejected} rejected record(s)${which})\n`,
        );
      return blocked ? 1 : 0;
    }
    if (failed) {
      io.stderr(
        `kindred: ${code}: import refused: ${rejected} rejected record(s)${which}; nothing was written (fix them, or pass --allow-rejected to import the rest)\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    store.close();
  }
}
