/**
 * The report of a missing-persons programme kept in a `kindred db` store: a summary page (what
 * the store holds; open, confirmed and rejected matches with links to each match's page), and
 * one page per match (the family's pedigree with the remains placed on the missing person, the
 * genotypes of the remains and of the typed relatives with each marker's log10 LR (`matchLoci`:
 * recomputed from the store as `kindred db search` computes it, and flagged when it no longer
 * adds up to the recorded LR), the review status, and the provenance the match was computed
 * with).
 *
 * @module
 */

import { isKindredError } from '../errors.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import { canonicalMarkerName } from '../profile/markers.js';
import { verbalScale } from '../search/rank/categories.js';
import { matchProvenance } from '../store/match-provenance.js';
import { type MatchLoci, matchLoci } from '../store/match-search.js';
import type { MatchRecord, StoredProfile, StoreReader } from '../store/profile-store.js';
import { degradedObservation } from '../store/store-observation.js';
import { escapeHTML } from './escape.js';
import { formatLog10, renderReportPage } from './html-page.js';
import { drawPedigreeSVG } from './pedigree-svg.js';

/** Options of {@link renderProgrammeReport}. */
export interface ProgrammeReportOptions {
  /** The programme's name in the heading (e.g. the database file). */
  readonly name?: string;
  /** The link of a match's page (default `match-<id>.html`). */
  readonly matchHref?: (match: MatchRecord) => string;
}

/** The file name of a match's page in a report directory: `match-<id>.html`. */
export function matchPageName(match: MatchRecord): string {
  return `match-${match.id}.html`;
}

const STATUS_TITLES: readonly [MatchRecord['status'], string][] = [
  ['new', 'Open matches (to review)'],
  ['confirmed', 'Confirmed matches'],
  ['rejected', 'Rejected matches'],
];

/**
 * The summary page of a programme.
 *
 * @param store - the store (read only)
 * @param options - name, link of each match page
 * @returns the HTML text
 * @example
 * ```ts
 * renderProgrammeReport(store, { name: 'programme.db' }).includes('Open matches'); // => true
 * ```
 */
