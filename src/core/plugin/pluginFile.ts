import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePluginXml, type PluginDefinition } from './pluginXml';
import { XmlError } from './xml';

/** A plugin folder that cannot be used; the message names the file (and line:column when it is malformed). */
export class PluginFileError extends Error {}

/** The plugin.xml in `dir`, parsed as PowerSchool reads it. */
export function readPluginFolder(dir: string): PluginDefinition {
  const file = join(dir, 'plugin.xml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PluginFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parsePluginXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new PluginFileError(`${file}:${error.message}`);
    throw error;
  }
}
