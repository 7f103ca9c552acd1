import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import { printActivationFigures } from '../support/activationFigures';

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

  it('measures its first load and activate() (issue 18: printed, not asserted), and stores V8\'s code cache of its bundle for the next start', async () => {
    const { load, cacheFiles } = await printActivationFigures('installed .vsix');
    assert.notEqual(load.codeCache, 'off');
    assert.equal(cacheFiles.length, 1, 'one cache file for these bytes of dist/extension.js');
  });

  it('loads the payload validator (ajv) and the emulator from their own bundles when first used (issue 18: activation loads neither)', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
    const api = await extension.activate();
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: '{"students":{"student":{"client_uid":"1","action":"UPDATE","id":5,"name":{"last_name":""}}}}' });
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand<number>('powerschool.validatePayload'), 1);
    const { url } = await api.services.sandbox.endpoint();
    assert.ok((await fetch(`${url}/ws/v1/time`)).status < 500, 'the emulator answers');
  });

  it('reads a plugin folder with plugin support from its own bundle (dist/plugin.js) when first used (issue 18: activation loads none of it)', async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'roster-plugin');
    const { plugin } = await api.plugins.models.get(folder);
    assert.ok(plugin.manifest, 'plugin.xml is read');
    assert.ok(plugin.queries.length > 0, 'its named queries are read');
  });

  it('links every README image to an https address under the repository (the extension page shows no other), each a screenshot the repository has', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const readmeName = fs.readdirSync(extension.extensionPath).find((name) => /^readme\.md$/i.test(name));
    assert.ok(readmeName, 'the README is packaged');
    const readme = fs.readFileSync(path.join(extension.extensionPath, readmeName), 'utf8');
    const repository = String(extension.packageJSON.repository?.url ?? extension.packageJSON.repository).replace(/\.git$/, '');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    assert.ok(images.length >= 8, `${images.length} images`);
    const checkout = path.resolve(__dirname, '../../../..');
    for (const image of images) {
      assert.ok(image.startsWith(`${repository}/raw/HEAD/`), `${image} is under ${repository}/raw/HEAD/`);
      assert.ok(fs.existsSync(path.join(checkout, image.slice(`${repository}/raw/HEAD/`.length))), `${image} names a file of the repository`);
    }
  });

  it('ships the bundles and no sources, tests or source maps', async () => {
    const root = vscode.Uri.file(vscode.extensions.getExtension(extensionId)!.extensionPath);
    const names = (await vscode.workspace.fs.readDirectory(root)).map(([name]) => name);
    for (const absent of ['src', 'test', 'node_modules', 'tsconfig.json', 'esbuild.mjs']) assert.ok(!names.includes(absent), `${absent} is packaged`);
    const dist = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, 'dist'))).map(([name]) => name);
    for (const bundle of ['main.js', 'extension.js', 'sandbox.js', 'plugin.js', 'payload.js', 'ajv.js', 'cli.js']) assert.ok(dist.includes(bundle), `dist/${bundle} is packaged`);
    assert.deepEqual(dist.filter((name) => name.endsWith('.map')), []);
  });
});
