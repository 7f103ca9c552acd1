import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { activateExtension } from './support/extension';

interface Shown { response: { status: number }; request: { url: string } }

describe('environments, the Test Explorer and the Send all summary (issue 16)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let dir: string;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    dir = mkdtempSync(join(tmpdir(), 'psdev-env-'));
    writeFileSync(join(dir, 'http-client.env.json'), '{"small": {"size": "1"}, "large": {"size": "4"}}');
  });

  after(async () => {
    await vscode.commands.executeCommand('powerschool.selectEnvironment', '');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(join(dir, name)));
    await vscode.window.showTextDocument(document);
    return document;
  };

  it('sends the value of the environment chosen in the status bar, and switching it changes the value sent', async () => {
    const document = await open('env.psreq', 'GET /ws/v1/district/student?pagesize={{size}}\n');
    await vscode.commands.executeCommand('powerschool.selectEnvironment', 'small');
    assert.match(api.environmentStatusBar.shown, /small/);
    const small = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    assert.match(small.request.url, /pagesize=1$/);
    await vscode.commands.executeCommand('powerschool.selectEnvironment', 'large');
    const large = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    assert.match(large.request.url, /pagesize=4$/);
  });

  it('lists a file\'s tests in the Test Explorer, runs them, and marks a failing assertion\'s line', async () => {
    const document = await open('suite.psreq', '### passes\nGET /ws/v1/district\n?? status == 200\n\n### fails\nGET /ws/v1/district/student/count\n?? status == 200\n?? body resource.count == -1\n\n### not a test\nGET /ws/v1/district\n');
    const file = api.tests.discover(document)!;
    const tests: vscode.TestItem[] = [];
    file.children.forEach((item) => tests.push(item));
    assert.deepEqual(tests.map((item) => [item.label, item.range?.start.line]), [['passes', 1], ['fails', 5]]);
    await api.tests.runProfile.runHandler(new vscode.TestRunRequest([file]), new vscode.CancellationTokenSource().token);
    assert.deepEqual(api.tests.lastOutcomes.get(tests[0]!.id), { state: 'passed', lines: [] });
    assert.deepEqual(api.tests.lastOutcomes.get(tests[1]!.id), { state: 'failed', lines: [7] });
  });

  it('ends Send all with a summary of each request\'s status, time and assertions', async () => {
    const document = await open('all.psreq', '### one\nGET /ws/v1/district\n?? status == 200\n\n### two\nGET /ws/v1/district/student/count\n?? body resource.count == -1\n');
    await vscode.commands.executeCommand('powerschool.sendAll', document.uri);
    const summary = api.runner.lastSummary ?? '';
    assert.match(summary, /^2 request\(s\) sent: 1 passed, 1 failed\n\n✓ one — 200 OK · \d+ ms · .*1\/1 assertions passed\n✗ two — 200 OK · \d+ ms · .*0\/1 assertions passed\n    ✗ \?\? body resource\.count == -1 \(body resource\.count is \d+, expected == -1\)$/);
  });
});
