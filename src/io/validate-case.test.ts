import { describe, expect, it } from 'vitest';
import { isKindredError } from '../errors.js';
import {
  parseCaseDocument,
  safeParseCaseDocument,
  summarizeCaseDocument,
  validateCaseText,
} from './validate-case.js';

// The kindred-case/1 example of spec/case-format.md.
const specCase = {
  format: 'kindred-case/1',
  id: 'pc-001',
  theta: 0,
  loci: [
    { name: 'D3S1358', alleles: ['14', '15', '16'], frequencies: [0.2, 0.5, 0.3], mutation: null },
  ],
  hypotheses: [
    {
      name: 'H1',
      pedigree: [
        { id: 'AF', father: null, mother: null, sex: 'male' },
        { id: 'MO', father: null, mother: null, sex: 'female' },
        { id: 'CH', father: 'AF', mother: 'MO', sex: 'female' },
      ],
    },
    {
      name: 'H2',
      pedigree: [
        { id: 'AF', father: null, mother: null, sex: 'male' },
        { id: 'CH', father: null, mother: null, sex: 'female' },
      ],
    },
  ],
  reference: 'H2',
  genotypes: { AF: { D3S1358: ['14', '15'] }, CH: { D3S1358: ['15', '16'] } },
};

const specDVI = {
  format: 'kindred-dvi/1',
  id: 'dvi-001',
  loci: specCase.loci,
  victims: { V1: { D3S1358: ['15', '16'] } },
  victimSex: { V1: 'male' },
  families: [
    {
      name: 'F1',
      pedigree: [
        { id: 'FA', father: null, mother: null, sex: 'male' },
        { id: 'MO', father: null, mother: null, sex: 'female' },
        { id: 'M1', father: 'FA', mother: 'MO', sex: 'male' },
      ],
      missing: ['M1'],
      genotypes: { MO: { D3S1358: ['14', '15'] } },
    },
  ],
};

describe('parseCaseDocument', () => {
  it('parseCaseDocument dispatches on format', () => {
    expect(parseCaseDocument(JSON.stringify(specCase)).format).toBe('kindred-case/1');
    expect(parseCaseDocument(specDVI).format).toBe('kindred-dvi/1');
  });

  it('parseCaseDocument refuses an unknown format, naming the value', () => {
    try {
      parseCaseDocument({ ...specCase, format: 'kindred-lr/2' }, { file: 'x.json' });
      expect.unreachable();
    } catch (e) {
      expect(isKindredError(e) && e.code).toBe('INVALID_CASE');
      expect(isKindredError(e) && e.path).toEqual(['format']);
      expect((e as Error).message).toContain('Unknown case format: got format "kindred-lr/2"');
    }
  });

  it('safeParseCaseDocument refuses a document that is not an object', () => {
    const r = safeParseCaseDocument('"just a string"');
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.message).toContain('a document that is "just a string"');
  });

  it('safeParseCaseDocument reports duplicate keys together with the other issues', () => {
    const text = JSON.stringify({ ...specCase, reference: 'H9' }).replace(
      '"id":',
      '"id":"x","id":',
    );
    const r = safeParseCaseDocument(text);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((e) => e.path.join('.'))).toEqual(['id', 'reference']);
  });
});

describe('validateCaseText', () => {
  it('validateCaseText(spec example) is ok with a one-line summary', () => {
    const report = validateCaseText(JSON.stringify(specCase), 'pc-001.json');
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([]);
    expect(report.summary).toBe(
      'ok: kindred-case/1 "pc-001": 1 locus, 2 hypotheses, 2 typed people',
    );
  });

  it('validateCaseText summarises a DVI document', () => {
    const report = validateCaseText(JSON.stringify(specDVI), 'dvi.json');
    expect(report.summary).toBe(
      'ok: kindred-dvi/1 "dvi-001": 1 locus, 1 victim, 1 family, 1 missing person, 1 typed relative',
    );
  });

  it('validateCaseText lists every issue, one line each as <file>: <code>: <message>', () => {
    const bad = {
      ...specCase,
      theta: 1,
      reference: 'H9',
      genotypes: { AF: { D3S1358: ['14', '15', '16'] } },
    };
    const report = validateCaseText(JSON.stringify(bad), 'bad.json');
    expect(report.ok).toBe(false);
    expect(report.summary.split('\n')).toEqual([
      'bad.json: INVALID_CASE: theta 1 must be a number in [0, 1) (theta)',
      'bad.json: INVALID_CASE: Reference "H9" is not a hypothesis of this case (hypotheses: "H1", "H2") (reference)',
      'bad.json: INVALID_GENOTYPE: Person "AF" has 3 alleles at locus "D3S1358" ("14", "15", "16"): a tri-allelic pattern is not supported; exactly 2 are required (genotypes.AF.D3S1358)',
    ]);
    expect(report.issues).toHaveLength(3);
  });

  it('validateCaseText reports a JSON syntax error with its line', () => {
    const report = validateCaseText(
      '{\n  "format": "kindred-case/1"\n  "id": "x"\n}',
      'broken.json',
    );
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^broken\.json: PARSE_ERROR: Invalid JSON at line 3, column 3/);
  });

  it('summarizeCaseDocument counts loci in the singular and plural', () => {
    const two = {
      ...specCase,
      loci: [...specCase.loci, { name: 'vWA', alleles: ['17'], frequencies: [1] }],
    };
    expect(summarizeCaseDocument(parseCaseDocument(two))).toContain('2 loci');
  });
});
