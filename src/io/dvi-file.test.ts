import { describe, expect, it } from 'vitest';
import { isKindredError } from '../errors.js';
import { formatDVICase, parseDVICase, safeParseDVICase } from './dvi-file.js';

type Row = Record<string, unknown>;
type Family = {
  name: string;
  pedigree: Row[];
  missing: unknown;
  genotypes: Record<string, unknown>;
};

// A document shaped like the kindred-dvi/1 example of spec/case-format.md.
function specDVI(): Record<string, unknown> & {
  loci: Row[];
  victims: Record<string, Record<string, unknown>>;
  victimSex: Record<string, unknown>;
  families: Family[];
} {
  return {
    format: 'kindred-dvi/1',
    id: 'dvi-001',
    theta: 0,
    loci: [
      {
        name: 'D3S1358',
        alleles: ['14', '15', '16'],
        frequencies: [0.2, 0.5, 0.3],
        mutation: null,
      },
    ],
    victims: { V1: { D3S1358: ['15', '16'] }, V2: { D3S1358: ['14', '14'] } },
    victimSex: { V1: 'male' },
    families: [
      {
        name: 'F1',
        pedigree: [
          { id: 'FA', father: null, mother: null, sex: 'male' },
          { id: 'MO', father: null, mother: null, sex: 'female' },
          { id: 'M1', father: 'FA', mother: 'MO', sex: 'male' },
          { id: 'R1', father: 'FA', mother: 'MO', sex: 'female' },
        ],
        missing: ['M1'],
        genotypes: { R1: { D3S1358: ['14', '15'] }, MO: { D3S1358: ['14', '16'] } },
      },
    ],
  };
}

const xLocus = { name: 'X01', alleles: ['12', '13'], frequencies: [0.4, 0.6], chromosome: 'X' };

function expectIssue(
  doc: unknown,
  code: string,
  path: (string | number)[],
  fragment: string,
): void {
  const r = safeParseDVICase(doc, { file: 'dvi.json' });
  if (r.success) throw new Error('expected issues, the document parsed');
  const hits = r.issues.filter(
    (e) => e.code === code && JSON.stringify(e.path) === JSON.stringify(path),
  );
  expect(hits.map((e) => e.message).join('\n')).toContain(fragment);
  expect(hits[0]?.file).toBe('dvi.json');
}

