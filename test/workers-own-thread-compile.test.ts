/**
 * Search threads compile on their own thread (src/workers/spawn-node.ts): Node 20 can abort the
 * process when a worker thread ends while V8 optimises one of its functions on a background
 * thread, so the Node spawner turns V8's background recompilation off for the threads it starts.
 * Checked from V8's own trace (`--trace-opt`) in a child process: a hot function in a thread the
 * spawner started is optimised synchronously, while the main thread still optimises in the
 * background (the flag reaches only isolates created after it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'kindred-compile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A function hot enough for TurboFan, run to a fixed count (no clock). */
const HOT = (
  name: string,
) => `function ${name}(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); return s; }
let t = 0; for (let k = 0; k < 3000; k++) t += ${name}(5000);`;

describe('search threads and V8 background compilation', () => {
  it('a thread started by the Node spawner optimises on its own thread; the main thread is unchanged', () => {
    const script = join(dir, 'hot-worker.mjs');
    writeFileSync(script, `${HOT('kindredThreadProbe')}\n`);
    const spawner = pathToFileURL(join(process.cwd(), 'src/workers/spawn-node.ts')).href;
    const main = `${HOT('kindredMainProbe')}
const { createNodeSpawner } = await import(${JSON.stringify(spawner)});
const handle = await createNodeSpawner({ workerUrl: ${JSON.stringify(script)} })(0);
handle.setBusy(true);
await handle.died.catch(() => undefined);
console.log('probe finished');`;
    const mainScript = join(dir, 'main.mts');
    writeFileSync(mainScript, main);
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--trace-opt', mainScript], {
      encoding: 'utf8',
      cwd: process.cwd(),
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout).toContain('probe finished');
    const modes = (probe: string) =>
      run.stdout
        .split('\n')
        .filter((l) => l.startsWith('[compiling method') && l.includes(`<JSFunction ${probe} `))
        .map((l) => /mode: ConcurrencyMode::(\w+)/.exec(l)?.[1]);
    const thread = modes('kindredThreadProbe');
    expect(thread.length).toBeGreaterThan(0);
    expect(new Set(thread)).toStrictEqual(new Set(['kSynchronous']));
    expect(modes('kindredMainProbe')).toContain('kConcurrent');
  });
});
