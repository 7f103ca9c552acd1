import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { printActivationFigures } from './support/activationFigures';
import { takeScreenshot } from './support/screenshot';

const extensionId = 'powerschool-devtools.powerschool-devtools';

describe('extension activation', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('measures its first load and activate() (issue 18: printed, not asserted), and stores V8\'s code cache of its bundle for the next start', async () => {
    const { load, cacheFiles } = await printActivationFigures('from source');
    assert.notEqual(load.codeCache, 'off');
    assert.equal(cacheFiles.length, 1, 'one cache file for these bytes of dist/extension.js');
  });

  it('contributes the PowerSchool view container with the Explorer and Plugins views and the Explorer welcome content', () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const container = manifest.contributes.viewsContainers.activitybar.find((item: { id: string }) => item.id === 'powerschool');
    assert.equal(container.title, 'PowerSchool');
    assert.deepEqual(manifest.contributes.views.powerschool.map((view: { id: string }) => view.id), ['powerschool.explorer', 'powerschool.plugins']);
    const welcome = manifest.contributes.viewsWelcome.find((item: { view: string }) => item.view === 'powerschool.explorer');
    assert.match(welcome.contents, /command:powerschool\.startSandbox/);
    assert.match(welcome.contents, /command:powerschool\.addConnection/);
  });

  it('opens the PowerSchool view through its generated focus command', async () => {
    await vscode.commands.executeCommand('powerschool.explorer.focus');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('powerschool.startSandbox'));
    assert.ok(commands.includes('powerschool.addConnection'));
    const picture = await takeScreenshot('welcome-view');
    if (picture) assert.ok(fs.readFileSync(picture).subarray(1, 4).toString() === 'PNG', 'the screenshot is a PNG');
  });

  it('registers every command the manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((item: { command: string }) => item.command).filter((command: string) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  it('gives .psreq files the psreq language', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const document = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'hello.psreq'));
    assert.equal(document.languageId, 'psreq');
  });
});
