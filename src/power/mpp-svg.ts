/**
 * The MPP plot (forrel's `powerPlot` of `MPPsims`) as a standalone SVG: exclusion power of an
 * unrelated person on the x axis, inclusion power at the threshold on the y axis, one point per
 * reference set of each missing person — the current references as a filled circle, each
 * planned set as an open square joined to it, labelled with the people it adds. Plain text, no
 * dependencies, safe in a browser.
 *
 * @module
 */
import type { FamilyMissingPower } from './family-power.js';

const W = 640;
const H = 480;
const M = { left: 60, right: 20, top: 40, bottom: 50 };

/** XML-escape text. */
function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Draw the MPP plot of the given reports.
 *
 * @param reports - missing-person reports (`computeFamilyPower`, `computeProgrammePower`)
 * @param title - a title line (default "Exclusion and inclusion power")
 * @returns the SVG document
 * @example
 * ```ts
 * formatMPPSvg(computeFamilyPower(family, loci)).startsWith('<svg'); // => true
 * ```
 */
export function formatMPPSvg(
  reports: readonly FamilyMissingPower[],
  title = 'Exclusion and inclusion power',
): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (v: number) => (M.left + v * pw).toFixed(1);
  const y = (v: number) => (M.top + (1 - v) * ph).toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#444"/>`,
  ];
  for (let k = 0; k <= 10; k += 2) {
    const v = k / 10;
    out.push(
      `<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" stroke="#ddd"/>`,
      `<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${x(v)}" y="${H - M.bottom + 15}" text-anchor="middle">${v.toFixed(1)}</text>`,
      `<text x="${M.left - 6}" y="${y(v)}" text-anchor="end" dominant-baseline="middle">${v.toFixed(1)}</text>`,
    );
  }
  const t = reports[0]?.threshold;
  out.push(
    `<text x="${M.left + pw / 2}" y="${H - 12}" text-anchor="middle">exclusion power (unrelated person excluded)</text>`,
    `<text x="16" y="${M.top + ph / 2}" text-anchor="middle" transform="rotate(-90 16 ${M.top + ph / 2})">inclusion power P(LR ≥ ${t ?? 't'})</text>`,
  );
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2'];
  reports.forEach((r, i) => {
    const c = colours[i % colours.length]!;
    const bx = x(r.exclusionPower);
    const by = y(r.inclusionPower);
    for (const cand of r.candidates) {
      const cx = x(cand.exclusionPower);
      const cy = y(cand.inclusionPower);
      out.push(
        `<line x1="${bx}" y1="${by}" x2="${cx}" y2="${cy}" stroke="${c}" stroke-opacity="0.4"/>`,
        `<rect x="${(Number(cx) - 4).toFixed(1)}" y="${(Number(cy) - 4).toFixed(1)}" width="8" height="8" fill="white" stroke="${c}"><title>${esc(`${r.family}/${r.missing} + ${cand.add.join(', ')}: EP ${cand.exclusionPower.toFixed(4)}, IP ${cand.inclusionPower.toFixed(4)}`)}</title></rect>`,
        `<text x="${(Number(cx) + 6).toFixed(1)}" y="${cy}" fill="${c}" dominant-baseline="middle">+${esc(cand.add.join('+'))}</text>`,
      );
    }
    out.push(
      `<circle cx="${bx}" cy="${by}" r="5" fill="${c}"><title>${esc(`${r.family}/${r.missing} (current references): EP ${r.exclusionPower.toFixed(4)}, IP ${r.inclusionPower.toFixed(4)}`)}</title></circle>`,
      `<text x="${(Number(bx) + 7).toFixed(1)}" y="${(Number(by) - 7).toFixed(1)}" fill="${c}">${esc(`${r.family}/${r.missing}`)}</text>`,
    );
  });
  out.push('</svg>', '');
  return out.join('\n');
}
