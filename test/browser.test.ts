/**
 * The browser example (examples/browser) in real headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core; no browser is downloaded): upload a conformance DVI file, let the
 * page rank it on Web Workers, and compare every cell of its table with rankAll in Node
 * (search/rank/rank-all.ts) on the same file. Served from 127.0.0.1 twice: with COOP/COEP headers
 * (cross-origin isolated: the index is shared through a SharedArrayBuffer) and without them
 * (buffers transferred to each worker). The page also runs the single-threaded rankAll itself
 * (`?verify=1`) and must find the Web Worker result identical to it, bit for bit. Against Node
 * the ids, order, ranks, categories and flags must be equal and the numbers equal to 1e-12
 * relative: the page builds the index with the browser's own V8, whose Math.exp/log/pow may
 * round the last bit differently from Node's (seen on dvi-pub-4v-3f-sexspec: 1 ulp in one LR).
 * Skipped, with the reason printed, when Chromium is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserExample } from '../examples/browser/build.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankAll } from '../src/search/rank/rank-all.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(
    `browser.test.ts skipped: ${CHROMIUM} not found (apt-get install chromium; .ci/run does)`,
  );
}

const root = join(import.meta.dirname, '..');
const site = join(root, 'examples', 'browser');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** Serve examples/browser under /iso/ (COOP + COEP) and /plain/ (no isolation headers). */
function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/(iso|plain)(\/.*)$/.exec(url.pathname);
    const rel = m === null ? null : normalize(m[2] === '/' ? '/index.html' : m[2]!);
    const file = rel === null || rel.includes('..') ? null : join(site, rel);
    if (file === null || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    };
    if (m![1] === 'iso') {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    res.writeHead(200, headers).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

type Row = Record<string, string>;
const NUMERIC = ['log10LR', 'posterior'];

/** The table rows Node expects: rankAll's byRemains, cells as the page writes data-value. */
function expectedRows(fixture: string): Row[] {
  const index = SearchIndex.fromDVICase(
    parseDVICase(readFileSync(fixture, 'utf8'), { file: fixture }),
  );
  const rows: Row[] = [];
  for (const hits of rankAll(index, { top: 10 }).byRemains.values()) {
    for (const h of hits) {
      rows.push({
        remains: h.remains,
        rank: String(h.rank),
        family: h.family,
        missing: h.missing,
        log10LR: String(h.log10LR),
        posterior: String(h.posterior),
        category: h.category,
        undisputed: String(h.undisputed),
      });
    }
  }
  return rows;
}

describe.runIf(HAS_CHROMIUM)('browser example in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    await buildBrowserExample();
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it.each([
    ['iso', 'shared', 'dvi-pub-8v-5f.json'],
    ['plain', 'transfer', 'dvi-pub-8v-5f.json'],
    ['iso', 'shared', 'dvi-pub-4v-3f-sexspec.json'],
  ])(
    'the page under /%s/ (%s memory) ranks %s as rankAll in Node, identical to its own single-threaded search',
    async (prefix, memory, name) => {
      const fixture = join(root, 'fixtures', 'conformance', 'dvi', name);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`${base}/${prefix}/?threads=2&verify=1`);
        expect(await page.evaluate(() => crossOriginIsolated)).toBe(prefix === 'iso');
        await page.setInputFiles('#file', fixture);
        await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', {
          timeout: 60_000,
        });
        const status = page.locator('#status');
        expect(await status.getAttribute('data-state'), (await status.textContent()) ?? '').toBe(
          'done',
        );
        expect(await status.getAttribute('data-memory')).toBe(memory);
        expect(await status.getAttribute('data-verified')).toBe('identical');
        const rows = await page.$$eval('#results tbody tr', (trs) =>
          trs.map((tr) =>
            Object.fromEntries(
              Array.from(tr.querySelectorAll('td')).map((td) => [
                td.dataset.field,
                td.dataset.value,
              ]),
            ),
          ),
        );
        const expected = expectedRows(fixture);
        expect(expected.length).toBeGreaterThan(0);
        expect(rows.length).toBe(expected.length);
        const strip = (r: Row): Row =>
          Object.fromEntries(Object.entries(r).filter(([k]) => !NUMERIC.includes(k)));
        rows.forEach((row, i) => {
          const want = expected[i]!;
          for (const field of NUMERIC) {
            // log10LR is null for an exclusion (LR 0): then both must say so.
            if (want[field] === 'null' || row[field] === 'null') {
              expect(row[field], `${field} of row ${i}`).toBe(want[field]);
              continue;
            }
            const got = Number(row[field]);
            const ref = Number(want[field]);
            expect(Math.abs(got - ref), `${field} of row ${i}`).toBeLessThanOrEqual(
              1e-12 * Math.abs(ref),
            );
          }
          expect(strip(row as Row)).toEqual(strip(want));
        });
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});
