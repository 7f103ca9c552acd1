import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'powerschool-devtools.powerschool-devtools';

describe('the installed .vsix', () => {
  it('is loaded from the extensions folder it was installed into, not from the sources', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    const expected = process.env.PSDEV_EXPECT_EXTENSIONS_DIR;
    assert.ok(expected, 'the launcher names the extensions folder');
    assert.equal(path.dirname(extension.extensionPath), expected);
  });

  it('activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('powerschool.startSandbox'));
  });

  it('ships the bundles and no sources, tests or source maps', async () => {
    const root = vscode.Uri.file(vscode.extensions.getExtension(extensionId)!.extensionPath);
    const names = (await vscode.workspace.fs.readDirectory(root)).map(([name]) => name);
    for (const absent of ['src', 'test', 'node_modules', 'tsconfig.json', 'esbuild.mjs']) assert.ok(!names.includes(absent), `${absent} is packaged`);
    const dist = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, 'dist'))).map(([name]) => name);
    assert.ok(dist.includes('extension.js') && dist.includes('cli.js'));
    assert.deepEqual(dist.filter((name) => name.endsWith('.map')), []);
  });
});
