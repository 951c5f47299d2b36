// Bare loop for bench/incident.ts: the memory-read bound of a search. One table read per
// (remains, family entry, locus) from one Float64Array laid out genotype-major as the index is
// (`table[slot·entries + e]`, so each locus of a remains streams one contiguous run of entries),
// genotype slots drawn at random per remains and locus. Prints {"fillMs", "ms", "sum"} as JSON.
// Usage: node bench/bare-loop.mjs ENTRIES REMAINS SLOTS_PER_LOCUS_CSV
const [entries, remains] = [Number(process.argv[2]), Number(process.argv[3])];
const perLocus = process.argv[4].split(',').map(Number);
const loci = perLocus.length;
const offsets = new Int32Array(loci);
let slots = 0;
for (let l = 0; l < loci; l++) {
  offsets[l] = slots;
  slots += perLocus[l];
}
const t0 = performance.now();
const table = new Float64Array(entries * slots);
for (let i = 0; i < table.length; i++) table[i] = (i % 977) * 1e-3;
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 4294967296;
};
const picks = new Int32Array(remains * loci);
for (let r = 0; r < remains; r++)
  for (let l = 0; l < loci; l++) picks[r * loci + l] = offsets[l] + Math.floor(rand() * perLocus[l]);
const t1 = performance.now();
let sum = 0;
const out = new Float64Array(entries);
for (let r = 0; r < remains; r++) {
  const p = r * loci;
  out.fill(0);
  for (let l = 0; l < loci; l++) {
    const off = picks[p + l] * entries;
    for (let e = 0; e < entries; e++) out[e] += table[off + e];
  }
  sum += out[r % entries];
}
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ fillMs: t1 - t0, ms: t2 - t1, totalMs: t2 - t0, sum })}\n`);
