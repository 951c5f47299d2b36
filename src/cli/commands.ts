/**
 * The registry of `kindred` sub-commands.
 *
 * @module
 */
import type { CliIO } from './cli-io.js';
import { runDbCommand } from './db-command.js';
import { DEMO_USAGE, runDemoCommand } from './demo-command.js';
import { DVI_USAGE, runDVICommand } from './dvi-command.js';
import { LR_USAGE, runLRCommand } from './lr-command.js';
import { POWER_USAGE, runPowerCommand } from './power-command.js';
import { REPORT_USAGE, runReportCommand } from './report-command.js';
import { runSearchCommand, SEARCH_USAGE } from './search-command.js';
import { runValidateCommand, VALIDATE_USAGE } from './validate-command.js';

/** One sub-command. */
export interface Command {
  /** One line for the list of commands. */
  readonly summary: string;
  /**
   * The command's usage, printed for `--help`/`-h` anywhere on its command line. Absent for a
   * command with sub-commands of its own (`db`), which prints its own help.
   */
  readonly usage?: string;
  /** Run the command on the arguments after its name; returns the exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Every sub-command by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  lr: { summary: 'kinship LRs of a kindred-case/1 file', usage: LR_USAGE, run: runLRCommand },
  db: {
    summary:
      'a missing-persons programme in an SQLite file (init, import, list, search, matches, export)',
    run: runDbCommand,
  },
  demo: {
    summary: 'run a search and a DVI on simulated (synthetic) data',
    usage: DEMO_USAGE,
    run: runDemoCommand,
  },
  dvi: {
    summary: 'pairwise and joint DVI of a kindred-dvi/1 file',
    usage: DVI_USAGE,
    run: runDVICommand,
  },
  power: {
    summary:
      "is each family's reference set enough, and whom to type next (exclusion and inclusion power)",
    usage: POWER_USAGE,
    run: runPowerCommand,
  },
  report: {
    summary:
      'an HTML report (pedigrees, tables, provenance) of a kindred-case/1 or kindred-dvi/1 file',
    usage: REPORT_USAGE,
    run: runReportCommand,
  },
  search: {
    summary: 'rank every victim of a kindred-dvi/1 file against every missing person',
    usage: SEARCH_USAGE,
    run: runSearchCommand,
  },
  validate: {
    summary: 'check case files, reporting every issue',
    usage: VALIDATE_USAGE,
    run: runValidateCommand,
  },
};
