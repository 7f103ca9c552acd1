import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder for a user's caches: $XDG_CACHE_HOME or ~/.cache, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Caches');
  return env.XDG_CACHE_HOME || join(home, '.cache');
}

/** This product's folder of one kind of cache (`code-cache`, `districts`) in the user's cache folder. */
export function productCacheDir(kind: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(userCacheDir(env), 'powerschool-devtools', kind);
}
