/**
 * `kindred/io`: lab and frequency file formats (GeneMapper, CODIS CMF, Familias `.fam`,
 * STRidER XML, long/list/wide frequency tables), the typed case-document parsers, import
 * reports and the `kindred power` answer. Text in, objects out: browser-safe.
 *
 * @module
 */

export { parseCodisCmf } from './io/codis-cmf.js';
export { parseFamiliasFam } from './io/familias-fam.js';
export { formatFamiliasFam } from './io/familias-format.js';
export type { ParsedFrequencyTable, ParseFrequencyOptions } from './io/frequency-file.js';
export {
  formatFrequencyCsv,
  formatFrequencyList,
  parseFrequencyCsv,
  parseFrequencyList,
} from './io/frequency-file.js';
export { formatFrequencyWide, parseFrequencyWide } from './io/frequency-wide.js';
export { parseGeneMapper } from './io/genemapper.js';
export type { ImportReport } from './io/import-report.js';
export { formatImportReport } from './io/import-report.js';
export type { PowerAnswer } from './io/power-answer.js';
export { formatPowerAnswer } from './io/power-answer.js';
export { parseStriderXml } from './io/strider-xml.js';
export { parseCaseDocument, safeParseCaseDocument } from './io/validate-case.js';
