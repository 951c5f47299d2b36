/**
 * The answer object of `kindred lr` (case-format.md), and a readable per-locus table.
 *
 * @module
 */
import { isDegraded, SILENT_ALLELE } from '../profile/observation.js';
import type { Provenance } from '../provenance/provenance.js';
import type { KinshipLRResult } from '../relationships/kinship-lr.js';
import type { KinshipCase } from '../relationships/types.js';
import { verbalScale } from '../search/rank/categories.js';

/** JSON answer of one case, exactly as case-format.md specifies (names as in the case). */
export interface LRAnswer {
  readonly id: string;
  readonly reference: string;
  readonly hypotheses: Record<
    string,
    {
      readonly log10Likelihood: number | null;
      readonly log10LR: number | null;
      readonly loci: Record<string, { readonly likelihood: number; readonly lr: number }>;
    }
  >;
  /** How the answer was made (docs/provenance.md); absent in answers written without it. */
  readonly provenance?: Provenance;
}

/** Define an own enumerable property (safe for keys such as `__proto__`). */
export function _setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Convert a {@link KinshipLRResult} to the answer object of case-format.md, with its
 * provenance (docs/provenance.md) as a last field when one is given.
 *
 * @param result - from `computeKinshipLR`
 * @param provenance - how the answer was made (see `caseProvenance`)
 * @returns `{ id, reference, hypotheses[, provenance] }`
 * @example
 * ```ts
 * JSON.stringify(formatLRAnswer(result)); // => '{"id":"pc-001","reference":"H2","hypotheses":{…}}'
 * ```
 */
export function formatLRAnswer(result: KinshipLRResult, provenance?: Provenance): LRAnswer {
  const hypotheses = Object.create(null) as LRAnswer['hypotheses'];
  for (const h of result.hypotheses) {
    const loci = Object.create(null) as Record<string, { likelihood: number; lr: number }>;
    for (const [name, v] of h.loci) _setOwn(loci, name, { likelihood: v.likelihood, lr: v.lr });
    _setOwn(hypotheses as Record<string, unknown>, h.name, {
      log10Likelihood: h.log10Likelihood,
      log10LR: h.log10LR,
      loci,
    });
  }
  return {
    id: result.id,
    reference: result.reference,
    hypotheses,
    ...(provenance !== undefined ? { provenance } : {}),
  };
}

function fmt(x: number | null, digits = 4): string {
  if (x === null) return '-';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e6
    ? x.toPrecision(digits + 1).replace(/\.?0+$/, '')
    : x.toExponential(digits);
}

/**
 * A readable table: one row per locus, columns = LR of each hypothesis against the reference.
 * Given the case, it also prints the drop-out d and drop-in c of every typed sample, per locus
 * which samples were treated as degraded there (typed with d or c > 0) and whether the locus has
 * a silent allele (degraded-dna.md), the genotype of every typed person at each locus (`-` where
 * untyped), and for each hypothesis the verbal equivalent of its LR against the reference (ENFSI
 * 2015 scale, as in the reports).
 *
 * @param result - the computed LRs
 * @param kcase - the case they came from (for genotypes, d, c and the degraded loci)
 * @returns the table text
 * @example
 * ```ts
 * formatLRTable(computeKinshipLR(c), c).split('\n')[1]; // => 'samples: R d=0 c=0; V d=0.3 c=0'
 * ```
 */
export function formatLRTable(result: KinshipLRResult, kcase?: KinshipCase): string {
  const hyps = result.hypotheses;
  const loci = [...(hyps[0]?.loci.keys() ?? [])];
  const typed = kcase === undefined ? [] : [...kcase.genotypes.keys()];
  const degradedAt = (l: string): string => {
    if (kcase === undefined) return '';
    const ids = [...kcase.genotypes]
      .filter(([id, g]) => g.has(l) && isDegraded(kcase.observation?.get(id)))
      .map(([id]) => id);
    const silent = kcase.loci.find((x) => x.name === l)?.alleles.includes(SILENT_ALLELE) === true;
    return [...ids, ...(silent ? ['(silent allele)'] : [])].join(' ') || '-';
  };
  const genotypeAt = (id: string, l: string): string => {
    const g = kcase?.genotypes.get(id)?.get(l);
    return g === undefined || g.length === 0 ? '-' : g.join('/');
  };
  const extra = kcase !== undefined;
  const header = [
    'locus',
    ...hyps.map((h) => `LR ${h.name}/${result.reference}`),
    ...(extra ? ['degraded', ...typed] : []),
  ];
  const rows: string[][] = loci.map((l) => [
    l,
    ...hyps.map((h) => fmt(h.loci.get(l)?.lr ?? null)),
    ...(extra ? [degradedAt(l), ...typed.map((id) => genotypeAt(id, l))] : []),
  ]);
  const blank = extra ? ['', ...typed.map(() => '')] : [];
  rows.push([
    'total LR',
    ...hyps.map((h) => (h.log10LR === null ? '0' : fmt(10 ** h.log10LR))),
    ...blank,
  ]);
  rows.push([
    'log10 LR',
    ...hyps.map((h) => (h.log10LR === null ? '-inf' : h.log10LR.toFixed(4))),
    ...blank,
  ]);
  const widths = header.map((_, c) =>
    Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)),
  );
  const line = (r: string[]): string =>
    r
      .map((cell, c) =>
        c === 0 || c > hyps.length ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
      )
      .join('  ')
      .trimEnd();
  const samples =
    kcase === undefined
      ? []
      : [
          `samples: ${typed
            .map((id) => {
              const o = kcase.observation?.get(id);
              return `${id} d=${o?.dropout ?? 0} c=${o?.dropin ?? 0}`;
            })
            .join('; ')}`,
        ];
  const verbal = hyps
    .filter((h) => h.name !== result.reference)
    .map(
      (h) =>
        `${h.name} against ${result.reference}: ${verbalScale(h.log10LR)} (ENFSI verbal scale)`,
    );
  return [
    `case ${result.id} (reference ${result.reference})`,
    ...samples,
    line(header),
    ...rows.map(line),
    ...verbal,
  ].join('\n');
}
