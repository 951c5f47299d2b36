/**
 * `kindred lr` with a degraded sample (issue 11's report: a parent–child pair typed 16/16 and
 * 14/16 with drop-out 0.4 on the "homozygote" gave LR 0 and exit code 0; the 16/16 may be a
 * 14/16 or 16/x whose partner allele dropped out).
 */
import { describe, expect, it } from 'vitest';
import { runLRCommand } from '../src/cli/lr-command.js';

const doc = (observation: unknown) =>
  JSON.stringify({
    format: 'kindred-case/1',
    id: 'pc-degraded',
    loci: [
      {
        name: 'D8S1179',
        alleles: ['13', '14', '15', '16'],
        frequencies: [0.3, 0.2, 0.3, 0.2],
        mutation: null,
      },
    ],
    hypotheses: [
      {
        name: 'H1',
        pedigree: [
          { id: 'A', father: null, mother: null, sex: 'male' },
          { id: 'M', father: null, mother: null, sex: 'female' },
          { id: 'B', father: 'A', mother: 'M', sex: 'male' },
        ],
      },
      {
        name: 'H2',
        pedigree: [
          { id: 'A', father: null, mother: null, sex: 'male' },
          { id: 'B', father: null, mother: null, sex: 'male' },
        ],
      },
    ],
    reference: 'H2',
    genotypes: { A: { D8S1179: ['14', '15'] }, B: { D8S1179: ['16', '16'] } },
    ...(observation !== undefined ? { observation } : {}),
  });

async function run(
  args: string[],
  text: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runLRCommand(args, {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    readFile: () => text,
  });
  return { code, out, err };
}

describe('kindred lr with drop-out', () => {
  it('kindred lr: child seen {16} against a 14/15 father is excluded without drop-out and not with d = 0.4', async () => {
    const hard = await run(['c.json'], doc(undefined));
    expect(JSON.parse(hard.out).hypotheses.H1.log10LR).toBeNull();
    const soft = await run(['c.json'], doc({ B: { dropout: 0.4 } }));
    expect(soft.code).toBe(0);
    // H1: B = (paternal 14 or 15, ½ each) × maternal m; seen {16}: m = 16, paternal dropped:
    // P = p16·(1 − d)·d. H2: (1 − d²)p16² + d(1 − d)·2p16(1 − p16). d = 0.4, p16 = 0.2.
    const d = 0.4;
    const p = 0.2;
    const lr = (p * (1 - d) * d) / ((1 - d * d) * p * p + d * (1 - d) * 2 * p * (1 - p));
    expect(Math.abs(JSON.parse(soft.out).hypotheses.H1.log10LR - Math.log10(lr))).toBeLessThan(
      1e-12,
    );
  });

  it('kindred lr --format table prints d and c of each sample and the degraded loci', async () => {
    const { out } = await run(['c.json', '--format', 'table'], doc({ B: { dropout: 0.4 } }));
    expect(out).toContain('samples: A d=0 c=0; B d=0.4 c=0');
    // the degraded sample, then each typed person's genotype at the locus
    expect(out).toMatch(/D8S1179 .* B +14\/15 +16\/16\n/);
    expect(out).toMatch(/\nH1 against H2: [a-z ]+ \(ENFSI verbal scale\)\n/);
  });

  it('kindred lr refuses a bad observation value with INVALID_CASE (the CLI then exits 1), naming file, sample and field', async () => {
    await expect(run(['c.json'], doc({ B: { dropout: 1.2 } }))).rejects.toMatchObject({
      code: 'INVALID_CASE',
      path: ['observation', 'B', 'dropout'],
      file: 'c.json',
    });
  });
});
