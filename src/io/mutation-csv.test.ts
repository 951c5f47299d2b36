import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseMutationCsv } from './mutation-csv.js';

function fails(text: string): KindredError {
  try {
    parseMutationCsv(text, { file: 'rates.csv' });
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    return e as KindredError;
  }
  throw new Error('expected an error');
}

describe('parseMutationCsv', () => {
  it('parseMutationCsv reads models, sex-specific pairs, none, and resolves aliases', () => {
    const m = parseMutationCsv(
      'marker,model,rate,rate2,range,sex\nD3S1358,stepwise,0.0012,0.000001,0.1,\nVWA,equal,0.001,,,female\nvWA,onestep,0.003,,,male\nTH01,none,,,,\n',
    );
    expect([...m]).toEqual([
      ['D3S1358', { model: 'stepwise', rate: 0.0012, rate2: 1e-6, range: 0.1 }],
      ['vWA', { female: { model: 'equal', rate: 0.001 }, male: { model: 'onestep', rate: 0.003 } }],
      ['TH01', null],
    ]);
  });

  it.each([
    ['marker,model,speed\nTH01,equal\n', 'PARSE_ERROR', 'unknown column "speed"'],
    ['marker,rate\nTH01,0.1\n', 'PARSE_ERROR', 'no "model" column'],
    ['marker,model,rate\nTH01,flip,0.1\n', 'INVALID_MUTATION', 'has model "flip"'],
    ['marker,model,rate\nTH01,equal,\n', 'INVALID_MUTATION', 'needs a number rate'],
    ['marker,model,rate,range\nTH01,equal,0.1,0.5\n', 'INVALID_MUTATION', 'takes no range'],
    ['marker,model,rate\nTH01,equal,0.1\nTH01,equal,0.2\n', 'INVALID_MUTATION', 'given twice'],
    ['marker,model,rate,sex\nTH01,equal,0.1,female\n', 'INVALID_MUTATION', 'but no male one'],
    ['marker,model,rate,sex\nTH01,equal,0.1,father\n', 'INVALID_MUTATION', 'has sex "father"'],
  ])('parseMutationCsv(%j) is refused', (text, code, fragment) => {
    const e = fails(text);
    expect(e.code).toBe(code);
    expect(e.message).toContain(fragment);
    expect(e.file).toBe('rates.csv');
    expect(e.path?.[0]).toBe('line');
  });
});
