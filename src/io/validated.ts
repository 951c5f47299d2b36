/**
 * Which case objects came out of the validating parsers (`parseCase`, `parseDVICase` and their
 * safe variants), so the checked library entries (`check-case.ts`) run the full validation only
 * on objects built some other way.
 *
 * @module
 */

const _validated = new WeakSet<object>();

/**
 * Record that `value` was produced by a validating parser.
 *
 * @param value - the parsed case
 * @returns the same value
 */
export function _markValidated<T extends object>(value: T): T {
  _validated.add(value);
  return value;
}

/**
 * Whether `value` was produced by a validating parser.
 *
 * @param value - any value
 * @returns true for a parser's own result object
 */
export function _isValidated(value: unknown): boolean {
  return typeof value === 'object' && value !== null && _validated.has(value);
}
