import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { activateExtension, waitFor } from './support/extension';

interface Shown { response: { status: number; body: unknown }; request: { url: string } }

describe('connection variables', function () {
  this.timeout(60_000);
  const name = 'Variables district';
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
    const sandbox = await api.services.sandbox.endpoint();
    await vscode.commands.executeCommand('powerschool.addConnection', {
      name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
      variables: { studentsPath: '/ws/v1/district/student', size: '2' },
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('fills {{name}} from the active connection, with file variables winning', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'psreq', content: '@size = 3\n### page\nGET {{studentsPath}}?pagesize={{size}}\n' });
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    assert.equal(result.response.status, 200);
    assert.match(result.request.url, /\/ws\/v1\/district\/student\?pagesize=3$/);
    assert.equal(((result.response.body as { students: { student: unknown[] } }).students.student).length, 3);
  });

  it('does not report a connection variable as undefined, but does report an unknown one', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'psreq', content: '### page\nGET {{studentsPath}}?pagesize={{nowhere}}\n' });
    await vscode.window.showTextDocument(document);
    const undefinedNames = await waitFor('the variable diagnostics', () => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.code === 'undefined-variable');
      return found.length > 0 ? found.map((diagnostic) => document.getText(diagnostic.range)) : undefined;
    });
    assert.deepEqual(undefinedNames, ['nowhere']);
  });
});
