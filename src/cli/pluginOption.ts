import { resolve } from 'node:path';
import { PluginFileError, readPluginManifest, type PluginManifest } from '../core/plugin';
import { UsageError } from './command';

/** `--plugin DIR` (relative to `cwd`): the plugin.xml in DIR, read, or undefined when not given; any problem is a usage error naming file:line:column. */
export function readPluginOption(cwd: string, dir: string | undefined): PluginManifest | undefined {
  if (dir === undefined) return undefined;
  try {
    return readPluginManifest(resolve(cwd, dir));
  } catch (error) {
    if (error instanceof PluginFileError) throw new UsageError(`--plugin: ${error.message}`);
    throw error;
  }
}
