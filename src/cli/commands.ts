/**
 * The registry of `kindred` sub-commands.
 *
 * @module
 */
import type { CliIO } from './cli-io.js';
import { runDbCommand } from './db-command.js';
import { runDemoCommand } from './demo-command.js';
import { runDVICommand } from './dvi-command.js';
import { runLRCommand } from './lr-command.js';
import { runPowerCommand } from './power-command.js';
import { runSearchCommand } from './search-command.js';
import { runValidateCommand } from './validate-command.js';

/** One sub-command. */
export interface Command {
  readonly summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Every sub-command by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  lr: { summary: 'kinship LRs of a kindred-case/1 file', run: runLRCommand },
  db: {
    summary:
      'a missing-persons programme in an SQLite file (init, import, list, search, matches, export)',
    run: runDbCommand,
  },
  demo: { summary: 'run a search and a DVI on simulated (synthetic) data', run: runDemoCommand },
  dvi: { summary: 'pairwise and joint DVI of a kindred-dvi/1 file', run: runDVICommand },
  power: {
    summary:
      "is each family's reference set enough, and whom to type next (exclusion and inclusion power)",
    run: runPowerCommand,
  },
  search: {
    summary: 'rank every victim of a kindred-dvi/1 file against every missing person',
    run: runSearchCommand,
  },
  validate: { summary: 'check case files, reporting every issue', run: runValidateCommand },
};
