import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePluginXml, XmlError, type PluginDefinition } from '../core/plugin';
import { UsageError } from './command';

/** `--plugin DIR`: the plugin.xml in DIR, parsed; any problem is a usage error naming file:line:column. */
export function readPluginOption(dir: string): PluginDefinition {
  const file = join(dir, 'plugin.xml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--plugin: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parsePluginXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new UsageError(`--plugin: ${file}:${error.message}`);
    throw error;
  }
}
