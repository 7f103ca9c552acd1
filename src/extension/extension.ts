import * as vscode from 'vscode';
import { PowerSchoolExtension, type ExtensionApi } from './powerSchoolExtension';
import { threadTime } from './util/threadTime';

export type { ExtensionApi } from './powerSchoolExtension';

/**
 * The running extension. The one module-level variable: VS Code calls deactivate() with
 * nothing, and it must reach what activate() made to wait for its pending writes.
 */
let running: PowerSchoolExtension | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = { at: performance.now(), cpu: process.cpuUsage(), thread: threadTime() };
  const extension = new PowerSchoolExtension(context, vscode.window.createOutputChannel('PowerSchool', { log: true }), started);
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