export function renderProgrammeReport(
  store: StoreReader,
  options: ProgrammeReportOptions = {},
): string {
  const href = options.matchHref ?? matchPageName;
  const matches = store.listMatches();
  const body: string[] = [];
  const count = (kind: 'reference' | 'remains' | 'direct') => store.countProfiles({ kind });
  body.push('<section class="summary" aria-label="Programme">');
  body.push(
    `<p>${count('remains')} remains profiles, ${count('reference')} reference profiles, ${count('direct')} direct references; ${store.listFamilies().length} families; frequency tables: ${escapeHTML(store.listPopulations().join(', ') || 'none')}.</p>`,
  );
  body.push(
    `<p>Matches: ${STATUS_TITLES.map(([s]) => `<span data-status="${s}">${matches.filter((m) => m.status === s).length} ${s === 'new' ? 'open' : s}</span>`).join(', ')}.</p>`,
  );
  body.push('</section>');
  for (const [status, title] of STATUS_TITLES) {
    const list = matches.filter((m) => m.status === status);
    body.push(`<h2>${title}</h2>`);
    if (list.length === 0) {
      body.push('<p>None.</p>');
      continue;
    }
    body.push(
      `<table class="matches" data-status="${status}"><thead><tr><th class="num">Match</th><th>Remains</th><th>Family</th><th>Missing person</th><th class="num">log10 LR</th><th>Verbal</th><th>Note</th><th>Computed with</th></tr></thead><tbody>`,
    );
    for (const m of list) {
      const p = matchProvenance(store, m);
      const prov =
        p === null
          ? 'no provenance (recorded before it was kept)'
          : `Kindred ${p.kindred}, ${p.computedAt}, table ${p.frequencies.map((f) => f.sha256.slice(0, 12)).join(', ')}…`;
      body.push(
        `<tr data-match="${m.id}"><td class="num"><a href="${escapeHTML(href(m))}">${m.id}</a></td><td>${escapeHTML(m.victim)}</td><td>${escapeHTML(m.family)}</td><td>${escapeHTML(m.missing)}</td><td class="num" data-field="log10LR" data-value="${String(m.log10LR)}">${formatLog10(m.log10LR)}</td><td>${escapeHTML(verbalScale(m.log10LR))}</td><td>${escapeHTML(m.note)}</td><td>${escapeHTML(prov)}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }
  return renderReportPage({
    title: `Programme report${options.name !== undefined ? `: ${options.name}` : ''}`,
    subtitle:
      'Each match links to its own page with the pedigree, the genotypes and the provenance.',
    body: body.join('\n'),
    signature: false,
  });
}

/**
 * The page of one match: the remains placed on the missing person in the family's pedigree,
 * genotypes of the remains and the typed relatives per marker, review status and note, and the
 * provenance stored with the match.
 *
 * @param store - the store (read only)
 * @param match - a match of the store
 * @returns the HTML text
 * @example
 * ```ts
 * renderMatchReport(store, store.getMatch(1)!).includes('Match 1'); // => true
 * ```
 */
export function renderMatchReport(store: StoreReader, match: MatchRecord): string {
  const family = store.getFamily(match.family);
  const remains = store.getProfile(match.victim);
  const provenance = matchProvenance(store, match);
  const body: string[] = [];
  body.push('<section class="summary" aria-label="Match">');
  body.push(
    `<p data-field="log10LR" data-value="${String(match.log10LR)}">Remains ${escapeHTML(match.victim)} as missing person ${escapeHTML(match.missing)} of family ${escapeHTML(match.family)}: log10 LR <span class="lr">${formatLog10(match.log10LR)}</span> against “unrelated” (${escapeHTML(verbalScale(match.log10LR))}).</p>`,
  );
  body.push(
    `<p>Status: <strong data-field="status">${match.status === 'new' ? 'open' : match.status}</strong>${match.note !== '' ? `; note: ${escapeHTML(match.note)}` : ''}; recorded ${escapeHTML(match.createdAt)}, last changed ${escapeHTML(match.updatedAt)}.</p>`,
  );
  body.push('</section>');
  if (family !== undefined) {
    const pedigree = createPedigree(family.pedigree);
    body.push('<h2>Family</h2><div class="pedigrees">');
    body.push(
      `<figure data-family="${escapeHTML(family.name)}">${drawPedigreeSVG(pedigree, {
        typed: [...family.members.keys()],
        missing: family.missing,
        placed: new Map([[match.missing, match.victim]]),
        title: family.name,
      })}<figcaption>${escapeHTML(`${match.victim} placed on ${match.missing}`)}</figcaption></figure></div>`,
    );
    const columns: [string, ReadonlyMap<string, readonly string[]>][] = [];
    // the drop-out and drop-in each sample is searched with (degraded-dna.md)
    const degraded: string[] = [];
    const observe = (label: string, p: StoredProfile) => {
      const o = degradedObservation(store, p);
      if (o !== undefined)
        degraded.push(
          `${label}: dropout ${o.dropout}, dropin ${o.dropin}${p.observation === undefined ? ` (default of ${p.profile.kind} profiles)` : ''}`,
        );
    };
    if (remains !== undefined) {
      columns.push([`${match.victim} (remains)`, remains.profile.genotypes]);
      observe(match.victim, remains);
    }
    for (const [member, profileId] of family.members) {
      const p = store.getProfile(profileId);
      if (p !== undefined) {
        const label = member === profileId ? member : `${member} (${profileId})`;
        columns.push([label, p.profile.genotypes]);
        if (p.withdrawn === undefined) observe(label, p);
      }
    }
    let perMarker: MatchLoci | null = null;
    let why = '';
    try {
      perMarker = matchLoci(store, match);
    } catch (e) {
      if (!isKindredError(e)) throw e;
      why = e.message;
    }
    const byMarker = new Map<string, MatchLoci['loci'][number]>();
    for (const l of perMarker?.loci ?? []) byMarker.set(canonicalMarkerName(l.marker), l);
    const markers = [
      ...new Set([
        ...columns.flatMap(([, g]) => [...g.keys()]),
        ...(perMarker?.loci ?? []).map((l) => l.marker),
      ]),
    ].sort();
    const seen = new Set<string>();
    body.push(
      '<h2>Genotypes and per-marker LRs</h2><div class="wide"><table class="loci"><thead><tr><th>Marker</th>',
    );
    for (const [label] of columns) body.push(`<th>${escapeHTML(label)}</th>`);
    body.push('<th class="num">log10 LR</th></tr></thead><tbody>');
    for (const marker of markers) {
      const key = canonicalMarkerName(marker);
      if (seen.has(key)) continue;
      seen.add(key);
      body.push(`<tr data-marker="${escapeHTML(marker)}"><td>${escapeHTML(marker)}</td>`);
      for (const [, g] of columns) {
        const a = g.get(marker) ?? [...g].find(([m]) => canonicalMarkerName(m) === key)?.[1];
        body.push(`<td class="geno">${a === undefined ? '–' : escapeHTML(a.join('/'))}</td>`);
      }
      const l = byMarker.get(key);
      body.push(
        l === undefined
          ? '<td class="num" title="not used by the search (not on the table, or a sex marker)">not used</td>'
          : !l.compared
            ? '<td class="num" data-field="lr" data-value="0" title="remains untyped here or no family data">–</td>'
            : `<td class="num" data-field="lr" data-value="${String(l.log10LR)}">${l.log10LR === null ? 'excluded' : formatLog10(l.log10LR)}${_degradedNote(l)}</td>`,
      );
      body.push('</tr>');
    }
    body.push('</tbody></table></div>');
    if (degraded.length > 0) {
      body.push(
        `<p class="note" data-field="observation">Degraded samples (a seen allele set, not a hard genotype; drop-out and drop-in as searched): ${degraded.map(escapeHTML).join('; ')}.</p>`,
      );
    }
    if (perMarker === null) {
      body.push(
        `<p class="note">The per-marker LRs cannot be recomputed from the store: ${escapeHTML(why)}</p>`,
      );
    } else {
      body.push(
        `<p class="note" data-field="agrees" data-value="${String(perMarker.agrees)}">Per-marker LRs recomputed from the store as it is now, exactly as <code>kindred db search</code> computes them (sum log10 LR ${perMarker.log10LR === null ? 'excluded' : formatLog10(perMarker.log10LR)}${perMarker.agrees ? ', equal to the recorded LR' : `; this differs from the recorded LR ${match.log10LR === null ? 'excluded' : formatLog10(match.log10LR)}: the family, its profiles, the table or its models changed since the match was computed; run <code>kindred db search</code>`}).</p>`,
      );
    }
  }
  return renderReportPage({
    title: `Match ${match.id}: ${match.victim} = ${match.missing}`,
    body: body.join('\n'),
    ...(provenance !== null ? { provenance } : {}),
  });
}

/** Which side of a marker was treated as degraded, shown beside its LR (empty when neither). */
function _degradedNote(l: MatchLoci['loci'][number]): string {
  const sides = [...(l.degraded ? ['remains'] : []), ...(l.referenceDegraded ? ['family'] : [])];
  if (sides.length === 0) return '';
  return ` <span class="note" data-field="degraded" data-value="${sides.join(' ')}">(degraded: ${sides.join(', ')})</span>`;
}
