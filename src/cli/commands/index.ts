import type { CliCommand } from '../command';
import { checkCommand } from './check';
import { pluginCommand } from './plugin';
import { requestCommand } from './request';
import { runCommand } from './run';
import { sandboxCommand } from './sandbox';
import { validateCommand } from './validate';

/** Every `psdev` sub-command, in the order `psdev --help` lists them. */
export const commands: readonly CliCommand[] = [sandboxCommand, requestCommand, runCommand, checkCommand, validateCommand, pluginCommand];
