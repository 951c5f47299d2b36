/**
 * The project's own marker table: canonical names, aliases, chromosome and kit membership of
 * every STR marker Kindred knows, plus the Amelogenin sex marker.
 *
 * Facts transcribed from `../shared/data/markers.csv` (2026 collection; see its README for the
 * sources: STRBase nomenclature, strvalidator `kit.txt`, norSTR `markerSets`, inbred `dbX12`).
 * Kit lists cover autosomal and X STRs only, as in that file (Amelogenin belongs to no kit list).
 * The test `markers.test.ts` checks this table against the CSV whenever it is present.
 *
 * @module
 */

/** Kit (multiplex) identifiers, as tokens of `markers.csv`. */
export const MARKER_KITS = [
  'CODIS13',
  'CODIS20',
  'ESS',
  'SGMPlus',
  'Identifiler',
  'PowerPlex16',
  'PowerPlex21',
  'NGM',
  'NGMSElect',
  'PowerPlexESX17',
  'PowerPlexESI17',
  'GlobalFiler',
  'Investigator24plex',
  'PowerPlexFusion',
  'PowerPlexFusion6C',
  'SureID27comp',
  'HDplex',
  'ArgusX12',
] as const;

/** One kit identifier, e.g. `'CODIS20'` or `'PowerPlexFusion6C'`. */
export type MarkerKit = (typeof MARKER_KITS)[number];

/** One row: canonical name, aliases, chromosome (`'1'`–`'22'` or `'X'`). */
export type MarkerRow = readonly [name: string, aliases: readonly string[], chromosome: string];

/** STR markers in chromosome order (the order of `markers.csv`). */
export const STR_MARKER_ROWS: readonly MarkerRow[] = [
  ['D1S1656', [], '1'],
  ['F13B', ['HUMF13B'], '1'],
  ['D2S1338', [], '2'],
  ['D2S1360', [], '2'],
  ['D2S441', [], '2'],
  ['TPOX', ['HUMTPOX'], '2'],
  ['D3S1358', [], '3'],
  ['D3S1744', [], '3'],
  ['D3S3045', [], '3'],
  ['D4S2366', [], '4'],
  ['FGA', ['FIBRA', 'HUMFIBRA'], '4'],
  ['CSF1PO', ['HUMCSF1PO'], '5'],
  ['D5S2500', [], '5'],
  ['D5S2800', [], '5'],
  ['D5S818', [], '5'],
  ['D6S1043', [], '6'],
  ['D6S474', [], '6'],
  ['D6S477', [], '6'],
  ['F13A01', ['F13A1', 'HUMF13A01'], '6'],
  ['SE33', ['ACTBP2', 'HUMACTBP2'], '6'],
  ['D7S1517', [], '7'],
  ['D7S3048', [], '7'],
  ['D7S820', [], '7'],
  ['D8S1132', [], '8'],
  ['D8S1179', [], '8'],
  ['LPL', ['HUMLPL'], '8'],
  ['D9S1122', [], '9'],
  ['Penta C', ['PENTA_C', 'PENTA C', 'Penta_C', 'PentaC', 'PENTAC'], '9'],
  ['D10S1248', [], '10'],
  ['D10S1435', [], '10'],
  ['D10S2325', [], '10'],
  ['APOAI1', ['APOA1'], '11'],
  ['D11S2368', [], '11'],
  ['D11S554', [], '11'],
  ['TH01', ['THO1', 'HUMTH01'], '11'],
  ['D12S391', [], '12'],
  ['vWA', ['VWA', 'vWA31', 'HUMVWFA31'], '12'],
  ['D13S317', [], '13'],
  ['D13S325', [], '13'],
  ['D14S1434', [], '14'],
  ['D15S659', [], '15'],
  ['FESFPS', ['FES', 'FES/FPS', 'HUMFESFPS'], '15'],
  ['Penta E', ['PENTA_E', 'PENTA E', 'Penta_E', 'PentaE', 'PENTAE'], '15'],
  ['D16S539', [], '16'],
  ['D17S1301', [], '17'],
  ['D17S906', [], '17'],
  ['D18S1364', [], '18'],
  ['D18S51', [], '18'],
  ['D19S253', [], '19'],
  ['D19S433', [], '19'],
  ['D20S482', [], '20'],
  ['D21S11', [], '21'],
  ['D21S2055', [], '21'],
  ['Penta D', ['PENTA_D', 'PENTA D', 'Penta_D', 'PentaD', 'PENTAD'], '21'],
  ['D22GATA198B05', ['D22-GATA198B05'], '22'],
  ['D22S1045', [], '22'],
  ['DXS10074', [], 'X'],
  ['DXS10079', [], 'X'],
  ['DXS10101', [], 'X'],
  ['DXS10103', [], 'X'],
  ['DXS10134', [], 'X'],
  ['DXS10135', [], 'X'],
  ['DXS10146', [], 'X'],
  ['DXS10148', [], 'X'],
  ['DXS7132', [], 'X'],
  ['DXS7423', [], 'X'],
  ['DXS8378', [], 'X'],
  ['HPRTB', ['HPRT', 'HUMHPRTB'], 'X'],
];

