/**
 * Carrying a {@link KindredError} across a comlink boundary with its `code`, `path`, `file` and
 * `detail`. Comlink alone sends only `message`, `name` and `stack` of a thrown error, and a
 * returned error object loses its class. Two handlers fix both directions:
 * - `KindredError`: an error passed as a value crosses as its JSON form and is rebuilt;
 * - `throw` (comlink's own handler, replaced in place): a thrown KindredError crosses as JSON and
 *   is rethrown as a KindredError on the other side; any other thrown value goes through
 *   comlink's original handler unchanged.
 * Both threads must call {@link registerKindredErrorTransfer} (the pool and the worker entry do).
 *
 * @module
 */
import { type TransferHandler, transferHandlers } from 'comlink';
import { isKindredError, KindredError, type KindredErrorJSON } from '../errors.js';

/** Wire form of a thrown value under the replaced `throw` handler. */
type _Thrown =
  | { readonly kindred: true; readonly error: KindredErrorJSON; readonly stack?: string }
  | { readonly kindred: false; readonly original: unknown };

const _MARK = Symbol.for('kindred.errorTransfer');

function _toJSON(e: KindredError): KindredErrorJSON {
  // A KindredError from another realm may lack toJSON: rebuild from its fields.
  return typeof e.toJSON === 'function'
    ? e.toJSON()
    : {
        name: 'KindredError',
        code: e.code,
        detail: e.detail ?? e.message,
        path: [...(e.path ?? [])],
        ...(e.file !== undefined ? { file: e.file } : {}),
      };
}

function _fromJSON(json: KindredErrorJSON, stack?: string): KindredError {
  const e = KindredError.fromJSON(json);
  if (stack !== undefined)
    e.stack = `${e.name}: ${e.message}\n    (in worker) ${stack.split('\n').slice(1).join('\n')}`;
  return e;
}

/**
 * Register the KindredError transfer handlers with comlink in the calling thread (idempotent).
 *
 * @returns nothing; afterwards KindredErrors thrown or returned through comlink keep their fields
 * @example
 * ```ts
 * registerKindredErrorTransfer();
 * await remote.load(badIndex); // rejects with KindredError code 'INVALID_ARGUMENT', path ['format']
 * ```
 */
export function registerKindredErrorTransfer(): void {
  const current = transferHandlers.get('throw') as
    | (TransferHandler<unknown, unknown> & { [_MARK]?: true })
    | undefined;
  if (current?.[_MARK] === true) return;
  const original = current;
  const valueHandler: TransferHandler<KindredError, KindredErrorJSON> = {
    canHandle: (value: unknown): value is KindredError => isKindredError(value),
    serialize: (e) => [_toJSON(e), []],
    deserialize: (json) => _fromJSON(json),
  };
  const throwHandler: TransferHandler<{ value: unknown }, _Thrown> & { [_MARK]: true } = {
    [_MARK]: true,
    canHandle: (value: unknown): value is { value: unknown } => original?.canHandle(value) === true,
    serialize: (thrown) => {
      const v = thrown.value;
      if (isKindredError(v)) {
        const stack = typeof v.stack === 'string' ? v.stack : undefined;
        return [
          { kindred: true, error: _toJSON(v), ...(stack !== undefined ? { stack } : {}) },
          [],
        ];
      }
      const [wire, transfers] = original!.serialize(thrown);
      return [{ kindred: false, original: wire }, transfers];
    },
    deserialize: (wire) => {
      if (wire.kindred) throw _fromJSON(wire.error, wire.stack);
      return original!.deserialize(wire.original) as { value: unknown };
    },
  };
  transferHandlers.set('throw', throwHandler as TransferHandler<unknown, unknown>);
  transferHandlers.set('KindredError', valueHandler as TransferHandler<unknown, unknown>);
}
