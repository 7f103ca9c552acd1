import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';

export const extensionId = 'powerschool-devtools.powerschool-devtools';

/** Activates the extension under test and returns the API activate() handed back. */
export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded`);
  return extension.activate();
}

/** Polls until `probe` returns something truthy, or fails with `what` after the timeout (a function: asked then, to say what was seen). */
/**
 * How long a test waits for the response view to draw: longer than the view's whole recovery (its page set again
 * after 5 s and 10 s more, ResponsePanel.loadWaitsMs), since code-server under load sometimes starts a webview
 * only on the second try, 15-30 s after the panel opened.
 */
export const responseViewWaitMs = 45_000;

export async function waitFor<T>(what: string | (() => string), probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Presses Enter on each input box and quick pick `command` shows, until it settles (at most 100 times). */
export async function answerEveryPromptWithEnter<T>(command: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(command).finally(() => (settled = true));
  for (let presses = 0; !settled && presses < 100; presses++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return result;
}

/** A loopback port nothing listens on (a server that is down). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Runs `work` as under npm start: PSDEV_SANDBOX_* name `sandbox` (the handed-over sandbox the
 * Local sandbox connection then uses), and are put back as they were after.
 */
export async function asIfHandedOver<T>(sandbox: { readonly url: string; readonly clientId: string; readonly clientSecret: string }, work: () => Promise<T>): Promise<T> {
  const keys = ['PSDEV_SANDBOX_URL', 'PSDEV_SANDBOX_CLIENT_ID', 'PSDEV_SANDBOX_CLIENT_SECRET'] as const;
  const saved = keys.map((key) => process.env[key]);
  Object.assign(process.env, { PSDEV_SANDBOX_URL: sandbox.url, PSDEV_SANDBOX_CLIENT_ID: sandbox.clientId, PSDEV_SANDBOX_CLIENT_SECRET: sandbox.clientSecret });
  try {
    return await work();
  } finally {
    keys.forEach((key, index) => {
      if (saved[index] === undefined) delete process.env[key];
      else process.env[key] = saved[index];
    });
  }
}
