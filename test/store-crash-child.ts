/**
 * Child process of test/store-crash.test.ts (not a test): writes to an SQLite profile store.
 *
 *   node --import tsx test/store-crash-child.ts DB import N   one transaction of N profiles;
 *        prints "inside" after the first 1000 writes and "committed" after the commit
 *   node --import tsx test/store-crash-child.ts DB batches K  K transactions of 1000 profiles
 */
import { writeSync } from 'node:fs';
import { createProfile, type Profile } from '../src/profile/profile.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const [file, mode, countText] = process.argv.slice(2) as [string, string, string];
const count = Number(countText);
const alleles = ['6', '7', '8', '9', '9.3', '10'];
const profile = (id: string, i: number): Profile =>
  createProfile({
    id,
    kind: 'remains',
    genotypes: {
      TH01: [alleles[i % 6] as string, alleles[(i >> 3) % 6] as string],
      D3S1358: [String(12 + (i % 7)), String(12 + ((i >> 4) % 7))],
    },
  });
const store = openSqliteStore(file);
if (mode === 'import') {
  const tag = `${process.pid}-${Date.now()}`;
  const batch = Array.from({ length: count }, (_, i) => profile(`C${tag}-${i}`, i));
  store.write((tx) => {
    batch.forEach((p, i) => {
      tx.putProfile(p);
      if (i === 1000) writeSync(1, 'inside\n');
    });
  });
  writeSync(1, 'committed\n');
} else {
  for (let k = 0; k < count; k++) {
    store.write((tx) => {
      for (let i = 0; i < 1000; i++) tx.putProfile(profile(`B${k}-${i}`, i));
    });
    writeSync(1, `batch ${k}\n`);
  }
}
store.close();
