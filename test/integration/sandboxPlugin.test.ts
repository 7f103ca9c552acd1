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

  // Issue 12: changing the setting restarts the embedded sandbox; what was written before must still be there.
  it('keeps the writes made before the plugin changed (the district is carried across the restart)', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const sandbox = await api.services.sandbox.endpoint();
      const token = await fetch(`${sandbox.url}/oauth/access_token`, {
        method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString('base64')}` }, body: 'grant_type=client_credentials',
      });
      const { access_token } = (await token.json()) as { access_token: string };
      const response = await fetch(`${sandbox.url}${path}`, { method, headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as any };
    };
    const posted = await call('POST', '/ws/v1/student', { students: { student: [{
      client_uid: 'carried', action: 'INSERT', name: { first_name: 'Kept', last_name: 'Carriedacross' },
      school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'A' },
    }] } });
    assert.equal(posted.body.results.result.status, 'SUCCESS', JSON.stringify(posted.body));
    await configuration().update('sandbox.plugin', 'narrow-plugin', vscode.ConfigurationTarget.Global);
    await waitFor('the sandbox running as the fixture plugin', () => api.services.sandbox.plugin?.name === 'Narrow Roster');
    try {
      const found = await call('GET', '/ws/schema/table/students?q=last_name==Carriedacross&projection=dcid,last_name');
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.equal([found.body.record].flat()[0].tables.students.dcid, String(posted.body.results.result.success_message.id));
    } finally {
      await configuration().update('sandbox.plugin', undefined, vscode.ConfigurationTarget.Global);
      await waitFor('the sandbox with every grant', () => api.services.sandbox.plugin === undefined);
    }
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
