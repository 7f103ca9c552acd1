import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * How a bundle's compile used V8's code cache: `accepted` (compiled from it), `rejected` (V8 refused
 * it, or it failed its checksum: compiled from source), `absent` (none yet for this bundle and this
 * V8), `off` (no cache folder).
 */
export type CodeCacheUse = 'accepted' | 'rejected' | 'absent' | 'off';

export interface CachedBundle<Exports> {
  readonly exports: Exports;
  readonly codeCache: CodeCacheUse;
  /**
   * Stores V8's code for every function of the bundle compiled so far, unless the cache it was
   * compiled from already holds it. Called after the bundle's first use, so the functions that use
   * compiled (V8 compiles a function when it first runs) need no compiling on the next load.
   */
  save(): void;
}

// Node's CommonJS wrapper on a line of its own, so lines and columns of the bundle stay exact.
const wrapperStart = '(function (exports, require, module, __filename, __dirname) {\n';
const wrapperEnd = '\n})';
const checksumLength = 32;

const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

/**
 * Loads a CommonJS bundle as require() would, compiled from V8's code cache when `cacheDir` holds
 * one for these exact bytes and this V8. Node's require() cannot take a code cache (and Node 20 has
 * no compile cache), and compiling the extension's bundle was a third of activation. The cache file
 * is named by the bundle's SHA-256 (V8 itself checks only the source's length) and carries a
 * checksum of its own (release V8 builds do not verify one), so stale or damaged data is never
 * used: the bundle is then compiled from source, as without a cache.
 */
export function loadWithCodeCache<Exports>(file: string, cacheDir: string | undefined): CachedBundle<Exports> {
  const bytes = readFileSync(file);
  const cacheFile = cacheDir && join(cacheDir, `${basename(file)}-${process.versions.v8}-${process.arch}-${sha256(bytes).toString('hex')}.v8cache`);
  const cached = cacheFile ? readVerified(cacheFile) : undefined;
  const script = new Script(wrapperStart + bytes.toString('utf8') + wrapperEnd, { filename: file, lineOffset: -1, ...(cached ? { cachedData: cached } : {}) });
  const codeCache: CodeCacheUse = !cacheFile ? 'off' : !cached ? (cached === null ? 'rejected' : 'absent') : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as Exports };
  // A require of the bundle's own path: './sandbox.js' resolves beside it, and VS Code gives 'vscode' to the extension that holds it.
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  let saved = codeCache === 'accepted' || !cacheFile;
  return {
    exports: module.exports,
    codeCache,
    save() {
      if (saved || !cacheFile || !cacheDir) return;
      saved = true;
      writeCache(cacheDir, cacheFile, script.createCachedData());
    },
  };
}

/** The cache's data when its checksum holds; undefined when there is none, null when it is damaged. */
function readVerified(cacheFile: string): Buffer | undefined | null {
  let contents: Buffer;
  try {
    contents = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = contents.subarray(checksumLength);
  return contents.length > checksumLength && sha256(data).equals(contents.subarray(0, checksumLength)) ? data : null;
}

/**
 * Written beside and renamed into place, so another window's load never reads half a file; the same
 * bundle's caches for other builds on this V8 are removed (caches for another V8, such as another
 * VS Code's, stay for it).
 */
function writeCache(cacheDir: string, cacheFile: string, data: Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cacheFile}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.concat([sha256(data), data]));
    renameSync(partial, cacheFile);
    const ours = basename(cacheFile);
    const sameHost = ours.slice(0, ours.lastIndexOf('-') + 1);
    for (const name of readdirSync(cacheDir)) if (name.startsWith(sameHost) && name !== ours && name.endsWith('.v8cache')) rmSync(join(cacheDir, name), { force: true });
  } catch {
    // A cache that cannot be written only means the next load compiles from source again.
  }
}
