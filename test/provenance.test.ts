import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../src/io/case-file.js';
import { caseProvenance } from '../src/provenance/case-provenance.js';
import { lociFrequencySHA256 } from '../src/provenance/frequency-hash.js';
import { formatProvenanceLine } from '../src/provenance/provenance.js';
import { KINDRED_VERSION } from '../src/provenance/version.js';

const root = join(import.meta.dirname, '..');

describe('provenance', () => {
  it('KINDRED_VERSION is the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(KINDRED_VERSION).toBe(pkg.version);
  });

  it('caseProvenance records the document hash, the loci table hash, theta, models, engine and options', () => {
    const file = join(root, 'fixtures', 'conformance', 'lr', 'mut-stepwise-po-1excl-15l.json');
    const text = readFileSync(file, 'utf8');
    const kcase = parseCase(text, { file });
    const p = caseProvenance(kcase, {
      computation: 'kindred lr',
      file: 'case.json',
      text,
      budget: { maxWork: 1000 },
      options: { top: 3 },
      computedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    });
    expect(p.format).toBe('kindred-provenance/1');
    expect(p.kindred).toBe(KINDRED_VERSION);
    expect(p.computedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(p.inputs).toEqual([
      {
        name: 'case.json',
        sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
        bytes: Buffer.byteLength(text, 'utf8'),
      },
    ]);
    expect(p.frequencies).toEqual([
      {
        name: 'loci of case.json',
        sha256: lociFrequencySHA256(kcase.loci),
        markers: kcase.loci.length,
        alleles: kcase.loci.reduce((s, l) => s + l.alleles.length, 0),
      },
    ]);
    expect(p.theta).toBe(kcase.theta);
    const doc = JSON.parse(text) as { loci: { name: string; mutation: unknown }[] };
    expect(p.loci.map((l) => [l.name, l.mutation])).toEqual(
      doc.loci.map((l) => [l.name, l.mutation]),
    );
    expect(p.unseenAlleles).toEqual({ policy: { kind: 'error' }, added: [] });
    expect(p.observation).toBeNull();
    expect(p.engine).toEqual({
      lump: true,
      maxTableSize: 2 ** 24,
      maxWork: 1000,
      maxCaseWork: 2 ** 32,
    });
    expect(p.options).toEqual({ top: 3 });
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(formatProvenanceLine(p)).toBe(
      `Kindred ${KINDRED_VERSION}, kindred lr, 2026-01-02T03:04:05.000Z; input case.json sha256 ${p.inputs[0]!.sha256.slice(0, 16)}…; frequencies sha256 ${p.frequencies[0]!.sha256.slice(0, 16)}…; theta 0`,
    );
  });
});

describe('provenance of degraded samples', () => {
  it('caseProvenance records each sample drop-out and drop-in of the document', () => {
    const file = join(root, 'fixtures', 'conformance', 'degraded', 'deg-01-po-dropout.json');
    const text = readFileSync(file, 'utf8');
    const doc = JSON.parse(text) as {
      observation: Record<string, { dropout?: number; dropin?: number }>;
    };
    const p = caseProvenance(parseCase(text, { file }), { computation: 'kindred lr', file, text });
    const want = Object.fromEntries(
      Object.entries(doc.observation).map(([id, o]) => [
        id,
        { dropout: o.dropout ?? 0, dropin: o.dropin ?? 0 },
      ]),
    );
    expect(p.observation).toEqual(want);
  });
});
