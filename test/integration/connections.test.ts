import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, answerEveryPromptWithEnter, asIfHandedOver, closedPort, waitFor } from './support/extension';
import type { ExtensionApi } from '../../src/extension/extension';
import { SandboxHost } from '../../src/extension/connections/sandboxHost';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';

interface TestResult { ok: boolean; message: string; version?: string }
const name = 'Integration district';

/** The message a command reported for its last failure (commands resolve to undefined instead of rejecting). */
function failureOf(api: ExtensionApi, command: string): string {
  const failure = api.services.commands.lastFailure;
  assert.equal(failure?.source, command, 'the command reported a failure');
  return failure!.message;
}

describe('connections', () => {
  let api: ExtensionApi;
  let sandbox: { url: string; clientId: string; clientSecret: string };

  before(async () => {
    api = await activateExtension();
    sandbox = await api.services.sandbox.endpoint();
  });

  after(async () => {
    await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
    await vscode.commands.executeCommand('powerschool.removeConnection', `${name} (renamed)`, true);
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
  });

  it('starts on the built-in Local sandbox, which answers Test Connection', async () => {
    assert.equal(api.services.active.name, 'Local sandbox');
    assert.match(api.statusBar.shown.text, /PS: Local sandbox/);
    const result = await vscode.commands.executeCommand<TestResult>('powerschool.testConnection', 'Local sandbox');
    assert.equal(result.ok, true, result.message);
    assert.match(result.message, /Connected to 'Local sandbox' \(PowerSchool [\d.]+\)/);
  });

  it('adds a connection with its secret in SecretStorage, never in settings', async () => {
    await vscode.commands.executeCommand('powerschool.addConnection', { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    const settings = vscode.workspace.getConfiguration('powerschool').get<unknown[]>('connections') ?? [];
    assert.deepEqual(settings.find((item) => (item as { name: string }).name === name), { name, url: sandbox.url, clientId: sandbox.clientId });
    assert.ok(!JSON.stringify(settings).includes(sandbox.clientSecret), 'the secret is not in the settings');
    assert.equal(await api.services.store.secretFor(name), sandbox.clientSecret);
    assert.equal(api.services.active.name, name, 'a new connection becomes the active one');
    assert.match(api.statusBar.shown.text, new RegExp(`PS: ${name}`));
  });

  it('tests the new connection against the sandbox and reports the server version', async () => {
    const result = await vscode.commands.executeCommand<TestResult>('powerschool.testConnection', name);
    assert.equal(result.ok, true, result.message);
    assert.ok(result.version, 'the server version is reported');
  });

  it('reports a wrong secret clearly, without the secret in the message', async () => {
    const wrongSecret = 'not-the-secret-4711';
    await vscode.commands.executeCommand('powerschool.editConnection', name, { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: wrongSecret });
    const result = await vscode.commands.executeCommand<TestResult>('powerschool.testConnection', name);
    assert.equal(result.ok, false);
    assert.match(result.message, /401|credential|unauthori[sz]ed|invalid_client/i);
    assert.ok(!result.message.includes(wrongSecret));
    await vscode.commands.executeCommand('powerschool.editConnection', name, { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    assert.equal((await vscode.commands.executeCommand<TestResult>('powerschool.testConnection', name)).ok, true);
  });

  it('marks a production connection in the status bar and switches back to the sandbox', async () => {
    await vscode.commands.executeCommand('powerschool.editConnection', name, { name, url: sandbox.url, clientId: sandbox.clientId, production: true });
    assert.equal(api.statusBar.shown.production, true);
    assert.equal(await api.services.store.secretFor(name), sandbox.clientSecret, 'editing without a secret keeps the stored one');
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    assert.equal(api.services.active.name, 'Local sandbox');
    assert.equal(api.statusBar.shown.production, false);
  });

  it('Edit Connection accepted at every step (Enter through the prompts) keeps every current value, production included', async () => {
    const kept = `${name} (kept)`;
    const settings = { name: kept, url: sandbox.url, clientId: sandbox.clientId, production: true, allowInsecure: true, variables: { schoolid: '100' } };
    await vscode.commands.executeCommand('powerschool.addConnection', { ...settings, clientSecret: sandbox.clientSecret });
    try {
      assert.equal(api.statusBar.shown.production, true);
      await answerEveryPromptWithEnter(vscode.commands.executeCommand('powerschool.editConnection', kept));
      const saved = (vscode.workspace.getConfiguration('powerschool').get<unknown[]>('connections') ?? []).find((item) => (item as { name: string }).name === kept);
      assert.deepEqual(saved, settings);
      assert.equal(api.statusBar.shown.production, true, 'the status bar stays red');
      assert.equal(await api.services.store.secretFor(kept), sandbox.clientSecret);
    } finally {
      await vscode.commands.executeCommand('powerschool.removeConnection', kept, true);
      await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    }
  });

  it('renames a connection, moving its secret, and removes it with its secret', async () => {
    const renamed = `${name} (renamed)`;
    await vscode.commands.executeCommand('powerschool.editConnection', name, { name: renamed, url: sandbox.url, clientId: sandbox.clientId });
    assert.equal(await api.services.store.secretFor(name), undefined);
    assert.equal(await api.services.store.secretFor(renamed), sandbox.clientSecret);
    assert.equal(await vscode.commands.executeCommand('powerschool.removeConnection', renamed, true), true);
    assert.equal(api.services.store.find(renamed), undefined);
    assert.equal(await api.services.store.secretFor(renamed), undefined);
  });

  it('reports a server error on /ws/v1/metadata as a failed test, not as connected', async () => {
    const failing = await startSandbox({ students: 10, schools: 1, faults: ['500:every=1'] });
    const broken = `${name} (500)`;
    try {
      await vscode.commands.executeCommand('powerschool.addConnection', { name: broken, url: failing.url, clientId: failing.clientId, clientSecret: failing.clientSecret }, 'keep');
      const result = await vscode.commands.executeCommand<TestResult>('powerschool.testConnection', broken);
      assert.equal(result.ok, false, result.message);
      assert.match(result.message, /500/);
    } finally {
      await vscode.commands.executeCommand('powerschool.removeConnection', broken, true);
      await failing.close();
    }
  });

  it('tests a new connection before it becomes active: a refused one asks, Cancel saves nothing, and the next Add starts from what was typed (Keep anyway)', async () => {
    const refused = `${name} (refused)`;
    const typed = { name: refused, url: `http://127.0.0.1:${await closedPort()}`, clientId: 'typed-id', clientSecret: 'typed-secret' };
    const asking = () => api.services.clients.health.of(refused) === 'unreachable' || undefined;
    try {
      // Escape on the question is Cancel: nothing saved, the active connection unchanged.
      const cancelled = vscode.commands.executeCommand('powerschool.addConnection', typed);
      await waitFor('the question about the failed test', asking);
      assert.equal(api.services.store.find(refused), undefined, 'not saved while the question is open');
      assert.equal(api.services.active.name, 'Local sandbox', 'not active while the question is open');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await cancelled, undefined);
      assert.equal(api.services.store.find(refused), undefined, 'Cancel saves nothing');
      assert.equal(await api.services.store.secretFor(refused), undefined);
      assert.equal(api.services.clients.health.of(refused), 'unknown');

      // Add Connection again: Enter through the prompts keeps what was typed; then Keep anyway saves it.
      const added = vscode.commands.executeCommand('powerschool.addConnection');
      for (let presses = 0; !asking() && presses < 50; presses++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        if (!asking()) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      await waitFor('the question about the failed test, again', asking);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await added, refused);
      const saved = vscode.workspace.getConfiguration('powerschool').get<{ name: string }[]>('connections')?.find((item) => item.name === refused);
      assert.deepEqual(saved, { name: refused, url: typed.url, clientId: typed.clientId });
      assert.equal(await api.services.store.secretFor(refused), typed.clientSecret);
      assert.equal(api.services.active.name, refused, 'kept anyway: saved and active');
      assert.equal(api.services.clients.health.of(refused), 'unreachable');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('powerschool.removeConnection', refused, true);
      await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    }
  });

  it('a new connection that passes its test is saved and active at once, known reachable', async () => {
    const good = `${name} (tested)`;
    try {
      assert.equal(await vscode.commands.executeCommand('powerschool.addConnection', { name: good, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }), good);
      assert.equal(api.services.active.name, good);
      assert.equal(api.services.clients.health.of(good), 'reachable');
    } finally {
      await vscode.commands.executeCommand('powerschool.removeConnection', good, true);
      await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    }
  });

  it('refuses a URL that is not http(s): the command reports why and resolves to nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('powerschool.addConnection', { name: 'bad', url: 'ftp://example.org', clientId: 'x', clientSecret: 'y' }), undefined);
    assert.match(failureOf(api, 'powerschool.addConnection'), /https:\/\//);
    assert.equal(api.services.store.find('bad'), undefined);
  });
});

describe('connections: edge cases', () => {
  let api: ExtensionApi;
  let sandbox: { url: string; clientId: string; clientSecret: string };
  const user = 'Edge user connection';
  const workspaceOnly = 'Edge workspace connection';
  const configuration = () => vscode.workspace.getConfiguration('powerschool');

  before(async () => {
    api = await activateExtension();
    sandbox = await api.services.sandbox.endpoint();
  });

  afterEach(async () => {
    await configuration().update('connections', undefined, vscode.ConfigurationTarget.Workspace);
    await configuration().update('sandbox.students', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('powerschool.removeConnection', user, true);
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
  });

  it('never lets a workspace connection take over the name of a user connection (its stored secret would go to the workspace\'s server)', async () => {
    await vscode.commands.executeCommand('powerschool.addConnection', { name: user, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    await configuration().update('connections', [{ name: user, url: 'http://127.0.0.1:9/collector', clientId: sandbox.clientId }], vscode.ConfigurationTarget.Workspace);
    assert.equal(api.services.store.find(user)?.url, sandbox.url);
    const resolved = await api.services.active.resolve(user);
    assert.equal(resolved.url, sandbox.url);
    assert.match(api.statusBar.shown.text, new RegExp(`PS: ${user}`));
  });

  it('does not report a workspace-defined connection as removed, and keeps it', async () => {
    await configuration().update('connections', [{ name: workspaceOnly, url: sandbox.url, clientId: sandbox.clientId }], vscode.ConfigurationTarget.Workspace);
    assert.ok(api.services.store.find(workspaceOnly));
    assert.equal(await vscode.commands.executeCommand('powerschool.removeConnection', workspaceOnly, true), false);
    assert.ok(api.services.store.find(workspaceOnly), 'still defined by the workspace settings');
  });

  it('does not bring back a removed active connection when a workspace later defines one of that name', async () => {
    const gone = 'Edge removed connection';
    await vscode.commands.executeCommand('powerschool.addConnection', { name: gone, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    assert.equal(api.services.active.name, gone);
    assert.equal(await vscode.commands.executeCommand('powerschool.removeConnection', gone, true), true);
    assert.equal(api.services.active.name, 'Local sandbox');
    await configuration().update('connections', [{ name: gone, url: 'http://127.0.0.1:9/collector', clientId: 'x' }], vscode.ConfigurationTarget.Workspace);
    assert.equal(api.services.active.name, 'Local sandbox', 'the workspace connection is not silently made active');
    assert.match(api.statusBar.shown.text, /PS: Local sandbox/);
  });

  it('refuses an edit to a URL that is not http(s), leaving the connection as it was', async () => {
    await vscode.commands.executeCommand('powerschool.addConnection', { name: user, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    assert.equal(await vscode.commands.executeCommand('powerschool.editConnection', user, { name: user, url: 'javascript:alert(1)', clientId: 'x' }), undefined);
    assert.match(failureOf(api, 'powerschool.editConnection'), /https:\/\//);
    assert.equal(api.services.store.find(user)?.url, sandbox.url);
  });

  it('refuses a connection named like the built-in sandbox, or with no name', async () => {
    for (const name of ['Local sandbox', '  ']) {
      assert.equal(await vscode.commands.executeCommand('powerschool.addConnection', { name, url: sandbox.url, clientId: 'x', clientSecret: 'y' }), undefined);
      assert.match(failureOf(api, 'powerschool.addConnection'), /name/i);
    }
    assert.equal(api.services.store.find('Local sandbox'), undefined);
  });

  it('leaves no half-started sandbox when starting fails, starts on the next try, and never starts after dispose', async () => {
    const log = vscode.window.createOutputChannel('PowerSchool sandbox test', { log: true });
    const host = new SandboxHost(log);
    try {
      await configuration().update('sandbox.students', -5, vscode.ConfigurationTarget.Global);
      await assert.rejects(host.endpoint(), /students/);
      assert.equal(host.isRunning, false);
      await configuration().update('sandbox.students', 20, vscode.ConfigurationTarget.Global);
      const started = await host.endpoint();
      assert.equal(host.isRunning, true);
      assert.equal((await fetch(`${started.url}/ws/v1/time`)).status < 500, true);
      host.dispose();
      assert.equal(host.isRunning, false);
      await assert.rejects(host.endpoint(), /disposed|shut down|stopped/i);
      assert.equal(host.isRunning, false);
    } finally {
      host.dispose();
      log.dispose();
    }
  });

  it('restarts an embedded sandbox that stopped answering, and says how to restart one npm start handed over', async () => {
    const log = vscode.window.createOutputChannel('PowerSchool sandbox recovery test', { log: true });
    const launched: SandboxHandle[] = [];
    const host = new SandboxHost(log, {
      launch: async (options) => {
        const started = await startSandbox({ ...options, students: 20 });
        launched.push(started);
        return started;
      },
    });
    try {
      const first = await host.endpoint();
      await launched[0]!.close();
      const revived = await host.answeringEndpoint();
      assert.equal(launched.length, 2, 'started again');
      assert.notEqual(revived.url, first.url);
      assert.ok((await fetch(`${revived.url}/ws/v1/time`)).status < 500);
      assert.equal((await host.answeringEndpoint()).url, revived.url, 'a sandbox that answers is kept');
      assert.equal(launched.length, 2);

      const gone = `http://127.0.0.1:${await closedPort()}`;
      await asIfHandedOver({ url: gone, clientId: 'id', clientSecret: 'secret' }, async () => {
        const handedOver = new SandboxHost(log);
        try {
          await assert.rejects(handedOver.answeringEndpoint(), (error: Error) => error.message.includes(gone) && /npm start/.test(error.message));
        } finally {
          handedOver.dispose();
        }
      });
    } finally {
      host.dispose();
      log.dispose();
    }
  });
});
