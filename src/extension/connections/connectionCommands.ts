import * as vscode from 'vscode';
import { connectionActions } from './connectionActions';
import type { Services } from '../services';
import { describeError } from '../util/errors';
import { acceptedItem } from '../util/quickPick';
import { localSandboxName } from '../../core/environments';
import type { ActiveConnection } from './activeConnection';
import type { ConnectionSettings, ConnectionStore } from './connectionStore';
import type { ClientPool, TestResult } from './clientPool';
import { healthWords } from './connectionHealth';

/** Arguments a script or test may pass instead of answering the prompts. */
export interface ConnectionInput extends ConnectionSettings {
  readonly clientSecret?: string;
}

function validateUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL must start with https:// (or http:// for a local server)';
    return undefined;
  } catch {
    return 'Enter the server address, e.g. https://district.powerschool.com';
  }
}

/** Why a connection given by a script (not typed at the prompts) cannot be saved, if it cannot. */
function validateInput(input: ConnectionInput): string | undefined {
  if (typeof input.name !== 'string' || !input.name.trim()) return 'A connection needs a name';
  if (input.name.trim() === localSandboxName) return `The name '${localSandboxName}' is built in; choose another name`;
  return validateUrl(input.url);
}

/**
 * Asks for each setting, starting from `existing` (Edit) or from `draft` (what was typed for a new
 * connection that failed its test: nothing typed is lost).
 */
async function promptConnection(store: ConnectionStore, existing?: ConnectionSettings, draft?: ConnectionInput): Promise<ConnectionInput | undefined> {
  const title = existing ? `Edit PowerSchool connection '${existing.name}'` : 'Add PowerSchool connection';
  const start: Partial<ConnectionInput> | undefined = existing ?? draft;
  const name = await vscode.window.showInputBox({
    title, prompt: 'A name for this connection', value: start?.name, ignoreFocusOut: true,
    validateInput: (value) => {
      if (!value.trim()) return 'Enter a name';
      if (value.trim() === localSandboxName) return `'${localSandboxName}' is built in`;
      if (value.trim() !== existing?.name && store.find(value.trim())) return 'A connection with this name exists';
      return undefined;
    },
  });
  if (name === undefined) return undefined;
  const url = await vscode.window.showInputBox({ title, prompt: 'Server URL', value: start?.url ?? 'https://', ignoreFocusOut: true, validateInput: validateUrl });
  if (url === undefined) return undefined;
  const clientId = await vscode.window.showInputBox({ title, prompt: 'Plugin client ID (System > System Settings > Plugin Management)', value: start?.clientId, ignoreFocusOut: true, validateInput: (value) => (value.trim() ? undefined : 'Enter the client ID') });
  if (clientId === undefined) return undefined;
  const clientSecret = await vscode.window.showInputBox({
    title, prompt: existing ? 'Client secret (leave empty to keep the stored one)' : 'Client secret (kept in VS Code secret storage)', password: true, ignoreFocusOut: true,
    value: existing ? undefined : draft?.clientSecret,
    validateInput: (value) => (existing || value ? undefined : 'Enter the client secret'),
  });
  if (clientSecret === undefined) return undefined;
  const production = await pickServerKind(title, start?.production === true);
  if (production === undefined) return undefined;
  // Settings the prompts do not ask about (allowInsecure, variables) stay as they were.
  return { ...start, name: name.trim(), url: url.trim(), clientId: clientId.trim(), clientSecret: clientSecret || undefined, production };
}

/** Asks whether the server is production, starting on the current answer so Enter keeps it. */
async function pickServerKind(title: string, production: boolean): Promise<boolean | undefined> {
  const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { production: boolean }>();
  picker.title = title;
  picker.placeholder = 'What kind of server is this?';
  picker.ignoreFocusOut = true;
  picker.items = [{ label: 'Test or development server', production: false }, { label: 'Production server', description: 'asks before every write', production: true }];
  picker.activeItems = picker.items.filter((item) => item.production === production);
  return (await acceptedItem(picker))?.production;
}

/** What to do with a new connection that failed its test; a script answers in advance. */
type FailedTestAnswer = 'keep' | 'edit' | 'cancel';

/**
 * Asked when a new connection fails its test, in the same quick input as the prompts before it.
 * Enter is Edit (back to the prompts, everything typed kept); Escape is Cancel.
 */
async function askAboutFailedTest(connection: ConnectionInput, result: TestResult): Promise<FailedTestAnswer> {
  const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { answer: FailedTestAnswer }>();
  picker.title = `Add PowerSchool connection '${connection.name}': the test failed`;
  picker.placeholder = result.message;
  picker.ignoreFocusOut = true;
  picker.items = [
    { label: '$(edit) Edit', description: 'back to the settings, with what you typed', answer: 'edit' },
    { label: '$(check) Keep anyway', description: 'save it and make it active (e.g. the VPN is down)', answer: 'keep' },
    { label: '$(close) Cancel', description: 'save nothing; the next Add Connection starts from what you typed', answer: 'cancel' },
  ];
  return (await acceptedItem(picker))?.answer ?? 'cancel';
}

/** A command's connection: a name, or a tree node (context menus and inline actions pass the node). */
type ConnectionTarget = string | { readonly connection?: string } | undefined;

function connectionNameOf(target: ConnectionTarget): string | undefined {
  return typeof target === 'string' ? target : typeof target?.connection === 'string' ? target.connection : undefined;
}

async function pickConnection(store: ConnectionStore, placeHolder: string): Promise<string | undefined> {
  const names = store.list().map((connection) => connection.name);
  if (names.length === 0) {
    void vscode.window.showInformationMessage('There are no saved PowerSchool connections. Add one first.');
    return undefined;
  }
  return vscode.window.showQuickPick(names, { placeHolder });
}

