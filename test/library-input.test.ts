/**
 * Library input checked at the door (issue 17, item 5): a KinshipCase or DVICase built in code
 * goes through the same validation as a case file, so every mistake `kindred lr` / `kindred
 * dvi` refuses in a file is refused by the public `computeKinshipLR` / `computeDVI` with the
 * same code and message. Before, a hand-built case with an allele outside its locus gave an LR
 * (log10 0.52 in the example) with no error.
 */
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/main.js';
import {
  computeDVI,
  computeKinshipLR,
  createDVICase,
  createKinshipCase,
  type DVICase,
  type DVICaseDocument,
  type KinshipCase,
  type KinshipCaseDocument,
  parseCase,
  parseDVICase,
} from '../src/index.js';
import { computeKinshipLR as engineKinshipLR } from '../src/relationships/kinship-lr.js';

// spec/case-format.md's example pc-001 (alleged father, mother untyped, child)
const DOC: KinshipCaseDocument = {
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

async function cliError(argv: string[], doc: unknown): Promise<string> {
  let err = '';
  const io: CliIO = {
    stdout: () => undefined,
    stderr: (t) => {
      err += t;
    },
    readFile: () => JSON.stringify(doc),
  };
  expect(await runCli(argv, io)).toBe(1);
  return err;
}

function thrown(f: () => unknown): { code: string; message: string; path: unknown } {
  try {
    f();
  } catch (e) {
    const k = e as { code: string; message: string; path: unknown };
    return { code: k.code, message: k.message, path: k.path };
  }
  throw new Error('did not throw');
}

const valid = parseCase(DOC);
const withGenotype = (person: string, alleles: string[]): KinshipCase => ({
  ...valid,
  genotypes: new Map([...valid.genotypes, [person, new Map([['D3S1358', alleles]])]]),
});

/** Each mistake made in code (on a parsed case) and the same mistake in a case file. */
const MISTAKES: [string, KinshipCase, KinshipCaseDocument, string][] = [
  [
    'an allele outside its locus',
    withGenotype('CH', ['15', '99']),
    { ...DOC, genotypes: { ...DOC.genotypes, CH: { D3S1358: ['15', '99'] } } },
    'INVALID_GENOTYPE',
  ],
  [
    'a reference that is not a hypothesis',
    { ...valid, reference: 'H9' },
    { ...DOC, reference: 'H9' },
    'INVALID_CASE',
  ],
  ['theta out of range', { ...valid, theta: 1.5 }, { ...DOC, theta: 1.5 }, 'INVALID_CASE'],
  [
    'a typed person missing from a hypothesis',
    withGenotype('MO', ['14', '14']),
    { ...DOC, genotypes: { ...DOC.genotypes, MO: { D3S1358: ['14', '14'] } } },
    'INVALID_CASE',
  ],
  [
    'frequencies that do not sum to 1',
    { ...valid, loci: [{ ...valid.loci[0]!, frequencies: [0.2, 0.5, 0.5] }] },
    { ...DOC, loci: [{ ...DOC.loci[0]!, frequencies: [0.2, 0.5, 0.5] }] },
    'INVALID_FREQUENCIES',
  ],
  [
    'a locus with an allele twice',
    {
      ...valid,
      loci: [{ ...valid.loci[0]!, alleles: ['14', '15', '15'] }],
    },
    { ...DOC, loci: [{ ...DOC.loci[0]!, alleles: ['14', '15', '15'] }] },
    'INVALID_LOCUS',
  ],
  [
    'a typed locus the case does not define',
    {
      ...valid,
      genotypes: new Map([
        ...valid.genotypes,
        ['CH', new Map([['TH01', ['6', '7'] as readonly string[]]])],
      ]),
    },
    { ...DOC, genotypes: { ...DOC.genotypes, CH: { TH01: ['6', '7'] } } },
    'INVALID_GENOTYPE',
  ],
];

describe('computeKinshipLR checks a case built in code as parseCase checks a file', () => {
  it('a case from parseCase or createKinshipCase gives the engine answer, LR 1/(4·p15) = 0.5', () => {
    const a = computeKinshipLR(valid);
    const b = computeKinshipLR(createKinshipCase(DOC));
    expect(a).toEqual(engineKinshipLR(valid));
    expect(b).toEqual(a);
    // AF 14/15 passes 15 with ½; the child's 15 came from AF (or its 16 did not):
    // LR = P(CH | AF) / P(CH) = (½·p16) / (2·p15·p16) = 1/(4·p15) = 0.5
    expect(a.hypotheses[0]!.log10LR).toBeCloseTo(Math.log10(0.5), 12);
  });

  it('a valid case built in code (a changed copy) is accepted and gives the engine answer', () => {
    const copy: KinshipCase = { ...valid, id: 'copy' };
    expect(computeKinshipLR(copy).hypotheses[0]!.log10LR).toBe(
      engineKinshipLR(valid).hypotheses[0]!.log10LR,
    );
  });

  it.each(MISTAKES)(
    "%s is refused with the CLI's code and message",
    async (_, kcase, doc, code) => {
      const library = thrown(() => computeKinshipLR(kcase));
      const file = thrown(() => parseCase(doc));
      expect(library.code).toBe(code);
      expect(library).toEqual(file);
      expect(await cliError(['lr', 'case.json'], doc)).toBe(
        `kindred: ${code}: ${thrown(() => parseCase(doc, { file: 'case.json' })).message}\n`,
      );
    },
  );

  it('the engine alone would have answered the allele-outside-its-locus case (the old behaviour)', () => {
    const bad = MISTAKES[0]![1];
    expect(() => engineKinshipLR(bad)).not.toThrow();
    expect(thrown(() => computeKinshipLR(bad)).message).toContain(
      'has allele "99" at locus "D3S1358", which is not an allele of that locus',
    );
  });

  it('an object that is not a KinshipCase is INVALID_ARGUMENT, not a TypeError', () => {
    const e = thrown(() => computeKinshipLR({} as KinshipCase));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain('not a KinshipCase');
  });
});

const DVI_DOC: DVICaseDocument = {
  format: 'kindred-dvi/1',
  id: 'd1',
  loci: DOC.loci,
  victims: { V1: { D3S1358: ['14', '15'] } },
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
      genotypes: { FA: { D3S1358: ['14', '14'] } },
    },
  ],
};

describe('computeDVI checks a DVI case built in code as parseDVICase checks a file', () => {
  const parsed = parseDVICase(DVI_DOC);

  it('a parsed, created or copied case gives the same answer', () => {
    const a = computeDVI(parsed);
    expect(computeDVI(createDVICase(DVI_DOC))).toEqual(a);
    expect(computeDVI({ ...parsed })).toEqual(a);
    // father 14/14, victim 14/15: paternity index 1/(2·p14) = 2.5
    expect(a.pairwise.get('V1')?.get('M1')).toBeCloseTo(Math.log10(2.5), 12);
  });

  it('a victim with an allele outside its locus is refused as in a file', async () => {
    const bad: DVICase = {
      ...parsed,
      victims: new Map([['V1', new Map([['D3S1358', ['14', '99'] as readonly string[]]])]]),
    };
    const doc = { ...DVI_DOC, victims: { V1: { D3S1358: ['14', '99'] } } };
    const library = thrown(() => computeDVI(bad));
    expect(library.code).toBe('INVALID_GENOTYPE');
    expect(library).toEqual(thrown(() => parseDVICase(doc)));
    expect(await cliError(['dvi', 'case.json'], doc)).toMatch(/^kindred: INVALID_GENOTYPE: /);
  });
});
