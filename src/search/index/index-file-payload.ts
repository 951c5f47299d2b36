/**
 * The payload of a saved search index (see `index-file.ts` for the file layout): a JSON block
 * describing loci, options, families and remains, then each entry's typed arrays as little-endian
 * sections padded to 8 bytes. Decoding checks every size and class index.
 *
 * @module
 */
import type { Locus } from '../../frequencies/locus.js';
import type { Sex } from '../../pedigree/pedigree.js';
import type { PackedEntry } from './family.js';
import type { IndexLayout } from './layout.js';
import { SearchIndex } from './search-index.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface _Meta {
  loci: Locus[];
  theta: number;
  lump: boolean;
  /** Entries carry consistency bits (absent in files written before it was optional: true). */
  consistency?: boolean;
  unseen: 'error' | 'skip-locus';
  families: { name: string; entries: { missing: string; sex: Sex }[] }[];
  remains: {
    id: string;
    sex: Sex | null;
    genotypes: [string, string[]][];
    /** Drop-out and drop-in (degraded-dna.md), for degraded remains only. */
    observation?: { dropout: number; dropin: number };
  }[];
}

type _Typed = Uint8Array | Uint16Array | Int32Array | Float64Array;

/** Little-endian bytes of a typed array (a view on LE hosts, a converted copy otherwise). */
function _le(a: _Typed): Uint8Array {
  if (LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1)
    return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.byteLength);
  const v = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) {
    if (a instanceof Float64Array) v.setFloat64(8 * i, a[i]!, true);
    else if (a instanceof Int32Array) v.setInt32(4 * i, a[i]!, true);
    else v.setUint16(2 * i, a[i]!, true);
  }
  return out;
}

function* _section(a: _Typed): Generator<Uint8Array> {
  yield _le(a);
  const pad = (8 - (a.byteLength % 8)) % 8;
  if (pad > 0) yield new Uint8Array(pad);
}

/** Payload chunks: JSON length, JSON, padding, then every family's entries' sections. */
export function* _payloadChunks(index: SearchIndex): Generator<Uint8Array> {
  const meta: _Meta = {
    loci: [...index.layout.loci],
    theta: index.theta,
    lump: index.lump,
    consistency: index.consistency,
    unseen: index.unseen,
    families: index.familyNames().map((name) => ({
      name,
      entries: index.family(name)!.map((e) => ({ missing: e.missing, sex: e.sex })),
    })),
    remains: index.remains.map((c) => ({
      id: c.id,
      sex: c.sex ?? null,
      genotypes: [...c.genotypes].map(([k, g]) => [k, [...g]]),
      ...(c.observation !== undefined
        ? { observation: { dropout: c.observation.dropout, dropin: c.observation.dropin } }
        : {}),
    })),
  };
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const length = new Uint8Array(8);
  new DataView(length.buffer).setUint32(0, json.length, true);
  yield length;
  yield* _section(json);
  for (const name of index.familyNames()) {
    for (const e of index.family(name)!) {
      yield* _section(e.classes);
      yield* _section(index.column(e));
      if (e.consistent !== null) yield* _section(e.consistent);
      yield* _section(e.informative);
      yield* _section(e.referenceDegraded);
    }
  }
}

/** Decode a checksummed payload into an index; `fail` throws PARSE_ERROR. */
export function _decodePayload(payload: Uint8Array, fail: (detail: string) => never): SearchIndex {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  let at = 0;
  const take = (bytes: number, what: string): Uint8Array => {
    if (at + bytes > payload.length) fail(`Search index ends inside ${what}`);
    const out = payload.slice(at, at + bytes);
    at += bytes + ((8 - (bytes % 8)) % 8);
    return out;
  };
  if (payload.length < 8) fail('Search index has no metadata block');
  const jsonLength = view.getUint32(0, true);
  at = 8;
  let meta: _Meta;
  let index: SearchIndex;
  try {
    meta = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(take(jsonLength, 'the metadata')),
    ) as _Meta;
    if (meta.consistency !== undefined && typeof meta.consistency !== 'boolean') {
      throw new Error(`"consistency" is ${JSON.stringify(meta.consistency)}, not true or false`);
    }
    index = new SearchIndex(meta.loci, {
      theta: meta.theta,
      lump: meta.lump,
      unseen: meta.unseen,
      consistency: meta.consistency ?? true,
    });
  } catch (cause) {
    return fail(
      `Search index metadata is unreadable: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  const layout = index.layout;
  const L = layout.loci.length;
  const S = layout.slots;
  const read = <T extends _Typed>(
    make: (b: ArrayBufferLike) => T,
    count: number,
    size: number,
    what: string,
  ): T => {
    const bytes = take(count * size, what);
    if (LITTLE_ENDIAN || size === 1) return make(bytes.buffer);
    const v = new DataView(bytes.buffer);
    const out = make(new ArrayBuffer(count * size));
    for (let i = 0; i < count; i++) {
      out[i] =
        size === 8
          ? v.getFloat64(8 * i, true)
          : size === 4
            ? v.getInt32(4 * i, true)
            : v.getUint16(2 * i, true);
    }
    return out;
  };
  try {
    for (const fam of meta.families) {
      const entries = fam.entries.map((m): PackedEntry => {
        const what = `entry "${fam.name}/${m.missing}"`;
        if (m.sex !== 'male' && m.sex !== 'female')
          fail(`${what} has sex ${JSON.stringify(m.sex)}`);
        const classes = read((b) => new Uint16Array(b), L, 2, what);
        _checkClasses(classes, layout, what, fail);
        const logLR = read((b) => new Float64Array(b), S, 8, what);
        for (const x of logLR) {
          if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY)
            fail(`${what} holds an invalid LR`);
        }
        const consistent = index.consistency
          ? read((b) => new Uint8Array(b), (S + 7) >> 3, 1, what)
          : null;
        const informative = read((b) => new Uint8Array(b), L, 1, what);
        const referenceDegraded = read((b) => new Uint8Array(b), L, 1, what);
        for (const x of referenceDegraded)
          if (x > 1) fail(`${what} has a degraded-locus flag of ${x}`);
        return {
          family: fam.name,
          missing: m.missing,
          sex: m.sex,
          classes,
          logLR,
          consistent,
          informative,
          referenceDegraded,
        };
      });
      index.insertEntries(fam.name, entries);
    }
    for (const r of meta.remains)
      index.addRemains(r.id, new Map(r.genotypes), r.sex ?? undefined, r.observation);
  } catch (cause) {
    if (cause instanceof Error && 'code' in cause && cause.code === 'PARSE_ERROR') throw cause;
    return fail(
      `Search index contents are inconsistent: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  if (at < payload.length)
    fail(`Search index has ${payload.length - at} unexplained bytes at the end`);
  return index;
}

function _checkClasses(
  classes: Uint16Array,
  layout: IndexLayout,
  what: string,
  fail: (detail: string) => never,
): void {
  layout.loci.forEach((locus, l) => {
    const K = classes[l]!;
    const n = locus.alleles.length;
    if (K < 1 || K > n) fail(`${what} has ${K} classes at locus "${locus.name}" (${n} alleles)`);
  });
}
