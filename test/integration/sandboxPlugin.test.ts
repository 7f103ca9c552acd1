import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { activateExtension, waitFor } from './support/extension';

// powerschool.sandbox.plugin: the embedded sandbox runs as a plugin.xml, the editor flags the
// columns it was not granted, and Send gets the sandbox's 403 NoAccess.

interface Shown { response: { status: number; body: unknown } }

const request = 'GET /ws/schema/table/students?projection=dcid,first_name\n';
const missingLine = '<field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"/>';

function ungranted(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.code === 'ungranted-column');
}

describe('the sandbox plugin setting', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  const configuration = () => vscode.workspace.getConfiguration('powerschool');

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
  });

  after(async () => {
    await configuration().update('sandbox.plugin', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  let document: vscode.TextDocument;

  it('warns about an ungranted column naming the missing access_request line, and Send gets 403 NoAccess', async () => {
    document = await vscode.workspace.openTextDocument({ language: 'psreq', content: request });
    await vscode.window.showTextDocument(document);
    assert.deepEqual(ungranted(document), [], 'every grant before the setting');
    await configuration().update('sandbox.plugin', 'narrow-plugin', vscode.ConfigurationTarget.Global);
    await waitFor('the sandbox running as the fixture plugin', () => api.services.sandbox.plugin?.name === 'Narrow Roster');
    const [warning] = await waitFor('an ungranted-column warning', () => (ungranted(document).length ? ungranted(document) : undefined), 20_000);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(warning.message.includes(missingLine), warning.message);
    assert.equal(document.getText(warning.range).toLowerCase(), 'first_name');
    assert.equal(ungranted(document).length, 1, 'dcid is granted');

    const refused = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    assert.equal(refused.response.status, 403, api.runner.lastError);
    assert.match(JSON.stringify(refused.response.body), /"NoAccess"/);
  });

  it('drops the warning and answers again once the setting is cleared', async () => {
    await configuration().update('sandbox.plugin', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('the sandbox with every grant', () => api.services.sandbox.plugin === undefined);
    await waitFor('the warning gone', () => ungranted(document).length === 0);
    const answered = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    assert.equal(answered.response.status, 200, api.runner.lastError);
  });

  it('has no warning for another connection, whose plugin is not known', async () => {
    await configuration().update('sandbox.plugin', 'narrow-plugin', vscode.ConfigurationTarget.Global);
    await waitFor('an ungranted-column warning', () => ungranted(document).length === 1);
    const sandbox = await api.services.sandbox.endpoint();
    const name = 'Sandbox plugin test';
    await vscode.commands.executeCommand('powerschool.addConnection', { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    try {
      await vscode.commands.executeCommand('powerschool.selectConnection', name);
      await waitFor('the warning gone', () => ungranted(document).length === 0);
    } finally {
      await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
      await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
      await configuration().update('sandbox.plugin', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('keeps every grant when the folder has no plugin.xml', async () => {
    await configuration().update('sandbox.plugin', 'no-such-plugin-folder', vscode.ConfigurationTarget.Global);
    await waitFor('the setting read', () => vscode.workspace.getConfiguration('powerschool.sandbox').get('plugin') === 'no-such-plugin-folder');
    assert.equal(api.services.sandbox.plugin, undefined);
    const answered = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    assert.equal(answered.response.status, 200, api.runner.lastError);
  });

  it('is a restricted setting in untrusted workspaces', () => {
    const manifest = vscode.extensions.getExtension('powerschool-devtools.powerschool-devtools')!.packageJSON;
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('powerschool.sandbox.plugin'));
  });
});
