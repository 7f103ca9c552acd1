import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { PluginFileText } from './model';
import { cannotRead, modelText, packagedPaths, textOf } from './pluginFolder';

/** A fixed timestamp for every entry, so packaging the same files twice gives the same zip. */
const entryTime = new Date(Date.UTC(2000, 0, 1));

/** The files a plugin's zip holds, read once: what is checked is byte for byte what is zipped. */
export interface PackagedFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Reads the packaged files of folder `dir` (plugin.xml and the *_root folders; no .git, backups or OS junk). */
export function readPackagedFiles(dir: string): PackagedFile[] {
  return packagedPaths(dir).map((path) => {
    try {
      return { path, bytes: readFileSync(join(dir, path)) };
    } catch (error) {
      throw cannotRead(join(dir, path), error);
    }
  });
}

/** The files as the plugin model reads them: XML with its text, web_root files with none. */
export function packagedTexts(files: readonly PackagedFile[]): PluginFileText[] {
  return files.map(({ path, bytes }) => ({ path, text: modelText(path, () => textOf(bytes)) }));
}

/** The zip PowerSchool installs, of files read with `readPackagedFiles`; also the paths it holds. */
export function zipPackagedFiles(files: readonly PackagedFile[]): { readonly zip: Uint8Array; readonly paths: readonly string[] } {
  const entries: Zippable = {};
  for (const { path, bytes } of files) entries[path] = [bytes, { mtime: entryTime }];
  return { zip: zipSync(entries, { level: 6 }), paths: files.map((file) => file.path) };
}
