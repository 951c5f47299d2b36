/**
 * What `kindred db export` writes beyond the fields the two formats define, so that `db import`
 * into an empty store gets back exactly what the store held, and how `db import` reads it back.
 * Other readers ignore all of it (a `kindred-dvi/1` reader ignores unknown top-level fields; to
 * Familias and R pedFamilias a note is free text).
 *
 * - **Reference profile ids.** A family member's profile has an id of its own (`P-0042`), and
 *   neither format has a field for it: both name a person by its place in the family. `db
 *   import` names such a profile `FAMILY/MEMBER` ({@link defaultProfileId}); a member whose
 *   profile is named otherwise is written
 *   - in `kindred-dvi/1`: in the top-level field `store.referenceProfiles`, family name →
 *     member id (as the store holds it: the document's person id without the `FAMILY/` prefix
 *     the export adds) → profile id;
 *   - in `.fam`: in the family's note (the `[[Notes]]` section has one line per family):
 *     `Kindred profile ids: MEMBER=ID, MEMBER=ID`, each name percent-encoded
 *     (`encodeURIComponent`), so any id fits on the line.
 * - **Markers searched without mutation** (stored as none, `--mutation none`). Both formats
 *   write such a marker with no model (`null`; both rates 0), as they write a marker that has no
 *   model at all (searched with the default, `search-mutation.ts`); the markers stored as none
 *   are listed
 *   - in `kindred-dvi/1`: in `store.noMutation` (locus names);
 *   - in `.fam`: in the file's note (its second line):
 *     `(Produced by Kindred; searched without mutation: M1, M2)`, names percent-encoded.
 *     Familias writes a line of its own there when it saves a file, so a file saved again by
 *     Familias brings these markers back as having no model.
 *
 * Reading refuses, never drops: an unknown family, a member that is not a typed member of its
 * family, a marker that is not a locus of the file or that has a model, an empty or repeated
 * name, or a malformed entry is an error (`INVALID_CASE`, naming the file, family, member or
 * marker).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { describeJson, getOwn, isJsonObject } from '../io/json-value.js';

/** The profile id `db import` gives a family member whose file names no other: `FAMILY/MEMBER`. */
export function defaultProfileId(family: string, member: string): string {
  return `${family}/${member}`;
}

/** The store's facts that a format has no field for (see the module comment). */
export interface StoreFields {
  /** Family name → member id → profile id, for members whose profile is not `FAMILY/MEMBER`. */
  readonly referenceProfiles: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Markers (table names) stored as searched without mutation. */
  readonly noMutation: readonly string[];
}

/** A family as the reader of {@link StoreFields} checks them against. */
export interface FieldFamily {
  /** Ids of the family's typed members, as the store will hold them. */
  readonly typed: ReadonlySet<string>;
}

/** What a file holds that its store fields must name. */
export interface FieldTargets {
  /** The file's families by name. */
  readonly families: ReadonlyMap<string, FieldFamily>;
  /** The file's loci by name: true when the locus has a mutation model. */
  readonly loci: ReadonlyMap<string, boolean>;
  /** The file, named in errors. */
  readonly file: string;
}

const NO_FIELDS: StoreFields = Object.freeze({ referenceProfiles: new Map(), noMutation: [] });

/**
 * The `store` field of a `kindred-dvi/1` export, or undefined when the store holds nothing the
 * document's own fields cannot say.
 *
 * @example
 * ```ts
 * formatDVIStoreField({ referenceProfiles: new Map([['F1', new Map([['FA', 'P-1']])]]), noMutation: [] });
 * // => { referenceProfiles: { F1: { FA: 'P-1' } } }
 * ```
 */
