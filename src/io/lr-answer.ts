/**
 * The answer object of `kindred lr` (case-format.md), and a readable per-locus table.
 *
 * @module
 */
import type { Provenance } from '../provenance/provenance.js';
import type { KinshipLRResult } from '../relationships/kinship-lr.js';

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

/** A readable table: one row per locus, columns = LR of each hypothesis against the reference. */
export function formatLRTable(result: KinshipLRResult): string {
  const hyps = result.hypotheses;
  const loci = [...(hyps[0]?.loci.keys() ?? [])];
  const header = ['locus', ...hyps.map((h) => `LR ${h.name}/${result.reference}`)];
  const rows: string[][] = loci.map((l) => [l, ...hyps.map((h) => fmt(h.loci.get(l)?.lr ?? null))]);
  rows.push(['total LR', ...hyps.map((h) => (h.log10LR === null ? '0' : fmt(10 ** h.log10LR)))]);
  rows.push(['log10 LR', ...hyps.map((h) => (h.log10LR === null ? '-inf' : h.log10LR.toFixed(4)))]);
  const widths = header.map((_, c) =>
    Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)),
  );
  const line = (r: string[]): string =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [
    `case ${result.id} (reference ${result.reference})`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}
