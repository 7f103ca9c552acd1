import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { registerConnectionCommands } from '../../src/extension/connections/connectionCommands';
import { registerRunner } from '../../src/extension/runner';
import type { Services } from '../../src/extension/services';
import { Commands } from '../../src/extension/util/commands';
import { activateExtension } from './support/extension';

describe('host lifecycle', () => {
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  it('a feature\'s one Disposable takes every command it registered with it', async () => {
    // A second copy of two features, their command ids prefixed so they do not clash with the running ones.
    const prefix = 'lifecycleTest.';
    const commands = new Commands(
      {
        registerCommand: (id, run) => vscode.commands.registerCommand(`${prefix}${id}`, run),
        showErrorMessage: (message, ...items) => vscode.window.showErrorMessage(message, ...items),
        showInformationMessage: (message) => vscode.window.showInformationMessage(message),
      },
      api.services.log.for('lifecycle test'),
      { redact: (text) => text },
    );
    const services: Services = { ...api.services, commands };
    const ours = async () => (await vscode.commands.getCommands(true)).filter((id) => id.startsWith(prefix)).sort();

    const features = [registerConnectionCommands(services), registerRunner(services)];
    const registered = await ours();
    assert.ok(registered.includes(`${prefix}powerschool.addConnection`) && registered.includes(`${prefix}powerschool.sendRequest`), registered.join(', '));
    assert.equal(registered.length, 14);
    for (const feature of features) feature.dispose();
    assert.deepEqual(await ours(), []);
  });

  it('a failing command reports why and resolves to undefined; it never rejects', async () => {
    const result = await vscode.commands.executeCommand('powerschool.explorer.openMetadata', 'NO_SUCH_TABLE_ANYWHERE');
    assert.equal(result, undefined);
    const failure = api.services.commands.lastFailure;
    assert.equal(failure?.source, 'powerschool.explorer.openMetadata');
    assert.match(failure?.message ?? '', /no table or PowerQuery named 'NO_SUCH_TABLE_ANYWHERE'/);
  });
});
