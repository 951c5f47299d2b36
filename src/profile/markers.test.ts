import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import {
  canonicalMarkerName,
  isSexMarker,
  listMarkers,
  MARKER_KITS,
  markerKey,
  markersOfKit,
  resolveKitName,
  resolveMarkerName,
} from './markers.js';

const MARKERS_CSV = fileURLToPath(new URL('../../../shared/data/markers.csv', import.meta.url));
const haveMarkersCsv = existsSync(MARKERS_CSV);
if (!haveMarkersCsv) {
  console.log(`markers.test: ${MARKERS_CSV} is absent, skipping the comparison with markers.csv`);
}

describe('resolveMarkerName', () => {
  // Spellings from the issue and from ../shared/data/README.md (source spellings per table).
  it.each([
    ['vWA', 'vWA'],
    ['VWA', 'vWA'],
    ['vwa', 'vWA'],
    ['TH01', 'TH01'],
    ['THO1', 'TH01'],
    ['th01', 'TH01'],
    ['TPOX', 'TPOX'],
    ['TP0X', 'TPOX'],
    ['Penta E', 'Penta E'],
    ['PENTA_E', 'Penta E'],
    ['PentaE', 'Penta E'],
    ['PENTA E', 'Penta E'],
    ['penta-e', 'Penta E'],
    ['Penta_D', 'Penta D'],
    ['FGA', 'FGA'],
    ['FIBRA', 'FGA'],
    ['D21S11', 'D21S11'],
    ['d21s11', 'D21S11'],
    ['Amelogenin', 'Amelogenin'],
    ['AMEL', 'Amelogenin'],
    ['AM', 'Amelogenin'],
    ['CSF1P0', 'CSF1PO'],
    ['  D3S1358 ', 'D3S1358'],
    ['D22-GATA198B05', 'D22GATA198B05'],
  ])('resolveMarkerName(%j) is %s', (written, canonical) => {
    expect(resolveMarkerName(written)?.name).toBe(canonical);
  });

  it('resolveMarkerName returns undefined for unknown and empty names', () => {
    expect(resolveMarkerName('D99S999')).toBeUndefined();
    expect(resolveMarkerName('')).toBeUndefined();
    expect(resolveMarkerName('__proto__')).toBeUndefined();
    expect(resolveMarkerName('constructor')).toBeUndefined();
  });

  it('resolveMarkerName gives chromosome and number (DXS7132 on X; D3S1358 on 3, TH01 on 11)', () => {
    // Chromosomes from the D-segment nomenclature and markers.csv (TH01: 11p15.5).
    expect(resolveMarkerName('DXS7132')).toMatchObject({ chromosome: 'X', chromosomeNumber: null });
    expect(resolveMarkerName('D3S1358')).toMatchObject({
      chromosome: 'autosomal',
      chromosomeNumber: 3,
    });
    expect(resolveMarkerName('TH01')?.chromosomeNumber).toBe(11);
  });

  it('no two markers share a spelling after normalisation', () => {
    const seen = new Map<string, string>();
    for (const m of listMarkers()) {
      for (const s of [m.name, ...m.aliases]) {
        const owner = seen.get(markerKey(s));
        expect(owner === undefined || owner === m.name).toBe(true);
        seen.set(markerKey(s), m.name);
      }
    }
  });
});

describe('canonicalMarkerName and isSexMarker', () => {
  it('markerKey("PENTA_E") is "pentae" and listMarkers() has 68 STRs plus Amelogenin', () => {
    expect(markerKey('PENTA_E')).toBe('pentae');
    expect(listMarkers()).toHaveLength(69);
  });

  it('canonicalMarkerName maps aliases and keeps unknown names as written', () => {
    expect(canonicalMarkerName('VWA')).toBe('vWA');
    expect(canonicalMarkerName('My Locus')).toBe('My Locus');
  });

  it('isSexMarker is true for Amelogenin only', () => {
    expect(isSexMarker('AMEL')).toBe(true);
    expect(isSexMarker('TH01')).toBe(false);
    expect(isSexMarker('unknown')).toBe(false);
    expect(
      listMarkers()
        .filter((m) => m.kind === 'sex')
        .map((m) => m.name),
    ).toEqual(['Amelogenin']);
  });
});

