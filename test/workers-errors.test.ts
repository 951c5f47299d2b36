/**
 * KindredError across a comlink boundary (conventions.md: "register a comlink transfer handler
 * for KindredError on both sides; comlink alone only carries message, name, stack"), over an
 * in-process MessageChannel with comlink's node adapter, and the worker API's own refusals.
 */

import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { isKindredError, KindredError } from '../src/errors.js';
import { registerKindredErrorTransfer } from '../src/workers/error-transfer.js';
import { shareSearchIndex } from '../src/workers/packed-index.js';
import { createSearchWorkerApi } from '../src/workers/worker-api.js';
import { _randomIndex } from './helpers/pool-test-helpers.js';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

function connect<T>(obj: T) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(obj, nodeEndpoint(port1));
  return wrap<T>(nodeEndpoint(port2));
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('registerKindredErrorTransfer', () => {
  registerKindredErrorTransfer();

  it('a thrown KindredError arrives as a KindredError with code, path, file and detail', async () => {
    const remote = connect({
      fail(): never {
        throw new KindredError('INVALID_PEDIGREE', 'Individual "CH" has mother "MO" who is male', {
          path: ['hypotheses', 0, 'pedigree', 2, 'mother'],
          file: 'case.json',
        });
      },
    });
    const e = (await rejection(remote.fail())) as KindredError;
    expect(e).toBeInstanceOf(KindredError);
    expect(e.code).toBe('INVALID_PEDIGREE');
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 2, 'mother']);
    expect(e.file).toBe('case.json');
    expect(e.detail).toBe('Individual "CH" has mother "MO" who is male');
    // The message format of errors.ts: detail (file: path).
    expect(e.message).toBe(
      'Individual "CH" has mother "MO" who is male (case.json: hypotheses[0].pedigree[2].mother)',
    );
  });

  it('a KindredError returned as a value arrives as a KindredError', async () => {
    const remote = connect({
      make: () =>
        new KindredError('TOO_COMPLEX', 'Family "F1" needs 2^40 states', {
          path: ['families', 'F1'],
        }),
    });
    const e = await remote.make();
    expect(isKindredError(e)).toBe(true);
    expect(e).toBeInstanceOf(KindredError);
    expect([e.code, e.path]).toEqual(['TOO_COMPLEX', ['families', 'F1']]);
  });

  it('other thrown errors still arrive through comlink’s own handler with their message', async () => {
    const remote = connect({
      fail(): never {
        throw new RangeError('plain failure');
      },
      failValue(): never {
        throw 'a string';
      },
    });
    const e = (await rejection(remote.fail())) as Error;
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('plain failure');
    expect(e.name).toBe('RangeError');
    expect(await rejection(remote.failValue())).toBe('a string');
  });

  it('registering twice keeps one handler (a KindredError is not wrapped twice)', async () => {
    registerKindredErrorTransfer();
    registerKindredErrorTransfer();
    const remote = connect({
      fail(): never {
        throw new KindredError('UNSUPPORTED', 'No', { path: ['x'] });
      },
    });
    const e = (await rejection(remote.fail())) as KindredError;
    expect([e.code, e.path, e.detail]).toEqual(['UNSUPPORTED', ['x'], 'No']);
  });
});

describe('createSearchWorkerApi', () => {
  registerKindredErrorTransfer();
  const shared = shareSearchIndex(
    _randomIndex({ seed: 3, loci: 2, families: 2, remains: 3, x: false }),
  );
  const search = {
    indexId: shared.packed.id,
    flag: false,
    rowK: 1,
    colK: 1,
    logPrior: [new Float64Array(3), new Float64Array(3), new Float64Array(3)] as const,
  };

  it('begin on an index the worker does not hold is refused with INVALID_ARGUMENT at indexId', async () => {
    const remote = connect(createSearchWorkerApi());
    const e = (await rejection(remote.begin(search))) as KindredError;
    expect([e.code, e.path]).toEqual(['INVALID_ARGUMENT', ['indexId']]);
    expect(e.message).toContain('this worker holds none');
  });

  it('a tile outside the index is refused with INVALID_ARGUMENT at tile', async () => {
    const remote = connect(createSearchWorkerApi());
    await remote.load(shared.packed);
    await remote.begin(search);
    const lists = { count: new Int32Array(1), index: new Int32Array(1), lnLR: new Float64Array(1) };
    const task = {
      r0: 0,
      r1: 99,
      e0: 0,
      e1: 1,
      rows: new Float64Array(5),
      rowTop: lists,
      cols: new Float64Array(5),
      colTop: lists,
    };
    const e = (await rejection(remote.runTile(task))) as KindredError;
    expect([e.code, e.path]).toEqual(['INVALID_ARGUMENT', ['tile']]);
    expect(e.message).toContain('is outside the index (3 × ');
  });
});
