import type { CliCommand } from '../command';

/** Every `psdev` sub-command, in the order `psdev --help` lists them. */
export const commands: readonly CliCommand[] = [];