export function formatDVIStoreField(fields: StoreFields): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (fields.referenceProfiles.size > 0) {
    const byFamily: Record<string, Record<string, string>> = Object.create(null);
    for (const [family, members] of fields.referenceProfiles)
      byFamily[family] = Object.assign(Object.create(null), Object.fromEntries(members));
    out.referenceProfiles = byFamily;
  }
  if (fields.noMutation.length > 0) out.noMutation = [...fields.noMutation];
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Read and check the `store` field of a `kindred-dvi/1` document (absent: nothing).
 *
 * @param value - the field's value
 * @param targets - the document's families (typed members) and loci
 * @returns the fields
 * @throws KindredError `INVALID_CASE` naming what is wrong (path under `['store']`)
 * @example
 * ```ts
 * readDVIStoreField({ noMutation: ['vWA'] }, targets).noMutation; // => ['vWA']
 * ```
 */
export function readDVIStoreField(value: unknown, targets: FieldTargets): StoreFields {
  if (value === undefined) return NO_FIELDS;
  const fail = (message: string, path: (string | number)[]): never => {
    throw new KindredError('INVALID_CASE', message, {
      path: ['store', ...path],
      file: targets.file,
    });
  };
  if (!isJsonObject(value))
    fail(`store must be an object (db export's extension field), got ${describeJson(value)}`, []);
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'referenceProfiles' && key !== 'noMutation')
      fail(`store has unknown field "${key}" (known: referenceProfiles, noMutation)`, [key]);
  }
  const referenceProfiles = new Map<string, Map<string, string>>();
  const rawProfiles = getOwn(obj, 'referenceProfiles');
  if (rawProfiles !== undefined) {
    if (!isJsonObject(rawProfiles))
      fail(
        `store.referenceProfiles must be an object of family name -> member id -> profile id, got ${describeJson(rawProfiles)}`,
        ['referenceProfiles'],
      );
    for (const [family, rawMembers] of Object.entries(rawProfiles as Record<string, unknown>)) {
      const at = ['referenceProfiles', family];
      if (!isJsonObject(rawMembers))
        fail(
          `store.referenceProfiles of family "${family}" must be an object of member id -> profile id, got ${describeJson(rawMembers)}`,
          at,
        );
      const members = new Map<string, string>();
      for (const [member, id] of Object.entries(rawMembers as Record<string, unknown>)) {
        if (typeof id !== 'string' || id === '')
          fail(
            `store.referenceProfiles gives member "${member}" of family "${family}" the profile id ${describeJson(id)}; a profile id is a non-empty string`,
            [...at, member],
          );
        members.set(member, id as string);
      }
      checkProfileIds(family, members, targets, (m) => fail(m, at));
      referenceProfiles.set(family, members);
    }
  }
  const rawNone = getOwn(obj, 'noMutation');
  let noMutation: string[] = [];
  if (rawNone !== undefined) {
    if (!Array.isArray(rawNone) || rawNone.some((m) => typeof m !== 'string'))
      fail(`store.noMutation must be an array of locus names, got ${describeJson(rawNone)}`, [
        'noMutation',
      ]);
    noMutation = rawNone as string[];
    checkNoMutation(noMutation, targets, (m, i) => fail(m, ['noMutation', i]));
  }
  return { referenceProfiles, noMutation };
}

/** Check one family's profile ids against the file; `fail` throws. */
function checkProfileIds(
  family: string,
  members: ReadonlyMap<string, string>,
  targets: FieldTargets,
  fail: (message: string) => never,
): void {
  const f = targets.families.get(family);
  if (f === undefined)
    fail(
      `Profile ids are given for family "${family}", which is not a family of the file (it has ${[...targets.families.keys()].map((n) => `"${n}"`).join(', ') || 'none'})`,
    );
  for (const member of members.keys()) {
    if (!(f as FieldFamily).typed.has(member))
      fail(
        `A profile id is given for "${member}" of family "${family}", who is not a typed member of that family (typed: ${[...(f as FieldFamily).typed].map((n) => `"${n}"`).join(', ') || 'none'})`,
      );
  }
}

/** Check the markers listed as searched without mutation; `fail` throws. */
function checkNoMutation(
  markers: readonly string[],
  targets: FieldTargets,
  fail: (message: string, index: number) => never,
): void {
  const seen = new Set<string>();
  markers.forEach((m, i) => {
    const hasModel = targets.loci.get(m);
    if (hasModel === undefined)
      fail(
        `Marker "${m}" is listed as searched without mutation, but is not a locus of the file`,
        i,
      );
    if (hasModel === true)
      fail(
        `Marker "${m}" is listed as searched without mutation, but the file gives it a mutation model`,
        i,
      );
    if (seen.has(m)) fail(`Marker "${m}" is listed twice as searched without mutation`, i);
    seen.add(m);
  });
}

