import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { cannotRead, packagedPaths } from './pluginFolder';

/** A fixed timestamp for every entry, so packaging the same files twice gives the same zip. */
const entryTime = new Date(Date.UTC(2000, 0, 1));

/** The zip PowerSchool installs: plugin.xml at the top and the *_root folders, nothing else (no .git, backups or OS junk); also the paths it holds. */
export function packagePlugin(dir: string): { readonly zip: Uint8Array; readonly paths: readonly string[] } {
  const paths = packagedPaths(dir);
  const entries: Zippable = {};
  for (const path of paths) {
    try {
      entries[path] = [readFileSync(join(dir, path)), { mtime: entryTime }];
    } catch (error) {
      throw cannotRead(join(dir, path), error);
    }
  }
  return { zip: zipSync(entries, { level: 6 }), paths };
}
