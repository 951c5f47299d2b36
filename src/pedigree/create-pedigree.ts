/**
 * Validated construction of a {@link Pedigree} from case-file rows.
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';
import { FEMALE, MALE, type Pedigree, type PedigreeRecord } from './pedigree.js';

/** Options for {@link createPedigree}. */
export interface CreatePedigreeOptions {
  /** Path of the pedigree array in the input (prefixed to every error path). */
  readonly path?: ErrorPath;
  /** File the rows came from. */
  readonly file?: string;
}

/** Result of {@link safeCreatePedigree}. */
export type SafePedigreeResult =
  | { readonly success: true; readonly value: Pedigree }
  | { readonly success: false; readonly issues: KindredError[] };

/**
 * Build a validated pedigree, throwing the first problem. See {@link safeCreatePedigree} for
 * the rules.
 *
 * @param records - rows as in a case file
 * @param options - error path prefix and file
 * @returns the index-based pedigree
 * @throws KindredError `INVALID_PEDIGREE` naming the individual and value at fault
 * @example
 * ```ts
 * const ped = createPedigree([
 *   { id: 'FA', father: null, mother: null, sex: 'male' },
 *   { id: 'MO', father: null, mother: null, sex: 'female' },
 *   { id: 'CH', father: 'FA', mother: 'MO', sex: 'female' },
 * ]);
 * ped.father[2]; // => 0
 * ```
 */
export function createPedigree(
  records: readonly PedigreeRecord[],
  options: CreatePedigreeOptions = {},
): Pedigree {
  const result = safeCreatePedigree(records, options);
  if (!result.success) throw result.issues[0];
  return result.value;
}

type _Row = { readonly [key: string]: unknown };

/**
 * Build a validated pedigree, collecting every problem. Rules (each an `INVALID_PEDIGREE`):
 * - every row has a non-empty string `id`, unique within the pedigree;
 * - an ordinary row has `sex` `"male"` or `"female"` and `father`/`mother` fields that are
 *   both `null` (founder) or both ids;
 * - parents are ids of this pedigree, not `sameAs` entries; a father is male, a mother female;
 * - nobody is their own ancestor (the cycle is reported);
 * - a `sameAs` row has no `father`, `mother` or `sex` field and points at another row of this
 *   pedigree that is not itself a `sameAs` row; it gets that person's sex.
 * Ids are plain strings: `__proto__` or `constructor` are ordinary ids.
 *
 * @param records - rows as in a case file (checked at run time, so untyped input is safe)
 * @param options - error path prefix and file
 * @returns `{ success: true, value }` or `{ success: false, issues }` with every issue found
 * @example
 * ```ts
 * const r = safeCreatePedigree([{ id: 'A', father: 'A', mother: 'B', sex: 'male' }]);
 * r.success; // => false
 * ```
 */
