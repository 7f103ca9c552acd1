import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { isPackagedPath, mayHoldPackagedFiles } from './layout';
import { formatPluginFinding } from './format';
import type { Plugin, PluginFileText, PluginManifest } from './model';
import { pluginFileKind, readPlugin } from './readPlugin';

/** A plugin folder or zip that cannot be read at all (missing, unreadable, not a zip); the message names it. */
export class PluginFileError extends Error {}

/** The PluginFileError for a file or folder the system would not read, naming it and the reason (ENOENT, EACCES, …). */
export function cannotRead(path: string, error: unknown): PluginFileError {
  return new PluginFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

/** The plugin-relative paths (with `/`) of a folder's files that PowerSchool's zip holds: plugin.xml and the four *_root folders, without .git, editor backups or OS junk; sorted. */
export function packagedPaths(dir: string): string[] {
  const paths: string[] = [];
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch (error) {
      throw cannotRead(join(dir, relative), error);
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (mayHoldPackagedFiles(path)) walk(path);
      } else if (entry.isFile() && isPackagedPath(path)) {
        paths.push(path);
      }
    }
  };
  walk('');
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The packaged files of a plugin folder: XML files with their text, web_root files with empty text (the model does not read them). */
export function pluginFolderFiles(dir: string): PluginFileText[] {
  return packagedPaths(dir).map((path) => ({ path, text: modelText(path, () => readText(join(dir, path))) }));
}

/** A packaged file's text as the plugin model takes it: read for XML, none for web_root files. */
export function modelText(path: string, read: () => string): string {
  const kind = pluginFileKind(path);
  return kind === 'web' || kind === 'other' ? '' : read();
}

/** The plugin in folder `dir`, read from disk. */
export function readPluginFolder(dir: string): Plugin {
  return readPlugin(pluginFolderFiles(dir));
}

/** The plugin in a zip's bytes (paths as stored; PowerSchool expects plugin.xml at the top). */
export function readPluginZip(bytes: Uint8Array): Plugin {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (file) => !file.name.endsWith('/') && isXml(file.name) });
  } catch (error) {
    throw new PluginFileError(`not a zip file: ${(error as Error).message}`);
  }
  const decoder = new TextDecoder();
  return readPlugin(Object.keys(entries).sort().map((path) => ({ path, text: decoder.decode(entries[path]) })));
}

function isXml(path: string): boolean {
  const kind = pluginFileKind(path);
  return kind !== 'web' && kind !== 'other';
}

function readText(file: string): string {
  try {
    return textOf(readFileSync(file));
  } catch (error) {
    throw cannotRead(file, error);
  }
}

/**
 * A file's UTF-8 text without a leading byte-order mark, as VS Code's editor and the extension read it:
 * a finding's line:column then names the same place in the CLI as in the editor.
 */
export function textOf(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The plugin.xml of folder `dir`, for running as that plugin (the sandbox, `--plugin`): throws
 * PluginFileError naming file:line:column when plugin.xml is missing or has an error, since its
 * grants could not be trusted then. Only plugin.xml is read.
 */
export function readPluginManifest(dir: string): PluginManifest {
  const file = join(dir, 'plugin.xml');
  const plugin = readPlugin([{ path: 'plugin.xml', text: readText(file) }]);
  const problem = plugin.findings.find((finding) => finding.severity === 'error');
  if (problem) throw new PluginFileError(formatPluginFinding(problem, dir));
  return plugin.manifest!;
}
