/**
 * The browser example: read a `kindred-dvi/1` file chosen by the user, index it, rank every
 * victim against every missing person on a pool of Web Workers and show the table. Each cell's
 * exact value is kept in a `data-value` attribute (the test compares them with Node's rankAll).
 * Query parameters: `threads` (default: navigator.hardwareConcurrency), `top` (default 10),
 * `verify=1` (also run the single-threaded rankAll on the page and report whether the two results
 * are identical, in `#status[data-verified]`).
 */
import {
  createSearchPool,
  defaultThreadCount,
  isKindredError,
  parseDVICase,
  type RankAllResult,
  rankAll,
  SearchIndex,
  type SearchHit,
} from 'kindred';
import { canShareMemory } from 'kindred/workers';

const params = new URLSearchParams(location.search);
const threads = Number(params.get('threads') ?? defaultThreadCount());
const top = Number(params.get('top') ?? 10);
const verify = params.get('verify') === '1';
const pool = createSearchPool({ threads, workerUrl: new URL('./browser-worker.js', import.meta.url) });

const status = document.querySelector<HTMLParagraphElement>('#status')!;
const table = document.querySelector<HTMLTableElement>('#results')!;
const input = document.querySelector<HTMLInputElement>('#file')!;
document.querySelector('#threads')!.textContent = `${threads}`;

function setStatus(state: string, text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

function cell(row: HTMLTableRowElement, field: string, value: string | number | boolean | null, text: string, num = false): void {
  const td = row.insertCell();
  td.dataset.field = field;
  td.dataset.value = String(value);
  td.textContent = text;
  if (num) td.className = 'num';
}

/** Every number of a result in shortest round-trip form: equal texts mean identical doubles. */
function canonical(r: RankAllResult): string {
  return JSON.stringify([[...r.byRemains], [...r.byFamily], r.undisputed]);
}

function render(byRemains: ReadonlyMap<string, readonly SearchHit[]>): void {
  const body = table.tBodies[0]!;
  body.replaceChildren();
  for (const hits of byRemains.values()) {
    for (const h of hits) {
      const row = body.insertRow();
      if (h.undisputed) row.className = 'undisputed';
      cell(row, 'remains', h.remains, h.remains);
      cell(row, 'rank', h.rank, String(h.rank), true);
      cell(row, 'family', h.family, h.family);
      cell(row, 'missing', h.missing, h.missing);
      cell(row, 'log10LR', h.log10LR, h.log10LR === null ? '−∞' : h.log10LR.toFixed(2), true);
      cell(row, 'posterior', h.posterior, h.posterior.toPrecision(3), true);
      cell(row, 'category', h.category, h.category);
      cell(row, 'undisputed', h.undisputed, h.undisputed ? 'yes' : '');
    }
  }
  table.hidden = false;
}

input.addEventListener('change', async () => {
  const file = input.files?.[0];
  if (file === undefined) return;
  setStatus('running', `Indexing ${file.name}…`);
  try {
    const dvi = parseDVICase(await file.text(), { file: file.name });
    const index = SearchIndex.fromDVICase(dvi);
    const memory = canShareMemory() ? 'shared memory' : 'transferred buffers';
    const t0 = performance.now();
    const result = await pool.search(index, { top }, {
      onProgress: (p) => setStatus('running', `Searching: ${p.done} of ${p.total} pairs…`),
    });
    render(result.byRemains);
    const ms = (performance.now() - t0).toFixed(0);
    setStatus('done', `${index.remains.length} remains × ${index.entries.length} missing persons in ${ms} ms on ${threads} workers (${memory}); ${result.undisputed.length} undisputed.`);
    status.dataset.memory = canShareMemory() ? 'shared' : 'transfer';
    if (verify) {
      const same = canonical(rankAll(index, { top })) === canonical(result);
      status.dataset.verified = same ? 'identical' : 'different';
      status.textContent += same ? ' Identical to the single-threaded search.' : ' DIFFERS from the single-threaded search!';
    }
  } catch (e) {
    setStatus('error', isKindredError(e) ? `${e.code}: ${e.message}` : String(e));
  }
});