/** Amelogenin, the sex marker (AMELX on Xp22.2, AMELY on Yp11.2); never used for likelihoods. */
export const AMELOGENIN_ROW: MarkerRow = ['Amelogenin', ['AMEL', 'AM', 'AMELO'], 'X'];

/** Markers of each kit, canonical names in chromosome order. */
// biome-ignore format: one kit per line reads better as a table
export const KIT_MARKERS: Readonly<Record<MarkerKit, readonly string[]>> = {
  CODIS13: ['TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'D7S820', 'D8S1179', 'TH01', 'vWA', 'D13S317', 'D16S539', 'D18S51', 'D21S11'],
  CODIS20: ['D1S1656', 'D2S1338', 'D2S441', 'TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'D7S820', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D13S317', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'D22S1045'],
  ESS: ['D1S1656', 'D2S441', 'D3S1358', 'FGA', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D18S51', 'D21S11', 'D22S1045'],
  SGMPlus: ['D2S1338', 'D3S1358', 'FGA', 'D8S1179', 'TH01', 'vWA', 'D16S539', 'D18S51', 'D19S433', 'D21S11'],
  Identifiler: ['D2S1338', 'TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'D7S820', 'D8S1179', 'TH01', 'vWA', 'D13S317', 'D16S539', 'D18S51', 'D19S433', 'D21S11'],
  PowerPlex16: ['TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'D7S820', 'D8S1179', 'TH01', 'vWA', 'D13S317', 'Penta E', 'D16S539', 'D18S51', 'D21S11', 'Penta D'],
  PowerPlex21: ['D1S1656', 'D2S1338', 'TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'D6S1043', 'D7S820', 'D8S1179', 'TH01', 'D12S391', 'vWA', 'D13S317', 'Penta E', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'Penta D'],
  NGM: ['D1S1656', 'D2S1338', 'D2S441', 'D3S1358', 'FGA', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'D22S1045'],
  NGMSElect: ['D1S1656', 'D2S1338', 'D2S441', 'D3S1358', 'FGA', 'SE33', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'D22S1045'],
  PowerPlexESX17: ['D1S1656', 'D2S1338', 'D2S441', 'D3S1358', 'FGA', 'SE33', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'D22S1045'],
  PowerPlexESI17: ['D1S1656', 'D2S1338', 'D2S441', 'D3S1358', 'FGA', 'SE33', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'D22S1045'],
  GlobalFiler: ['D1S1656', 'D2S1338', 'D2S441', 'TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'SE33', 'D7S820', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D13S317', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'D22S1045'],
  Investigator24plex: ['D1S1656', 'D2S1338', 'D2S441', 'TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'SE33', 'D7S820', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D13S317', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'D22S1045'],
  PowerPlexFusion: ['D1S1656', 'D2S1338', 'D2S441', 'TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'D7S820', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D13S317', 'Penta E', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'Penta D', 'D22S1045'],
  PowerPlexFusion6C: ['D1S1656', 'D2S1338', 'D2S441', 'TPOX', 'D3S1358', 'FGA', 'CSF1PO', 'D5S818', 'SE33', 'D7S820', 'D8S1179', 'D10S1248', 'TH01', 'D12S391', 'vWA', 'D13S317', 'Penta E', 'D16S539', 'D18S51', 'D19S433', 'D21S11', 'Penta D', 'D22S1045'],
  SureID27comp: ['D1S1656', 'D2S441', 'D3S1744', 'D3S3045', 'D4S2366', 'D5S2800', 'D6S474', 'D6S477', 'D7S3048', 'D8S1132', 'D9S1122', 'D10S1248', 'D10S1435', 'D11S2368', 'D12S391', 'D13S325', 'D14S1434', 'D15S659', 'D16S539', 'D17S1301', 'D18S1364', 'D19S253', 'D20S482', 'D21S2055', 'D22GATA198B05', 'D22S1045'],
  HDplex: ['D2S1360', 'D3S1744', 'D4S2366', 'D5S2500', 'D6S474', 'D7S1517', 'D8S1132', 'D10S2325', 'D21S2055'],
  ArgusX12: ['DXS10074', 'DXS10079', 'DXS10101', 'DXS10103', 'DXS10134', 'DXS10135', 'DXS10146', 'DXS10148', 'DXS7132', 'DXS7423', 'DXS8378', 'HPRTB'],
};