describe('markersOfKit', () => {
  // Kit sizes from the kit table of ../shared/data/README.md §3 (strvalidator kit.txt, FBI).
  it.each([
    ['CODIS13', 13],
    ['CODIS20', 20],
    ['ESS', 12],
    ['SGMPlus', 10],
    ['Identifiler', 15],
    ['PowerPlex16', 15],
    ['PowerPlex21', 20],
    ['NGM', 15],
    ['NGMSElect', 16],
    ['GlobalFiler', 21],
    ['PowerPlexFusion', 22],
    ['PowerPlexFusion6C', 23],
    ['SureID27comp', 26],
    ['HDplex', 9],
    ['ArgusX12', 12],
  ])('markersOfKit(%s) has %i markers', (kit, size) => {
    expect(markersOfKit(kit)).toHaveLength(size);
  });

  it('markersOfKit(CODIS20) is CODIS13 plus the 7 loci added in 2017 (Hares 2015)', () => {
    const added = markersOfKit('CODIS20').filter((m) => !markersOfKit('CODIS13').includes(m));
    expect(added.sort()).toEqual(
      ['D1S1656', 'D2S441', 'D2S1338', 'D10S1248', 'D12S391', 'D19S433', 'D22S1045'].sort(),
    );
    // SE33 is not a CODIS core locus (README §3 warns about norSTR's list).
    expect(markersOfKit('CODIS20')).not.toContain('SE33');
  });

  it('markersOfKit accepts case and separator variants of kit names', () => {
    expect(resolveKitName('powerplex fusion 6c')).toBe('PowerPlexFusion6C');
    expect(markersOfKit('codis20')).toEqual(markersOfKit('CODIS20'));
  });

  it('markersOfKit throws INVALID_ARGUMENT naming the unknown kit', () => {
    try {
      markersOfKit('MiniFiler');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KindredError);
      expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', path: ['kit'] });
      expect((e as Error).message).toContain('Unknown kit "MiniFiler"');
    }
  });

  it('every kit marker is in the table and every X marker kit is ArgusX12 only', () => {
    for (const kit of MARKER_KITS) {
      for (const name of markersOfKit(kit)) expect(resolveMarkerName(name)?.name).toBe(name);
    }
    for (const m of listMarkers().filter((x) => x.chromosome === 'X' && x.kind === 'STR')) {
      expect(m.kits).toEqual(['ArgusX12']);
    }
  });
});

describe.runIf(haveMarkersCsv)('marker table against ../shared/data/markers.csv', () => {
  const lines = haveMarkersCsv ? readFileSync(MARKERS_CSV, 'utf8').trim().split(/\r?\n/) : [];
  const rows = lines.slice(1).map((line) => {
    const [marker, aliases, chromosome, kits] = line.split(',') as [string, string, string, string];
    return {
      marker,
      aliases: aliases === '' ? [] : aliases.split(';'),
      chromosome,
      kits: kits === '' ? [] : kits.split(';'),
    };
  });

  it('markers.csv has 68 markers and the table has those 68 plus Amelogenin', () => {
    expect(rows).toHaveLength(68);
    const names = listMarkers().map((m) => m.name);
    expect(names.filter((n) => n !== 'Amelogenin').sort()).toEqual(
      rows.map((r) => r.marker).sort(),
    );
  });

  it.each(rows.map((r) => [r.marker, r] as const))(
    '%s resolves with its aliases, chromosome and kits as in markers.csv',
    (_name, row) => {
      const info = resolveMarkerName(row.marker);
      expect(info?.name).toBe(row.marker);
      for (const alias of row.aliases) expect(resolveMarkerName(alias)?.name).toBe(row.marker);
      if (row.chromosome === 'X') {
        expect(info).toMatchObject({ chromosome: 'X', chromosomeNumber: null });
      } else {
        expect(info).toMatchObject({
          chromosome: 'autosomal',
          chromosomeNumber: Number(row.chromosome),
        });
      }
      expect([...(info?.kits ?? [])].sort()).toEqual([...row.kits].sort());
    },
  );
});
