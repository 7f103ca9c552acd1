import type { CliCommand } from '../command';
import { sandboxCommand } from './sandbox';

/** Every `psdev` sub-command, in the order `psdev --help` lists them. */
export const commands: readonly CliCommand[] = [sandboxCommand];
