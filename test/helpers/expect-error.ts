/**
 * Shared assertion for error tests: the call throws a KindredError with this code and path, and
 * its message contains the fragment (conventions: error tests assert code, path and message).
 */
import { expect } from 'vitest';
import { type ErrorPath, KindredError, type KindredErrorCode } from '../../src/errors.js';

/** Assert that `fn` throws a KindredError with `code`, `path` and a message containing `fragment`. */
export function expectError(
  fn: () => unknown,
  code: KindredErrorCode,
  path: ErrorPath,
  fragment: string,
): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    expect(e).toMatchObject({ code, path });
    expect((e as Error).message).toContain(fragment);
    return;
  }
  expect.unreachable('expected a KindredError');
}

/** The KindredError a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<KindredError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    return e as KindredError;
  }
  return expect.unreachable('expected a rejection');
}
