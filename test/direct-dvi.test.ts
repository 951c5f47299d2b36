/**
 * Remains against remains in DVI (issue 11 item 4): the `elimination` set of `kindred-dvi/1`
 * (docs/dvi.md), the direct-match section of `computeDVI`, and merging replicate remains as
 * `sameAs` samples before the joint DVI — checked against the kinship engine on the equivalent
 * case (the family with both samples on the missing person, against the family plus the body as
 * an unrelated founder with its second sample), with degraded replicates and with theta.
 */
import { describe, expect, it } from 'vitest';
import { runDVICommand } from '../src/cli/dvi-command.js';
import { computeDirectMatch } from '../src/dvi/direct-match.js';
import { computeDVI } from '../src/dvi/dvi.js';
import { parseCase } from '../src/io/case-file.js';
import { formatDVIAnswer } from '../src/io/dvi-answer.js';
import { formatDVICase, parseDVICase, safeParseDVICase } from '../src/io/dvi-file.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { renderDVIReport } from '../src/report/dvi-report.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { readImportFile } from '../src/store/import-sources.js';
import { expectError } from './helpers/expect-error.js';

const LOCI = [
  {
    name: 'D1',
    alleles: ['14', '15', '16', '17'],
    frequencies: [0.1, 0.2, 0.3, 0.4],
    mutation: null,
  },
  {
    name: 'D2',
    alleles: ['8', '9', '10', '11', '12'],
    frequencies: [0.1, 0.15, 0.2, 0.25, 0.3],
    mutation: null,
  },
  {
    name: 'D3',
    alleles: ['20', '21', '22'],
    frequencies: [0.2, 0.3, 0.5],
    mutation: null,
  },
];

const F1 = [
  { id: 'R1', father: null, mother: null, sex: 'male' },
  { id: 'R2', father: null, mother: null, sex: 'female' },
  { id: 'M1', father: 'R1', mother: 'R2', sex: 'male' },
];
const F1_GENOTYPES = {
  R1: { D1: ['14', '15'], D2: ['8', '9'], D3: ['20', '21'] },
  R2: { D1: ['16', '17'], D2: ['10', '11'], D3: ['22', '22'] },
};
/** V1 is M1 (14/16, 8/10, 20/22); V3 is a degraded fragment of the same body; V2 is staff S1. */
const VICTIMS = {
  V1: { D1: ['14', '16'], D2: ['8', '10'], D3: ['20', '22'] },
  V2: { D1: ['15', '17'], D2: ['11', '12'], D3: ['21', '21'] },
  V3: { D1: ['14'], D2: ['8', '10'] },
};

function doc(extra: Record<string, unknown> = {}, theta = 0): Record<string, unknown> {
  return {
    format: 'kindred-dvi/1',
    id: 'direct',
    theta,
    loci: LOCI,
    victims: VICTIMS,
    victimSex: { V1: 'male', V2: 'male', V3: 'male' },
    observation: { V3: { dropout: 0.4, dropin: 0.02 } },
    families: [
      { name: 'F1', pedigree: F1, missing: ['M1'], genotypes: F1_GENOTYPES },
      {
        name: 'F2',
        pedigree: [
          { id: 'P3', father: null, mother: null, sex: 'male' },
          { id: 'R3', father: null, mother: null, sex: 'female' },
          { id: 'M2', father: 'P3', mother: 'R3', sex: 'male' },
        ],
        missing: ['M2'],
        genotypes: { R3: { D1: ['15', '15'], D2: ['12', '12'], D3: ['21', '20'] } },
      },
    ],
    elimination: { S1: VICTIMS.V2 },
    eliminationSex: { S1: 'male' },
    ...extra,
  };
}

