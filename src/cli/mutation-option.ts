/**
 * The mutation options of `kindred db import`: `--mutation SPEC` (every marker of the imported
 * tables), `--mutation-female SPEC --mutation-male SPEC` (sex-specific, both needed),
 * `--mutation-file CSV` (per marker, see `io/mutation-csv.ts`) and `--theta X`.
 *
 * SPEC is `none`, `equal:RATE`, `proportional:RATE`, `onestep:RATE` or
 * `stepwise:RATE,RATE2,RANGE` (e.g. `stepwise:0.002,1e-6,0.1`).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { parseMutationCsv } from '../io/mutation-csv.js';
import type { MutationModel, MutationSpec } from '../mutation/types.js';
import type { TableModels } from '../store/table-models.js';

/** Usage lines of the options. */
export const MUTATION_USAGE = `  --mutation SPEC       mutation model of every marker of the imported tables: none,
                        equal:RATE, proportional:RATE, onestep:RATE or stepwise:RATE,RATE2,RANGE
  --mutation-female SPEC, --mutation-male SPEC   sex-specific models (give both)
  --mutation-file CSV   models per marker: marker,model,rate,rate2,range,sex (wins over --mutation)
  --theta X             Balding–Nichols theta of the imported tables (default 0)
  Without any model, db search uses its default stepwise model (see kindred db search --help).`;

/**
 * Parse one SPEC.
 *
 * @throws KindredError `USAGE` naming the option and the text
 * @example
 * ```ts
 * parseMutationOption('stepwise:0.002,1e-6,0.1', '--mutation'); // => { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 }
 * ```
 */
export function parseMutationOption(text: string, flag: string): MutationSpec {
  if (text.trim() === 'none') return null;
  const m = /^\s*(equal|proportional|onestep|stepwise)\s*:\s*(.+)$/.exec(text);
  const numbers = m?.[2]?.split(',').map((x) => (x.trim() === '' ? Number.NaN : Number(x)));
  const want = m?.[1] === 'stepwise' ? 3 : 1;
  if (
    m === null ||
    numbers === undefined ||
    numbers.length !== want ||
    !numbers.every(Number.isFinite)
  ) {
    throw new KindredError(
      'USAGE',
      `${flag} needs none, equal:RATE, proportional:RATE, onestep:RATE or stepwise:RATE,RATE2,RANGE, not "${text}"`,
    );
  }
  const [rate, rate2, range] = numbers as [number, number, number];
  const model = m[1] as MutationModel['model'];
  return (model === 'stepwise' ? { model, rate, rate2, range } : { model, rate }) as MutationModel;
}

/**
 * The {@link TableModels} of the parsed options.
 *
 * @param values - parsed option values
 * @param readFile - reads the `--mutation-file`
 * @throws KindredError `USAGE` (a SPEC, one sex without the other, `--mutation` with a sex),
 *   and the errors of `parseMutationCsv`
 */
export function tableModelsFromOptions(
  values: Readonly<Record<string, unknown>>,
  readFile: (path: string) => string,
): TableModels {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const all = str('mutation');
  const female = str('mutation-female');
  const male = str('mutation-male');
  if ((female === undefined) !== (male === undefined))
    throw new KindredError('USAGE', 'Give both --mutation-female and --mutation-male, or neither');
  if (all !== undefined && female !== undefined)
    throw new KindredError(
      'USAGE',
      'Give --mutation or --mutation-female/--mutation-male, not both',
    );
  let spec: MutationSpec | undefined;
  if (all !== undefined) spec = parseMutationOption(all, '--mutation');
  if (female !== undefined && male !== undefined) {
    const f = parseMutationOption(female, '--mutation-female');
    const m = parseMutationOption(male, '--mutation-male');
    if (f === null || m === null)
      throw new KindredError('USAGE', '"none" cannot be sex-specific: use --mutation none');
    spec = { female: f as MutationModel, male: m as MutationModel };
  }
  const file = str('mutation-file');
  const thetaText = str('theta');
  const theta = thetaText === undefined ? undefined : Number(thetaText);
  if (theta !== undefined && (thetaText?.trim() === '' || !Number.isFinite(theta)))
    throw new KindredError('USAGE', `--theta needs a number, not "${thetaText}"`);
  return {
    ...(spec !== undefined ? { all: spec } : {}),
    ...(file !== undefined ? { markers: parseMutationCsv(readFile(file), { file }) } : {}),
    ...(theta !== undefined ? { theta } : {}),
  };
}
