/**
 * The table of `kindred dvi --format table`: the pairwise log10 LR matrix (victims as rows,
 * missing persons as columns) and the ranked joint assignments, for a person to read.
 *
 * @module
 */
import type { DVIResult } from '../dvi/dvi.js';

/**
 * A fixed-point number without a negative zero (`-0.001` to 2 places is `0.00`, not `-0.00`).
 *
 * @param x - the number
 * @param digits - digits after the point
 * @returns the text
 * @example
 * ```ts
 * fixedNoNegativeZero(-0.001, 2); // => '0.00'
 * ```
 */
export function fixedNoNegativeZero(x: number, digits: number): string {
  const text = x.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/**
 * Lay out a DVI result as text: the pairwise matrix of log10 LRs (`excl.` for LR 0, `·` for a
 * pair left out because the sexes differ) and the joint assignments, best first, each with its
 * log10 LR against "no victim identified" and the victims it identifies.
 *
 * @param result - from `computeDVI`
 * @returns the table, ending in a newline
 * @example
 * ```ts
 * formatDVITable(computeDVI(c)).startsWith('DVI case'); // => true
 * ```
 */
export function formatDVITable(result: DVIResult): string {
  const missing: string[] = [];
  for (const row of result.pairwise.values())
    for (const m of row.keys()) if (!missing.includes(m)) missing.push(m);
  const header = ['victim', ...missing];
  const rows = result.victims.map((v) => {
    const row = result.pairwise.get(v);
    return [
      v,
      ...missing.map((m) => {
        if (row === undefined || !row.has(m)) return '·';
        const x = row.get(m) ?? null;
        return x === null ? 'excl.' : fixedNoNegativeZero(x, 2);
      }),
    ];
  });
  const lines = [
    `DVI case ${result.id}: ${result.victims.length} victims, ${missing.length} missing persons`,
    '',
    'Pairwise log10 LR (victim is the missing person vs unrelated; excl. = LR 0, · = sexes differ)',
    ..._layout([header, ...rows]),
    '',
    'Best joint assignments (log10 LR against "no victim identified")',
  ];
  if (result.joint.length === 0) lines.push('  none with LR > 0');
  const joint = result.joint.map((j, i) => {
    const placed = [...j.assignment]
      .filter(([, m]) => m !== null)
      .map(([v, m]) => `${v}=${m}`)
      .join(' ');
    return [String(i + 1), fixedNoNegativeZero(j.log10LR, 2), placed === '' ? '(none)' : placed];
  });
  if (joint.length > 0) lines.push(..._layout([['rank', 'log10 LR', 'identified'], ...joint], [2]));
  lines.push(
    '',
    'Most probable outcome per victim (posterior over all assignments, flat prior; GLR = best with / best without)',
  );
  if (result.pairings === null) lines.push('  not computed: too many assignments to sum exactly');
  else {
    const best = result.victims.map((v) => {
      let top: [string, { posterior: number; log10GLR: number }] | undefined;
      for (const e of result.pairings!.get(v) ?? [])
        if (top === undefined || e[1].posterior > top[1].posterior) top = e;
      const [m, c] = top!;
      const glr = Number.isFinite(c.log10GLR)
        ? fixedNoNegativeZero(c.log10GLR, 2)
        : c.log10GLR > 0
          ? 'inf'
          : '-inf';
      return [
        v,
        m === '*' ? 'not identified' : m,
        c.posterior < 1 && c.posterior > 0.99995 ? '>0.9999' : c.posterior.toPrecision(4),
        glr,
      ];
    });
    lines.push(..._layout([['victim', 'outcome', 'posterior', 'log10 GLR'], ...best], [0, 1]));
  }
  lines.push(..._directLines(result));
  return `${lines.join('\n')}\n`;
}

/** The direct matches and the merged replicates, as lines. */
function _directLines(result: DVIResult): string[] {
  const { direct, merged } = result;
  const lines = [
    '',
    `Direct matches (same person vs unrelated, LR >= ${direct.threshold}; ${direct.compared} pairs compared)`,
  ];
  for (const [title, list, other] of [
    ['Victim against victim', direct.remains, 'victim'],
    ['Victim against the elimination set', direct.elimination, 'profile'],
  ] as const) {
    if (list.length === 0) {
      lines.push(`  ${title}: none`);
      continue;
    }
    lines.push(`  ${title}:`);
    const rows = list.map((m) => [
      m.a,
      m.b,
      m.log10LR === null ? 'excl.' : fixedNoNegativeZero(m.log10LR, 2),
      String(m.loci),
      m.discordant.length === 0 ? '-' : m.discordant.join(' '),
    ]);
    lines.push(
      ..._layout(
        [['victim', other, 'log10 LR', 'loci', 'discordant loci'], ...rows],
        [0, 1, 4],
      ).map((line) => `  ${line}`),
    );
  }
  if (merged.length > 0) {
    lines.push('', 'Merged as one body (sameAs replicates) before the joint DVI, as asked:');
    for (const g of merged) {
      const pairs = g.pairs.map(
        (p) => `${p.a}~${p.b} log10 LR ${fixedNoNegativeZero(p.log10LR, 2)}`,
      );
      lines.push(`  ${g.victim} + ${g.replicates.join(' + ')} (${pairs.join('; ')})`);
    }
  }
  return lines;
}

/** Rows as aligned lines: the columns in `left` padded on the right, the others on the left. */
function _layout(rows: readonly (readonly string[])[], left: readonly number[] = [0]): string[] {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  const cell = (c: string, i: number): string =>
    left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!);
  return rows.map((r) => `  ${r.map(cell).join('  ')}`.trimEnd());
}
