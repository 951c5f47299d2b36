/**
 * The registry of `kindred` sub-commands.
 *
 * @module
 */
import type { CliIO } from './cli-io.js';
import { runDVICommand } from './dvi-command.js';
import { runLRCommand } from './lr-command.js';
import { runValidateCommand } from './validate-command.js';

/** One sub-command. */
export interface Command {
  readonly summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Every sub-command by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  lr: { summary: 'kinship LRs of a kindred-case/1 file', run: runLRCommand },
  dvi: { summary: 'pairwise and joint DVI of a kindred-dvi/1 file', run: runDVICommand },
  validate: { summary: 'check case files, reporting every issue', run: runValidateCommand },
};
