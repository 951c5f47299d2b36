/**
 * `kindred … | head`: when the reader of standard output goes away, the process ends quietly
 * (no `EPIPE` stack trace on stderr) with the exit code already set.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runClosingStdout(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed standard output', () => {
  it('ends the CLI quietly, without a stack trace', async () => {
    const script = `import { exitQuietlyOnClosedStdout } from './src/cli/cli-io.ts';
exitQuietlyOnClosedStdout();
for (let i = 0; i < 200; i++) process.stdout.write('x'.repeat(65536));`;
    const { code, stderr } = await runClosingStdout(['--input-type=module', '-e', script]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('without the handler the same write fails loudly (the test can fail)', async () => {
    const script = `for (let i = 0; i < 200; i++) process.stdout.write('x'.repeat(65536));`;
    const { code, stderr } = await runClosingStdout(['--input-type=module', '-e', script]);
    expect(stderr).toMatch(/EPIPE/);
    expect(code).not.toBe(0);
  });
});
