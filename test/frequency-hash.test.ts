/**
 * The frequency-table identity of provenance: one hash for one table whatever its file format
 * (long CSV, Familias list, NIST/FBI wide CSV, STRidER XML, a case's loci), a different hash when
 * one frequency changes. The canonical text of a small table is written out by hand here, and
 * its digest computed by node:crypto, independently of the code under test.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFrequencyTable, type FrequencyTable } from '../src/frequencies/frequency-table.js';
import {
  formatFrequencyCsv,
  formatFrequencyList,
  parseFrequencyCsv,
  parseFrequencyList,
} from '../src/io/frequency-file.js';
import { formatFrequencyWide, parseFrequencyWide } from '../src/io/frequency-wide.js';
import { parseStriderXml } from '../src/io/strider-xml.js';
import {
  canonicalFrequencyText,
  frequencyTableSHA256,
  lociFrequencySHA256,
} from '../src/provenance/frequency-hash.js';
import { expectError } from './helpers/expect-error.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'fixtures', 'frequencies');

/** The table as a STRidER XML export (one origin), written here independently of any writer. */
function striderXml(table: FrequencyTable, origin: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<frequencies>'];
  for (const [name, m] of table.markers) {
    parts.push(`<marker><name>${esc(name)}</name><origin name="${origin}" n="${m.n ?? 200}">`);
    m.alleles.forEach((a, i) => {
      parts.push(`<frequency allele="${esc(a)}">${m.frequencies[i]}</frequency>`);
    });
    parts.push('</origin></marker>');
  }
  parts.push('</frequencies>');
  return parts.join('\n');
}

function sha(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('canonicalFrequencyText', () => {
  it('is the hand-written canonical text of a small table (marker names canonical, sorted)', () => {
    const text = canonicalFrequencyText([
      { name: 'VWA', alleles: ['17', '16'], frequencies: [0.6, 0.4] },
      { name: 'D3S1358', alleles: ['9.3', '14'], frequencies: [0.1, 0.9] },
    ]);
    expect(text).toBe(
      'kindred-frequencies/1\n["D3S1358","14",0.9]\n["D3S1358","9.3",0.1]\n["vWA","16",0.4]\n["vWA","17",0.6]\n',
    );
    const { table } = createFrequencyTable({
      population: 'x',
      markers: {
        vWA: { alleles: ['16', '17'], frequencies: [0.4, 0.6] },
        D3S1358: { alleles: ['14', '9.3'], frequencies: [0.9, 0.1] },
      },
    });
    expect(frequencyTableSHA256(table)).toBe(sha(text));
  });

  it('writes every bit of a frequency (shortest round-trip decimal)', () => {
    const text = canonicalFrequencyText([
      { name: 'TH01', alleles: ['6', '7'], frequencies: [0.1 + 0.2, 1 - (0.1 + 0.2)] },
    ]);
    expect(text).toContain('0.30000000000000004');
  });

  it('refuses two spellings of one marker and a repeated allele', () => {
    expectError(
      () =>
        canonicalFrequencyText([
          { name: 'VWA', alleles: ['16'], frequencies: [1] },
          { name: 'vWA', alleles: ['16'], frequencies: [1] },
        ]),
      'INVALID_ARGUMENT',
      ['markers', 'vWA'],
      'another name for vWA',
    );
    expectError(
      () =>
        canonicalFrequencyText([{ name: 'TH01', alleles: ['6', '6'], frequencies: [0.5, 0.5] }]),
      'INVALID_ARGUMENT',
      ['markers', 'TH01'],
      'Allele "6" appears twice',
    );
  });
});

describe('frequencyTableSHA256', () => {
  const csv = readFileSync(join(fixtures, 'synthetic-demo.csv'), 'utf8');
  const base = parseFrequencyCsv(csv, { population: 'demo' }).table;
  const hash = frequencyTableSHA256(base);

  it('is the same for the long CSV, the Familias list, the NIST wide CSV and STRidER XML forms', () => {
    const list = parseFrequencyList(formatFrequencyList(base), { population: 'other name' }).table;
    const wide = parseFrequencyWide(formatFrequencyWide(base), { population: 'wide' }).table;
    const xml = parseStriderXml(striderXml(base, 'ORIGIN')).get('ORIGIN')!.table;
    const again = parseFrequencyCsv(formatFrequencyCsv(base), { population: 'demo' }).table;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(frequencyTableSHA256(list)).toBe(hash);
    expect(frequencyTableSHA256(wide)).toBe(hash);
    expect(frequencyTableSHA256(xml)).toBe(hash);
    expect(frequencyTableSHA256(again)).toBe(hash);
  });

  it('is the same for the hand-written Familias file with marker aliases (THO1, VWA, PENTA_E) and no n', () => {
    const txt = readFileSync(join(fixtures, 'synthetic-demo.txt'), 'utf8');
    expect(frequencyTableSHA256(parseFrequencyList(txt, { population: 'x' }).table)).toBe(hash);
  });

  it('is the same for a published table in its CSV, list, wide and XML forms', () => {
    const file = join(root, '..', 'shared', 'data', 'frequencies', 'nist1036-caucasian.csv');
    if (!existsSync(file)) return;
    const t = parseFrequencyCsv(readFileSync(file, 'utf8'), { population: 'nist' }).table;
    const h = frequencyTableSHA256(t);
    expect(
      frequencyTableSHA256(parseFrequencyList(formatFrequencyList(t), { population: 'a' }).table),
    ).toBe(h);
    expect(
      frequencyTableSHA256(parseFrequencyWide(formatFrequencyWide(t), { population: 'b' }).table),
    ).toBe(h);
    expect(frequencyTableSHA256(parseStriderXml(striderXml(t, 'O')).get('O')!.table)).toBe(h);
    expect(h).not.toBe(hash);
  });

  it('changes when one frequency changes, and not with population, source, n or marker order', () => {
    const markers = [...base.markers];
    const [name, m] = markers[0]!;
    const f = [...m.frequencies];
    f[0] = f[0]! + 1e-6;
    f[1] = f[1]! - 1e-6;
    const changed = createFrequencyTable({
      population: 'demo',
      markers: new Map([[name, { alleles: m.alleles, frequencies: f }], ...markers.slice(1)]),
    }).table;
    expect(frequencyTableSHA256(changed)).not.toBe(hash);
    const reordered = createFrequencyTable({
      population: 'renamed',
      source: 'elsewhere',
      markers: new Map(
        [...markers]
          .reverse()
          .map(([k, v]) => [
            k,
            { alleles: [...v.alleles].reverse(), frequencies: [...v.frequencies].reverse() },
          ]),
      ),
    }).table;
    expect(frequencyTableSHA256(reordered)).toBe(hash);
  });

  it('equals lociFrequencySHA256 of case loci with the same numbers', () => {
    const loci = [...base.markers].map(([name, m]) => ({
      name,
      alleles: m.alleles,
      frequencies: m.frequencies,
      chromosome: 'autosomal' as const,
      mutation: null,
    }));
    expect(lociFrequencySHA256(loci)).toBe(hash);
  });
});
