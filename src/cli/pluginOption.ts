import { resolve } from 'node:path';
import { PluginFileError, readPluginFolder, type PluginDefinition } from '../core/plugin';
import { UsageError } from './command';

/** `--plugin DIR` (relative to `cwd`): the plugin.xml in DIR, parsed, or undefined when not given; any problem is a usage error naming file:line:column. */
export function readPluginOption(cwd: string, dir: string | undefined): PluginDefinition | undefined {
  if (dir === undefined) return undefined;
  try {
    return readPluginFolder(resolve(cwd, dir));
  } catch (error) {
    if (error instanceof PluginFileError) throw new UsageError(`--plugin: ${error.message}`);
    throw error;
  }
}