describe('parseDVICase', () => {
  it('parseDVICase(example) reads victims, victim sexes and families', () => {
    const c = parseDVICase(JSON.stringify(specDVI()));
    expect([...c.victims.keys()]).toEqual(['V1', 'V2']);
    expect(c.victimSex).toEqual(new Map([['V1', 'male']]));
    expect(c.families[0]?.missing).toEqual(['M1']);
    expect(c.families[0]?.genotypes.get('MO')?.get('D3S1358')).toEqual(['14', '16']);
    expect(c.families[0]?.pedigree.ids).toEqual(['FA', 'MO', 'M1', 'R1']);
  });

  it('parseDVICase reads its own formatted output back to an equal case', () => {
    const c = parseDVICase(specDVI());
    expect(parseDVICase(formatDVICase(c))).toEqual(c);
  });

  it('parseDVICase refuses a kindred-case/1 document', () => {
    expect(() => parseDVICase({ ...specDVI(), format: 'kindred-case/1' })).toThrow(
      /expected "kindred-dvi\/1"/,
    );
  });

  it('parseDVICase throws KindredError PARSE_ERROR on bad JSON', () => {
    try {
      parseDVICase('{"format": ', { file: 'x.json' });
      expect.unreachable();
    } catch (e) {
      expect(isKindredError(e) && e.code).toBe('PARSE_ERROR');
    }
  });

  it('safeParseDVICase refuses empty victims and families', () => {
    expectIssue(
      { ...specDVI(), victims: {} },
      'INVALID_CASE',
      ['victims'],
      'victims must be a non-empty object',
    );
    expectIssue(
      { ...specDVI(), families: [] },
      'INVALID_CASE',
      ['families'],
      'families must be a non-empty array',
    );
  });

  it('safeParseDVICase checks victim genotypes against the loci', () => {
    const doc = specDVI();
    doc.victims.V1!.D3S1358 = ['15', '99'];
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['victims', 'V1', 'D3S1358', 1],
      'Victim "V1" has allele "99" at locus "D3S1358"',
    );
  });

  it('safeParseDVICase refuses victimSex naming someone who is not a victim', () => {
    const doc = specDVI();
    doc.victimSex.V9 = 'female';
    expectIssue(
      doc,
      'INVALID_CASE',
      ['victimSex', 'V9'],
      'victimSex names "V9", who is not a victim',
    );
  });

  it('safeParseDVICase refuses a victim sex other than male/female', () => {
    const doc = specDVI();
    doc.victimSex.V1 = 'M';
    expectIssue(doc, 'INVALID_CASE', ['victimSex', 'V1'], 'Victim "V1" has sex "M"');
  });

  it("safeParseDVICase needs every victim's sex when there is an X locus", () => {
    const doc = specDVI();
    doc.loci.push(xLocus);
    expectIssue(doc, 'INVALID_CASE', ['victimSex'], 'Victim "V2" has no sex in victimSex');
  });

  it('parseDVICase accepts one X allele for a male victim', () => {
    const doc = specDVI();
    doc.loci.push(xLocus);
    doc.victimSex.V2 = 'female';
    doc.victims.V1!.X01 = ['13'];
    expect(parseDVICase(doc).victims.get('V1')?.get('X01')).toEqual(['13']);
  });

  it('safeParseDVICase refuses theta > 0 with an X locus as UNSUPPORTED', () => {
    const doc = { ...specDVI(), theta: 0.02 };
    doc.loci.push(xLocus);
    expectIssue(doc, 'UNSUPPORTED', ['theta'], 'theta 0.02 with X-chromosomal locus "X01"');
  });

  it('safeParseDVICase refuses an unknown family field', () => {
    const doc = specDVI();
    Object.assign(doc.families[0]!, { notes: 'x' });
    expectIssue(
      doc,
      'INVALID_CASE',
      ['families', 0, 'notes'],
      'Family "F1" has unknown field "notes"',
    );
  });

  it('safeParseDVICase locates pedigree errors inside the family', () => {
    const doc = specDVI();
    doc.families[0]!.pedigree[1]!.sex = 'male';
    expectIssue(
      doc,
      'INVALID_PEDIGREE',
      ['families', 0, 'pedigree', 2, 'mother'],
      'Individual "M1" has mother "MO" who is male',
    );
  });

  it('safeParseDVICase refuses an empty or unknown missing list', () => {
    const empty = specDVI();
    empty.families[0]!.missing = [];
    expectIssue(
      empty,
      'INVALID_CASE',
      ['families', 0, 'missing'],
      'Family "F1" needs a non-empty array of missing person ids',
    );
    const unknown = specDVI();
    unknown.families[0]!.missing = ['M9'];
    expectIssue(
      unknown,
      'INVALID_CASE',
      ['families', 0, 'missing', 0],
      'lists missing person "M9", who is not in its pedigree',
    );
    const twice = specDVI();
    twice.families[0]!.missing = ['M1', 'M1'];
    expectIssue(
      twice,
      'INVALID_CASE',
      ['families', 0, 'missing', 1],
      'lists missing person "M1" twice',
    );
  });

  it('safeParseDVICase refuses a typed missing person', () => {
    const doc = specDVI();
    doc.families[0]!.genotypes.M1 = { D3S1358: ['14', '15'] };
    expectIssue(
      doc,
      'INVALID_CASE',
      ['families', 0, 'genotypes', 'M1'],
      'Missing person "M1" of family "F1" has genotypes',
    );
  });

  it('safeParseDVICase refuses a missing person that is a sameAs entry', () => {
    const doc = specDVI();
    doc.families[0]!.pedigree.push({ id: 'M2', sameAs: 'R1' });
    doc.families[0]!.missing = ['M2'];
    expectIssue(doc, 'INVALID_CASE', ['families', 0, 'missing', 0], 'which is a sameAs entry');
  });

  it('safeParseDVICase refuses family genotypes of someone outside the pedigree', () => {
    const doc = specDVI();
    doc.families[0]!.genotypes.XX = { D3S1358: ['14', '15'] };
    expectIssue(
      doc,
      'INVALID_CASE',
      ['families', 0, 'genotypes', 'XX'],
      'Family "F1" has genotypes for "XX", who is not in its pedigree',
    );
  });

  it('safeParseDVICase refuses a person id used in two families', () => {
    const doc = specDVI();
    doc.families.push({
      name: 'F2',
      pedigree: [
        { id: 'MO', father: null, mother: null, sex: 'female' },
        { id: 'MP', father: null, mother: null, sex: 'male' },
      ],
      missing: ['MP'],
      genotypes: {},
    });
    expectIssue(
      doc,
      'INVALID_CASE',
      ['families', 1, 'pedigree', 0, 'id'],
      'Id "MO" is used twice: as a person in family "F1" and as a person in family "F2"',
    );
  });

  it('safeParseDVICase refuses a family name or person id equal to a victim id', () => {
    const doc = specDVI();
    doc.families[0]!.name = 'V1';
    expectIssue(doc, 'INVALID_CASE', ['families', 0, 'name'], 'Id "V1" is used twice: as a victim');
    const person = specDVI();
    person.families[0]!.pedigree[3]!.id = 'V2';
    person.families[0]!.genotypes = {};
    expectIssue(
      person,
      'INVALID_CASE',
      ['families', 0, 'pedigree', 3, 'id'],
      'Id "V2" is used twice: as a victim',
    );
  });

  it('safeParseDVICase refuses two families with the same name', () => {
    const doc = specDVI();
    doc.families.push({
      name: 'F1',
      pedigree: [{ id: 'Z', father: null, mother: null, sex: 'male' }],
      missing: ['Z'],
      genotypes: {},
    });
    expectIssue(doc, 'INVALID_CASE', ['families', 1, 'name'], 'Id "F1" is used twice');
  });

  it('safeParseDVICase takes __proto__ and constructor as victim and person ids', () => {
    const text = JSON.stringify(specDVI())
      .replaceAll('"V1"', '"__proto__"')
      .replaceAll('"R1"', '"constructor"');
    const c = parseDVICase(text);
    expect(c.victimSex.get('__proto__')).toBe('male');
    expect(c.families[0]?.genotypes.has('constructor')).toBe(true);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(parseDVICase(formatDVICase(c))).toEqual(c);
  });
});

describe('parseDVICase: observation (degraded-dna.md)', () => {
  it('parseDVICase reads observation for victims and typed family members, and formats it back', () => {
    const doc = specDVI();
    doc.observation = { V1: { dropout: 0.3 }, R1: { dropout: 0.05, dropin: 0.01 } };
    const c = parseDVICase(doc);
    expect(c.observation?.get('V1')).toEqual({ dropout: 0.3, dropin: 0 });
    expect(c.observation?.get('R1')).toEqual({ dropout: 0.05, dropin: 0.01 });
    expect(parseDVICase(formatDVICase(c))).toEqual(c);
  });
  it('safeParseDVICase names a key that is no victim or typed member, and a bad value', () => {
    const doc = specDVI();
    doc.observation = { M1: { dropout: 0.1 }, V2: { dropin: 1.5 } };
    expectIssue(
      doc,
      'INVALID_CASE',
      ['observation', 'M1'],
      'not a victim, a typed family member or an elimination profile',
    );
    expectIssue(doc, 'INVALID_CASE', ['observation', 'V2', 'dropin'], 'dropin 1.5');
  });
});