/** The status bar's picker: the active connection first in the list is marked and is what Enter keeps. */
async function pickActiveConnection(active: ActiveConnection, store: ConnectionStore, clients: ClientPool): Promise<string | undefined> {
  const items = active.names().map((name) => ({
    label: name === active.name ? `$(check) ${name}` : name,
    name,
    description: [name === active.name ? 'active' : '', healthWords(clients.health.of(name)), name === localSandboxName ? 'embedded emulator, generated district' : store.find(name)?.url].filter(Boolean).join(' · '),
    detail: active.isProduction(name) ? '$(warning) production: writes ask first' : undefined,
  }));
  const picker = vscode.window.createQuickPick<(typeof items)[number]>();
  picker.placeholder = `Active PowerSchool connection (now: ${active.name})`;
  picker.items = items;
  picker.activeItems = items.filter((item) => item.name === active.name);
  return (await acceptedItem(picker))?.name;
}

/** Add, edit, remove, test and select connections, and start the sandbox. */
export function registerConnectionCommands({ store, active, clients, commands, sandbox: sandboxHost, log: logger }: Services): vscode.Disposable {
  const log = logger.for('connections');
  // A new connection that failed its test and was not kept: the next Add starts from it.
  let draft: ConnectionInput | undefined;
  const testConnection = async (name?: string): Promise<TestResult> => {
    const target = name ?? active.name;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Testing PowerSchool connection '${target}'…`, cancellable: true }, (_progress, token) =>
      clients.test(target, token),
    );
    if (result.ok) void vscode.window.showInformationMessage(result.message);
    else {
      commands.report('powerschool.testConnection', result.message, 'failed', connectionActions(store, target, () => testConnection(target)));
    }
    return result;
  };
  const testNewConnection = (connection: ConnectionInput) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Testing the new PowerSchool connection '${connection.name}'…`, cancellable: true }, (_progress, token) =>
      clients.testUnsaved({ ...connection, clientSecret: connection.clientSecret ?? '' }, token),
    );

  return vscode.Disposable.from(
    // A new connection is tested before it is saved and made active; one that fails is saved only
    // when the user says so. `ifTestFails` answers that question for a script.
    commands.register('powerschool.addConnection', async (input?: ConnectionInput, ifTestFails?: FailedTestAnswer) => {
      let connection = input ?? (await promptConnection(store, undefined, draft));
      let outcome: TestResult | undefined;
      for (; connection; connection = await promptConnection(store, undefined, connection)) {
        const problem = validateInput(connection);
        if (problem) throw new Error(problem);
        const tested = await testNewConnection(connection);
        outcome = tested;
        if (tested.ok) break;
        log.warn(`the new connection failed its test: ${tested.message}`);
        const answer = ifTestFails ?? (await askAboutFailedTest(connection, tested));
        if (answer === 'keep') break;
        clients.health.forget(connection.name);
        // Someone saw the question: what it was about is kept for the next Add (a script's answer keeps nothing).
        if (!ifTestFails) draft = connection;
        if (answer === 'cancel') return undefined;
      }
      if (!connection) return undefined;
      draft = undefined;
      await store.save(connection, connection.clientSecret);
      await active.select(connection.name);
      if (!input) void vscode.window.showInformationMessage(`Connection '${connection.name}' saved and selected. ${outcome?.message ?? ''}`.trim());
      return connection.name;
    }),
    commands.register('powerschool.editConnection', async (target?: ConnectionTarget, input?: ConnectionInput) => {
      const name = connectionNameOf(target) ?? (await pickConnection(store, 'Connection to edit'));
      const existing = name ? store.find(name) : undefined;
      if (!existing) return undefined;
      const connection = input ?? (await promptConnection(store, existing));
      if (!connection) return undefined;
      const problem = validateInput(connection);
      if (problem) throw new Error(problem);
      const wasActive = active.name === existing.name;
      await store.save(connection, connection.clientSecret, existing.name);
      clients.forget(existing.name);
      if (wasActive) await active.select(connection.name);
      return connection.name;
    }),
    commands.register('powerschool.removeConnection', async (target?: ConnectionTarget, confirmed?: boolean) => {
      const name = connectionNameOf(target) ?? (await pickConnection(store, 'Connection to remove'));
      if (!name || !store.find(name)) return false;
      if (!store.isUserDefined(name)) {
        // Removing it from the user settings would do nothing but delete its secret.
        void vscode.window.showWarningMessage(`The connection '${name}' is defined in this workspace's settings (.vscode/settings.json): remove it there.`);
        return false;
      }
      if (!confirmed) {
        const answer = await vscode.window.showWarningMessage(`Remove the PowerSchool connection '${name}' and its stored secret?`, { modal: true }, 'Remove');
        if (answer !== 'Remove') return false;
      }
      await store.remove(name);
      clients.forget(name);
      return true;
    }),
    commands.register('powerschool.testConnection', (target?: ConnectionTarget) => testConnection(connectionNameOf(target))),
    commands.register('powerschool.selectConnection', async (target?: ConnectionTarget) => {
      const chosen = connectionNameOf(target) ?? (await pickActiveConnection(active, store, clients));
      if (!chosen) return undefined;
      await active.select(chosen);
      return chosen;
    }),
    commands.register('powerschool.startSandbox', async () => {
      await active.select(localSandboxName);
      const sandbox = await sandboxHost.answeringEndpoint().catch((error: unknown) => {
        throw new Error(`the sandbox did not start: ${describeError(error)}`);
      });
      void vscode.window.showInformationMessage(`PowerSchool sandbox running at ${sandbox.url}`);
      return sandbox.url;
    }),
  );
}
