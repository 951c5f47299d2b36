/**
 * Child process of test/store-crash-review.test.ts (not a test): runs one `kindred db` command
 * on a store, printing "ready" on stdout just before it starts.
 *
 *   node --import tsx test/store-crash-review-child.ts DB search|confirm
 */
import { readFileSync, writeSync } from 'node:fs';
import { runDbCommand } from '../src/cli/db-command.js';

const [db, what] = process.argv.slice(2) as [string, string];
const io = {
  stdout: () => undefined,
  stderr: (s: string) => process.stderr.write(s),
  readFile: (p: string) => readFileSync(p, 'utf8'),
};
const argv =
  what === 'search'
    ? ['search', db, '--user', 'crash']
    : ['matches', db, '--confirm', '1', '--note', 'crash test', '--user', 'crash'];
writeSync(1, 'ready\n');
const code = await runDbCommand(argv, io);
writeSync(1, `done ${code}\n`);