describe('kindred-dvi/1 elimination set (docs/dvi.md)', () => {
  it('parseDVICase reads elimination and eliminationSex, and formatDVICase writes them back', () => {
    const c = parseDVICase(doc());
    expect(c.elimination).toEqual([
      { id: 'S1', sex: 'male', genotypes: new Map(Object.entries(VICTIMS.V2)) },
    ]);
    expect(parseDVICase(formatDVICase(c))).toEqual(c);
    expect(
      parseDVICase(doc({ elimination: undefined, eliminationSex: undefined })).elimination,
    ).toBeUndefined();
  });

  it('refuses a bad elimination set, naming the profile and field', () => {
    const issues = (d: Record<string, unknown>) => {
      const r = safeParseDVICase(d);
      return r.success ? [] : r.issues.map((e) => [e.code, e.path.join('.'), e.detail]);
    };
    expect(issues(doc({ elimination: {} }))[0]?.slice(0, 2)).toEqual([
      'INVALID_CASE',
      'elimination',
    ]);
    expect(issues(doc({ elimination: { V1: VICTIMS.V2 }, eliminationSex: {} }))[0]).toEqual([
      'INVALID_CASE',
      'elimination.V1',
      'Id "V1" is used twice: as a victim and as an elimination profile; victim ids, family names and person ids must be unique across the document',
    ]);
    expect(issues(doc({ eliminationSex: { S9: 'male' } }))[0]?.slice(0, 2)).toEqual([
      'INVALID_CASE',
      'eliminationSex.S9',
    ]);
    expect(issues(doc({ elimination: { S1: { D1: ['14', '99'] } } }))[0]?.[1]).toBe(
      'elimination.S1.D1.1',
    );
    expect(issues(doc({ observation: { S1: { dropout: 0.1 } } }))).toEqual([]);
  });

  it('the search index refuses it; the store import keeps its profiles as kind elimination', () => {
    const c = parseDVICase(doc());
    expectError(
      () => SearchIndex.fromDVICase(c),
      'UNSUPPORTED',
      ['elimination'],
      'elimination set (1 profiles: "S1")',
    );
    const batch = readImportFile('incident.json', JSON.stringify(doc()));
    const s1 = batch.profiles.find((p) => p.id === 'S1')!;
    expect([s1.kind, s1.sex, s1.genotypes.get('D1')]).toEqual([
      'elimination',
      'male',
      ['15', '17'],
    ]);
  });
});

describe('computeDVI direct matches', () => {
  it('lists V1–V3 (same body) and V2–S1 (staff) with the LR of computeDirectMatch', () => {
    const c = parseDVICase(doc());
    const r = computeDVI(c, { directThreshold: 100 });
    expect(r.direct.remains.map((m) => [m.a, m.b])).toEqual([['V1', 'V3']]);
    expect(r.direct.elimination.map((m) => [m.a, m.b])).toEqual([['V2', 'S1']]);
    const v13 = computeDirectMatch(
      c.loci,
      { id: 'V1', genotypes: c.victims.get('V1')!, sex: 'male' },
      {
        id: 'V3',
        genotypes: c.victims.get('V3')!,
        sex: 'male',
        observation: { dropout: 0.4, dropin: 0.02 },
      },
    );
    expect(r.direct.remains[0]!.log10LR).toBe(v13.log10LR);
    expect(r.direct.remains[0]!.loci).toBe(2);
    expect(r.direct.remains[0]!.discordant).toEqual(['D1']);
    expect(r.merged).toEqual([]);
    expect(r.victims).toEqual(['V1', 'V2', 'V3']);
    const answer = formatDVIAnswer(r);
    expect(answer.direct.elimination[0]).toMatchObject({ a: 'V2', b: 'S1', loci: 3 });
  });
});

/** The kinship LR of "V1 (with V3 as its second sample) is M1" by the engine. */
function engineMergedLR(theta: number): number {
  const genotypes = { ...F1_GENOTYPES, M1: VICTIMS.V1, V3: VICTIMS.V3 };
  const h1 = computeKinshipLR(
    parseCase({
      format: 'kindred-case/1',
      id: 'h1',
      theta,
      loci: LOCI,
      hypotheses: [
        { name: 'H1', pedigree: [...F1, { id: 'V3', sameAs: 'M1' }] },
        {
          name: 'H2',
          pedigree: [
            ...F1.slice(0, 2),
            { id: 'M1', father: null, mother: null, sex: 'male' },
            { id: 'V3', sameAs: 'M1' },
          ],
        },
      ],
      reference: 'H2',
      genotypes,
      observation: { V3: { dropout: 0.4, dropin: 0.02 } },
    }),
  );
  return h1.hypotheses[0]!.log10LR!;
}

