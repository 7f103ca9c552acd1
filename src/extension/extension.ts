import * as vscode from 'vscode';
import { PowerSchoolExtension, type BundleLoad, type ExtensionApi } from './powerSchoolExtension';
import { timeMark } from './util/threadTime';

export type { ExtensionApi } from './powerSchoolExtension';

/**
 * The running extension. The one module-level variable: VS Code calls deactivate() with
 * nothing, and it must reach what activate() made to wait for its pending writes.
 */
let running: PowerSchoolExtension | undefined;

/** `load`: how main.js compiled this bundle first (VS Code loads main.js, which loads this). */
export function activate(context: vscode.ExtensionContext, load?: BundleLoad): ExtensionApi {
  const started = timeMark();
  const extension = new PowerSchoolExtension(context, vscode.window.createOutputChannel('PowerSchool', { log: true }), started, load);
  running = extension;
  // Disposed again by VS Code after deactivate(): a second dispose does nothing.
  context.subscriptions.push(extension);
  return extension.api;
}

export async function deactivate(): Promise<void> {
  const extension = running;
  running = undefined;
  await extension?.shutdown();
}