const FAM_NOTE = '(Produced by Kindred)';
const FAM_NO_MUTATION = /^\(Produced by Kindred; searched without mutation: (.*)\)$/s;
const FAM_PROFILES = 'Kindred profile ids: ';

/**
 * The note (second line) of a `.fam` export: `(Produced by Kindred)`, with the markers searched
 * without mutation when there are any.
 *
 * @example
 * ```ts
 * formatFamNote(['vWA', 'Penta E']); // => '(Produced by Kindred; searched without mutation: vWA, Penta%20E)'
 * ```
 */
export function formatFamNote(noMutation: readonly string[]): string {
  return noMutation.length === 0
    ? FAM_NOTE
    : `(Produced by Kindred; searched without mutation: ${noMutation.map(encodeURIComponent).join(', ')})`;
}

/**
 * The markers a `.fam` file's note lists as searched without mutation (none when the note is
 * not of {@link formatFamNote}'s form), checked against the file's loci.
 *
 * @throws KindredError `INVALID_CASE` (path `['line', 2]`)
 */
export function readFamNote(note: string, targets: FieldTargets): string[] {
  const m = FAM_NO_MUTATION.exec(note);
  if (m === null) return [];
  const fail = (message: string): never => {
    throw new KindredError('INVALID_CASE', `${message} (the file's note, line 2)`, {
      path: ['line', 2],
      file: targets.file,
    });
  };
  const markers = _decodeList(m[1] as string, fail).map((s) => s);
  checkNoMutation(markers, targets, fail);
  return markers;
}

/**
 * The note of a `.fam` family whose members' profiles are not all named `FAMILY/MEMBER`, or
 * undefined when they are.
 *
 * @example
 * ```ts
 * formatFamProfileNote(new Map([['FA', 'P-0042']])); // => 'Kindred profile ids: FA=P-0042'
 * ```
 */
export function formatFamProfileNote(members: ReadonlyMap<string, string>): string | undefined {
  if (members.size === 0) return undefined;
  return `${FAM_PROFILES}${[...members].map(([m, id]) => `${encodeURIComponent(m)}=${encodeURIComponent(id)}`).join(', ')}`;
}

/**
 * The profile ids a `.fam` family's note gives (none when the note is absent or free text),
 * checked against the family.
 *
 * @throws KindredError `INVALID_CASE` naming the family and member
 */
export function readFamProfileNote(
  family: string,
  note: string | undefined,
  targets: FieldTargets,
): Map<string, string> {
  const members = new Map<string, string>();
  if (note === undefined || !note.startsWith(FAM_PROFILES)) return members;
  const fail = (message: string): never => {
    throw new KindredError('INVALID_CASE', `${message} (note of family "${family}")`, {
      path: ['families', family, 'note'],
      file: targets.file,
    });
  };
  for (const entry of note.slice(FAM_PROFILES.length).split(', ')) {
    const eq = entry.indexOf('=');
    if (eq < 0) fail(`Expected MEMBER=ID, found ${JSON.stringify(entry)}`);
    const [member, id] = _decodeList(`${entry.slice(0, eq)}, ${entry.slice(eq + 1)}`, fail) as [
      string,
      string,
    ];
    if (members.has(member)) fail(`Member "${member}" is given a profile id twice`);
    members.set(member, id);
  }
  checkProfileIds(family, members, targets, fail);
  return members;
}

/** Decode a `, `-separated list of percent-encoded non-empty names; `fail` throws. */
function _decodeList(text: string, fail: (message: string) => never): string[] {
  return text.split(', ').map((part) => {
    let name = '';
    try {
      name = decodeURIComponent(part);
    } catch {
      fail(`${JSON.stringify(part)} is not percent-encoded text`);
    }
    if (name === '') fail('An empty name is listed');
    return name;
  });
}