export function safeCreatePedigree(
  records: readonly PedigreeRecord[],
  options: CreatePedigreeOptions = {},
): SafePedigreeResult {
  const base = options.path ?? [];
  const issues: KindredError[] = [];
  const fail = (detail: string, path: ErrorPath): void => {
    issues.push(
      new KindredError('INVALID_PEDIGREE', detail, {
        path: [...base, ...path],
        ...(options.file !== undefined ? { file: options.file } : {}),
      }),
    );
  };
  if (!Array.isArray(records)) {
    fail('A pedigree must be an array of individuals', []);
    return { success: false, issues };
  }
  const rows: (_Row | undefined)[] = records.map((r: unknown, i) => {
    if (typeof r === 'object' && r !== null && !Array.isArray(r)) return r as _Row;
    fail(`Row ${i} of the pedigree must be an object, got ${_show(r)}`, [i]);
    return undefined;
  });
  const n = rows.length;
  const ids: string[] = new Array<string>(n).fill('');
  const index = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r === undefined) return;
    const id = _own(r, 'id');
    if (typeof id !== 'string' || id === '') {
      fail(`Row ${i} of the pedigree has id ${_show(id)}; expected a non-empty string`, [i, 'id']);
      return;
    }
    ids[i] = id;
    const first = index.get(id);
    if (first !== undefined)
      fail(`Individual id "${id}" appears twice (rows ${first} and ${i})`, [i, 'id']);
    else index.set(id, i);
  });
  const isSameAs = rows.map((r) => r !== undefined && Object.hasOwn(r, 'sameAs'));
  const father = new Int32Array(n).fill(-1);
  const mother = new Int32Array(n).fill(-1);
  const sameAs = new Int32Array(n).fill(-1);
  const sexOf = (r: _Row | undefined): unknown => (r === undefined ? undefined : _own(r, 'sex'));
  rows.forEach((r, i) => {
    if (r === undefined || ids[i] === '') return;
    const who = `"${ids[i]}"`;
    if (isSameAs[i]) {
      for (const field of ['father', 'mother', 'sex']) {
        if (Object.hasOwn(r, field)) {
          fail(
            `sameAs entry ${who} must not have a ${field} field (it is a second sample of another person)`,
            [i, field],
          );
        }
      }
      const target = _own(r, 'sameAs');
      const t = typeof target === 'string' ? index.get(target) : undefined;
      if (typeof target !== 'string' || t === undefined) {
        fail(`sameAs entry ${who} points at ${_show(target)}, who is not in the pedigree`, [
          i,
          'sameAs',
        ]);
      } else if (t === i) fail(`sameAs entry ${who} points at itself`, [i, 'sameAs']);
      else if (isSameAs[t]) {
        fail(`sameAs entry ${who} points at "${target}", which is itself a sameAs entry`, [
          i,
          'sameAs',
        ]);
      } else sameAs[i] = t;
      return;
    }
    const sex = sexOf(r);
    if (sex !== 'male' && sex !== 'female') {
      fail(`Individual ${who} has sex ${_show(sex)}; expected "male" or "female"`, [i, 'sex']);
    }
    const parents = { father: _own(r, 'father'), mother: _own(r, 'mother') };
    for (const role of ['father', 'mother'] as const) {
      const p = parents[role];
      if (p === undefined)
        fail(`Individual ${who} has no ${role} field (use null for a founder)`, [i, role]);
      else if (p !== null && typeof p !== 'string') {
        fail(`Individual ${who} has ${role} ${_show(p)}; expected an id or null`, [i, role]);
      }
    }
    if (typeof parents.father === 'string' && parents.mother === null) {
      fail(
        `Individual ${who} has father "${parents.father}" but no mother; give both parents or neither`,
        [i, 'mother'],
      );
    }
    if (typeof parents.mother === 'string' && parents.father === null) {
      fail(
        `Individual ${who} has mother "${parents.mother}" but no father; give both parents or neither`,
        [i, 'father'],
      );
    }
    const { father: fid, mother: mid } = parents;
    if (typeof fid !== 'string' || typeof mid !== 'string') return;
    for (const [role, pid, want, link] of [
      ['father', fid, 'male', father],
      ['mother', mid, 'female', mother],
    ] as const) {
      const p = index.get(pid);
      const parentSex = p === undefined ? undefined : sexOf(rows[p]);
      if (p === undefined) {
        fail(`Individual ${who} has ${role} "${pid}" who is not in the pedigree`, [i, role]);
      } else if (isSameAs[p]) {
        fail(
          `Individual ${who} has ${role} "${pid}" who is a sameAs entry and cannot be a parent`,
          [i, role],
        );
      } else if (parentSex !== want && (parentSex === 'male' || parentSex === 'female')) {
        fail(`Individual ${who} has ${role} "${pid}" who is ${parentSex}`, [i, role]);
      } else link[i] = p;
    }
  });
  _findCycles(ids, father, mother, fail);
  if (issues.length > 0) return { success: false, issues };
  const sex = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = sexOf(rows[sameAs[i]! >= 0 ? sameAs[i]! : i]);
    sex[i] = s === 'male' ? MALE : FEMALE;
  }
  return { success: true, value: { ids, father, mother, sex, sameAs, index } };
}

/** Depth-first search over child → parent links; every back edge is a cycle. */
function _findCycles(
  ids: readonly string[],
  father: Int32Array,
  mother: Int32Array,
  fail: (detail: string, path: ErrorPath) => void,
): void {
  const n = ids.length;
  const colour = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  for (let start = 0; start < n; start++) {
    if (colour[start] !== 0) continue;
    const stack: [node: number, edge: number][] = [[start, 0]];
    colour[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, edge] = top;
      if (edge >= 2) {
        colour[node] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const parent = (edge === 0 ? father : mother)[node]!;
      if (parent < 0 || (edge === 1 && parent === father[node])) continue;
      if (colour[parent] === 0) {
        colour[parent] = 1;
        stack.push([parent, 0]);
      } else if (colour[parent] === 1) {
        const from = stack.findIndex(([v]) => v === parent);
        const cycle = stack.slice(from).map(([v]) => `"${ids[v]}"`);
        const chain = `"${ids[node]}" is a child of ${cycle.join(', who is a child of ')}`;
        fail(`Individual "${ids[node]}" is their own ancestor (${chain})`, [
          node,
          edge === 0 ? 'father' : 'mother',
        ]);
      }
    }
  }
}

function _own(r: _Row, key: string): unknown {
  return Object.hasOwn(r, key) ? r[key] : undefined;
}

function _show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}
