/**
 * STRidER frequency exports in XML: `marker` elements, each with a `name`, an optional `alleles`
 * list, and one `origin` element per population (`name` attribute, sample size in the `n`
 * attribute) holding `frequency` elements (`allele` attribute, the frequency as text). Every
 * origin becomes one frequency table named after it. Frequencies of 0 are left out (the allele
 * was not observed in that origin).
 *
 * The sample size is read as the number of alleles typed, as the forensicpopdata reader of this
 * export documents; pass `nCounts: 'individuals'` if an export counts people. Errors name the
 * file, the line and the element.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ParsedFrequencyTable } from './frequency-file.js';
import {
  buildFrequencyTable,
  type FrequencyCells,
  type ParseWideOptions,
} from './frequency-wide.js';
import { parseXml, type XmlElement, xmlChildren, xmlChildText } from './xml-reader.js';

/** Options of {@link parseStriderXml}: those of the wide reader without `population`. */
export type ParseStriderOptions = Omit<ParseWideOptions, 'population'>;

/**
 * Read a STRidER XML export: one table per origin, in document order.
 *
 * @param text - the XML
 * @param options - file, normalise, source, what `n` counts
 * @returns tables by origin name
 * @throws KindredError `PARSE_ERROR` (XML, marker without name, origin without name, frequency
 *   without allele), and the frequency errors of the wide reader (`INVALID_FREQUENCIES`,
 *   `INVALID_LOCUS`, `INVALID_ALLELE`)
 * @example
 * ```ts
 * const xml = '<frequencies><marker><name>TH01</name><origin name="NORWAY" n="1000">' +
 *   '<frequency allele="6">0.25</frequency><frequency allele="9.3">0.75</frequency></origin></marker></frequencies>';
 * parseStriderXml(xml).get('NORWAY')?.table.markers.get('TH01')?.n; // => 1000
 * ```
 */
export function parseStriderXml(
  text: string,
  options: ParseStriderOptions = {},
): Map<string, ParsedFrequencyTable> {
  const file = options.file;
  const root = parseXml(text, file);
  const fail = (detail: string, line: number, field: string): never => {
    throw new KindredError('PARSE_ERROR', detail, {
      path: ['line', line, field],
      ...(file !== undefined ? { file } : {}),
    });
  };
  const markers = root.name.toLowerCase() === 'marker' ? [root] : _descendants(root, 'marker');
  if (markers.length === 0) fail('STRidER XML has no <marker> elements', root.line, root.name);
  const byOrigin = new Map<string, FrequencyCells[]>();
  for (const marker of markers) {
    const name = xmlChildText(marker, 'name') ?? '';
    if (name === '') fail('<marker> has no <name>', marker.line, 'name');
    const nameLine = xmlChildren(marker, 'name')[0]?.line ?? marker.line;
    for (const origin of xmlChildren(marker, 'origin')) {
      const originName = origin.attributes.get('name')?.trim() ?? '';
      if (originName === '')
        fail(`<origin> of marker ${name} has no name attribute`, origin.line, 'origin');
      const cells = xmlChildren(origin, 'frequency').map((f) => {
        const allele = f.attributes.get('allele')?.trim() ?? '';
        if (allele === '')
          fail(
            `<frequency> of marker ${name}, origin ${originName} has no allele attribute`,
            f.line,
            'frequency',
          );
        return { allele, frequency: f.text.trim(), line: f.line, field: 'frequency' };
      });
      const kept = cells.filter((c) => !(/^[0.]+$/.test(c.frequency) && Number(c.frequency) === 0));
      const n = origin.attributes.get('n')?.trim();
      const group: FrequencyCells = {
        marker: name,
        line: nameLine,
        field: 'name',
        cells: kept,
        ...(n !== undefined && n !== '' ? { n: { value: n, line: origin.line, field: 'n' } } : {}),
      };
      const list = byOrigin.get(originName) ?? [];
      list.push(group);
      byOrigin.set(originName, list);
    }
  }
  const tables = new Map<string, ParsedFrequencyTable>();
  for (const [origin, groups] of byOrigin) {
    const usable = groups.filter((g) => g.cells.length > 0);
    if (usable.length === 0) continue;
    tables.set(origin, buildFrequencyTable(usable, { ...options, population: origin }));
  }
  return tables;
}

function _descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const want = name.toLowerCase();
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name.toLowerCase() === want) out.push(c);
      else visit(c);
    }
  };
  visit(element);
  return out;
}
