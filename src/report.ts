/**
 * `kindred/report`: HTML reports with their provenance, pedigree drawings (layout and SVG), the
 * MPP plot of power, and the provenance records and frequency hashes they print.
 * Browser-safe.
 *
 * @module
 */

export { formatMPPSvg } from './power/mpp-svg.js';
export type { CaseProvenanceContext } from './provenance/case-provenance.js';
export { caseProvenance } from './provenance/case-provenance.js';
export {
  canonicalFrequencyText,
  frequencyTableSHA256,
  lociFrequencySHA256,
} from './provenance/frequency-hash.js';
export type {
  FrequencyTableIdentity,
  InputDocument,
  LocusModel,
  Provenance,
  ProvenanceInput,
} from './provenance/provenance.js';
export { createProvenance, formatProvenanceLine } from './provenance/provenance.js';
export type { CaseReportOptions } from './report/case-report.js';
export { renderCaseReport } from './report/case-report.js';
export type { DVIReportOptions } from './report/dvi-report.js';
export { renderDVIReport } from './report/dvi-report.js';
export type {
  Box,
  LaidOutPerson,
  LayoutLine,
  PedigreeDrawingOptions,
  PedigreeLayout,
} from './report/pedigree-layout.js';
export { layoutPedigree } from './report/pedigree-layout.js';
export { drawPedigreeSVG, renderPedigreeSVG } from './report/pedigree-svg.js';
export type { PowerReportOptions } from './report/power-report.js';
export { renderPowerReport } from './report/power-report.js';