describe('computeDVI mergeReplicates', () => {
  for (const theta of [0, 0.02]) {
    it(`merging V3 into V1 places both samples on M1: pairwise = the engine's kinship LR (theta ${theta})`, () => {
      const c = parseDVICase(doc({}, theta));
      const r = computeDVI(c, { mergeReplicates: { threshold: 10 }, directThreshold: 10 });
      expect(r.victims).toEqual(['V1', 'V2']);
      expect(r.merged).toHaveLength(1);
      expect(r.merged[0]!.victim).toBe('V1');
      expect(r.merged[0]!.replicates).toEqual(['V3']);
      expect(r.merged[0]!.pairs[0]!.log10LR).toBe(r.direct.remains[0]!.log10LR);
      const got = r.pairwise.get('V1')!.get('M1')!;
      expect(Math.abs(got - engineMergedLR(theta))).toBeLessThan(1e-9);
      // The merged body carries more evidence than V1 alone.
      const alone = computeDVI(c).pairwise.get('V1')!.get('M1')!;
      expect(got).not.toBe(alone);
      expect(r.joint[0]!.assignment.get('V1')).toBe('M1');
      expect([...r.joint[0]!.assignment.keys()]).toEqual(['V1', 'V2']);
    });
  }

  it('an explicit pair merges the same way as the threshold', () => {
    const c = parseDVICase(doc());
    const a = computeDVI(c, { mergeReplicates: { pairs: [['V3', 'V1']] } });
    const b = computeDVI(c, { mergeReplicates: { threshold: 100 } });
    expect(a.merged[0]!.victim).toBe('V1');
    expect(a.pairwise).toEqual(b.pairwise);
    expect(a.joint).toEqual(b.joint);
  });

  it('nothing is merged unless asked, and a merge below every LR merges nothing', () => {
    const c = parseDVICase(doc());
    expect(computeDVI(c).merged).toEqual([]);
    expect(computeDVI(c, { mergeReplicates: { threshold: 1e30 } }).merged).toEqual([]);
  });

  it('refuses to merge an excluding pair, an unknown victim, or a bad threshold', () => {
    const c = parseDVICase(doc());
    expectError(
      () => computeDVI(c, { mergeReplicates: { pairs: [['V1', 'V2']] } }),
      'INVALID_ARGUMENT',
      ['mergeReplicates', 'pairs', 0],
      'Victims "V1" and "V2" cannot be merged: they exclude each other at "D1", "D2", "D3"',
    );
    expectError(
      () => computeDVI(c, { mergeReplicates: { pairs: [['V1', 'S1']] } }),
      'INVALID_ARGUMENT',
      ['mergeReplicates', 'pairs', 0],
      '"S1", who is not a victim',
    );
    expectError(
      () => computeDVI(c, { mergeReplicates: { threshold: 0.5 } }),
      'INVALID_ARGUMENT',
      [],
      'merge threshold',
    );
  });
});

describe('renderDVIReport shows the direct matches and the merge', () => {
  it('lists V1–V3 and V2–S1 with their log10 LR, and the merged group', () => {
    const html = renderDVIReport(parseDVICase(doc()), {
      directThreshold: 10,
      mergeReplicates: { threshold: 10 },
    });
    expect(html).toContain(
      '<h2>Direct matches: remains against remains and the elimination set</h2>',
    );
    expect(html).toMatch(
      /<tr data-a="V1" data-b="V3"><td>V1 – V3<\/td><td class="num" data-field="log10LR"/,
    );
    expect(html).toMatch(/<tr data-a="V2" data-b="S1">/);
    expect(html).toContain(
      'Merged as one body (<code>sameAs</code> replicates) before the joint DVI, as asked: ',
    );
  });
});

describe('kindred dvi --merge-replicates / --merge / --direct-threshold', () => {
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runDVICommand(argv, {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      readFile: () => JSON.stringify(doc()),
    });
    return { code, stdout, stderr };
  };

  it('states what was merged and with what LR; the JSON answer has direct and merged', async () => {
    const r = await run(['case.json', '--merge-replicates', '100', '--quiet']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as ReturnType<typeof formatDVIAnswer>;
    expect(answer.merged.map((g) => [g.victim, g.replicates])).toEqual([['V1', ['V3']]]);
    expect(Object.keys(answer.pairwise)).toEqual(['V1', 'V2']);
    expect(answer.provenance?.options).toMatchObject({ mergeReplicates: 100 });
    const t = await run([
      'case.json',
      '--merge',
      'V1=V3',
      '--direct-threshold',
      '100',
      '--format',
      'table',
      '--quiet',
    ]);
    expect(t.stderr).toContain(
      'kindred: warning: victim "V2" matches elimination profile "S1" (log10 LR 2.67)',
    );
    expect(t.stdout).toMatch(
      /Merged as one body \(sameAs replicates\) before the joint DVI, as asked:\n {2}V1 \+ V3 \(V1~V3 log10 LR \d+\.\d\d\)/,
    );
    expect(t.stdout).toMatch(
      /Victim against the elimination set:\n\s+victim\s+profile\s+log10 LR\s+loci\s+discordant loci\n\s+V2\s+S1\s+[\d.]+\s+3\s+-\n/,
    );
  });

  it('--direct-threshold 0 lists every compared pair; bad values are usage errors', async () => {
    const all = JSON.parse(
      (await run(['case.json', '--direct-threshold', '0'])).stdout,
    ) as ReturnType<typeof formatDVIAnswer>;
    expect(all.direct.remains).toHaveLength(3);
    expect(all.direct.elimination).toHaveLength(3);
    for (const argv of [
      ['--direct-threshold', '-1'],
      ['--merge-replicates', '0.5'],
      ['--merge', 'V1'],
      ['--merge', 'V1=V3', '--merge-replicates', '10'],
    ]) {
      await expect(run(['case.json', ...argv])).rejects.toMatchObject({ code: 'USAGE' });
    }
  });
});
