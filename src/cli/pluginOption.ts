import { PluginFileError, readPluginFolder, type PluginDefinition } from '../core/plugin';
import { UsageError } from './command';

/** `--plugin DIR`: the plugin.xml in DIR, parsed; any problem is a usage error naming file:line:column. */
export function readPluginOption(dir: string): PluginDefinition {
  try {
    return readPluginFolder(dir);
  } catch (error) {
    if (error instanceof PluginFileError) throw new UsageError(`--plugin: ${error.message}`);
    throw error;
  }
}
