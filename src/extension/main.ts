import { join } from 'node:path';
import type * as vscode from 'vscode';
import type * as extension from './extension';
import { productCacheDir } from '../core/userCacheDir';
import { loadWithCodeCache } from './util/codeCache';
import { timeMark, timeSpentSince } from './util/threadTime';

// What VS Code loads (package.json main): the extension's bundle, compiled from V8's code cache of an
// earlier activation when there is one. Compiling the bundle from source was a third of activation.
// Only Node's built-ins are bundled here, so this file costs next to nothing to compile itself.
const started = timeMark();
const bundle = loadWithCodeCache<typeof extension>(join(__dirname, 'extension.js'), productCacheDir('code-cache'));
/** How this load went: activate() logs it, and the integration run's activation figures read it. */
export const load = { ...timeSpentSince(started), codeCache: bundle.codeCache };

export function activate(context: vscode.ExtensionContext): extension.ExtensionApi {
  const api = bundle.exports.activate(context, load);
  // Once activate() has run, so the functions it compiled are in the cache too.
  setImmediate(() => bundle.save());
  return api;
}

export function deactivate(): Promise<void> {
  return bundle.exports.deactivate();
}
