import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { activateExtension, closedPort, waitFor } from './support/extension';

// Issue 17, defect 6: an error about a request names the connection and offers Edit Connection,
// Switch Connection and Retry; the PowerSchool log has each request once, with its connection.

describe('request errors name the server', function () {
  this.timeout(120_000);
  const name = 'Unreachable district';
  const secret = 's3cret-of-the-unreachable-district';
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.addConnection', { name, url: `http://127.0.0.1:${await closedPort()}`, clientId: 'unreachable-id', clientSecret: secret }, 'keep');
  });

  after(async () => {
    await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a failed Send names the connection and offers Edit Connection, Switch Connection and Retry', async () => {
    await vscode.commands.executeCommand('powerschool.selectConnection', name);
    const document = await vscode.workspace.openTextDocument({ language: 'psreq', content: '### count\nGET /ws/v1/district/student/count\n' });
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('powerschool.sendRequest', document.uri, 0), undefined);
    const failure = api.services.commands.lastFailure;
    assert.match(failure?.message ?? '', new RegExp(`^'${name}': `));
    assert.deepEqual(failure?.actions, ['Edit Connection', 'Switch Connection', 'Retry']);
    assert.ok(!failure!.message.includes(secret));
    assert.match(failure!.message, /cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/, 'the reason reads whole (the token URL is not masked as a token)');
  });

  it('a failed Test Connection offers the same actions', async () => {
    await vscode.commands.executeCommand('powerschool.testConnection', name);
    const failure = api.services.commands.lastFailure;
    assert.match(failure?.message ?? '', new RegExp(`'${name}'`));
    assert.deepEqual(failure?.actions, ['Edit Connection', 'Switch Connection', 'Retry']);
  });

  it('a failed Count Records names the connection and offers the same actions', async () => {
    const node = { kind: 'table', id: `${name}/tables/students`, connection: name, table: { name: 'students' } };
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.countRecords', node), undefined);
    const failure = api.services.commands.lastFailure;
    assert.match(failure?.message ?? '', new RegExp(`^'${name}': cannot count students: .*cannot reach`));
    assert.deepEqual(failure?.actions, ['Edit Connection', 'Switch Connection', 'Retry']);
  });

  const tableNode = { kind: 'table', id: `${name}/tables/students`, connection: name, table: { name: 'students' } };
  const expectNamedFailure = (command: string, what: RegExp) => {
    const failure = api.services.commands.lastFailure;
    assert.equal(failure?.source, `powerschool.explorer.${command}`);
    assert.match(failure?.message ?? '', new RegExp(`^'${name}': ${what.source}: .*cannot reach`));
    assert.deepEqual(failure?.actions, ['Edit Connection', 'Switch Connection', 'Retry']);
    assert.ok(!failure!.message.includes(secret));
  };

  it('a failed Open Metadata names the connection and offers the same actions', async () => {
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.openMetadata', tableNode), undefined);
    expectNamedFailure('openMetadata', /cannot open the metadata of students/);
  });

  it('Preview Records of a table by name, when the table list cannot be fetched, names the connection and offers the same actions', async () => {
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.previewRecords', 'students', name), undefined);
    expectNamedFailure('previewRecords', /cannot look up 'students'/);
  });

  it('a failed New Request names the connection and offers the same actions', async () => {
    const editors = vscode.window.visibleTextEditors.length;
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.newRequest', tableNode), undefined);
    expectNamedFailure('newRequest', /cannot write a request for students/);
    assert.equal(vscode.window.visibleTextEditors.length, editors, 'no empty request opened');
  });

  it('logs a sent request once, with the connection name and never the token', async () => {
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    const logFile = path.join(api.services.context.logUri.fsPath, 'PowerSchool.log');
    const line = /Local sandbox: GET \/ws\/v1\/district\/student\/count → 200/;
    const lines = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n') : []);
    const before = lines().filter((each) => line.test(each)).length;
    const document = await vscode.workspace.openTextDocument({ language: 'psreq', content: '### count\nGET /ws/v1/district/student/count\n' });
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<{ response: { status: number } }>('powerschool.sendRequest', document.uri, 0);
    assert.equal(result?.response.status, 200, api.runner.lastError);
    await waitFor(`the request in ${logFile}`, () => lines().filter((each) => line.test(each)).length > before || undefined, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = lines();
    assert.equal(after.filter((each) => line.test(each)).length, before + 1, 'one line for one request');
    assert.equal(after.filter((each) => /GET \/ws\/v1\/district\/student\/count/.test(each) && !line.test(each)).length, 0, 'no second, unnamed line for it');
    const token = await (await api.services.clients.get('Local sandbox')).accessToken();
    assert.ok(!after.join('\n').includes(token), 'no token in the log');
  });
});
