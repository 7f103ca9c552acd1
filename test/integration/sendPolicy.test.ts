import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { startOtherHost, type OtherHost } from '../support/otherHost';
import { activateExtension, extensionId, waitFor } from './support/extension';

// What a .psreq file may send where (issue 13, item 2): response data to another host is asked
// about once per host, and an untrusted workspace is held to the connection. The test workspace is
// trusted, so the runner's trust check is overridden for the untrusted cases.

interface Shown { response: { status: number } }

describe('send policy', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let other: OtherHost;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
    other = await startOtherHost();
  });
  beforeEach(() => other.arrived.splice(0));
  after(async () => {
    api.runner.setConfirmer(undefined);
    api.runner.setWorkspaceTrust(undefined);
    other.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const scratch = (content: string) => vscode.workspace.openTextDocument({ language: 'psreq', content });
  const send = (document: vscode.TextDocument, index: number) => vscode.commands.executeCommand<Shown | undefined>('powerschool.sendRequest', document.uri, index);

  it('asks once per host before data from a response goes to another host; Cancel sends nothing', async () => {
    const document = await scratch(`# @name district\nGET /ws/v1/district\n\n###\nGET ${other.url}/x?name={{district.response.body.district.name}}\n\n###\nGET ${other.url.replace('127.0.0.2', 'localhost')}/y?name={{district.response.body.district.name}}\n`);
    const asked: string[] = [];
    try {
      api.runner.setConfirmer(async (reason) => (asked.push(reason), false));
      assert.equal(await send(document, 1), undefined);
      assert.equal(asked.length, 1);
      assert.match(asked[0], /sends data from the response of 'district' \(read from 'Local sandbox'\) to 127\.0\.0\.2:\d+, another server/);
      assert.match(api.runner.lastError ?? '', /not sent: This request sends data/);
      assert.deepEqual(other.arrived, [], 'nothing reached the other host');

      api.runner.setConfirmer(async (reason) => (asked.push(reason), true));
      assert.equal((await send(document, 1))?.response.status, 200);
      assert.equal(other.arrived.length, 1);
      api.runner.setConfirmer(async (reason) => (asked.push(reason), false));
      assert.equal((await send(document, 1))?.response.status, 200, 'remembered for the session');
      assert.equal(asked.length, 2);
      assert.equal(other.arrived.length, 2);

      assert.equal(await send(document, 2), undefined, 'another host is asked about again');
      assert.equal(asked.length, 3);
      assert.match(asked[2], /to localhost:\d+, another server/);
    } finally {
      api.runner.setConfirmer(undefined);
    }
  });

  it('in an untrusted workspace refuses other hosts, $processEnv and body files outside the workspace, saying how to trust', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'psdev-outside-'));
    const outsideFile = path.join(outside, 'secret.txt');
    fs.writeFileSync(outsideFile, 'outside');
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.ok(!fs.realpathSync(outside).startsWith(fs.realpathSync(folder)), 'the file lies outside the workspace');
    const document = await scratch([
      `GET ${other.url}/x`,
      '',
      '###',
      'GET /ws/v1/district?home={{$processEnv PATH}}',
      '',
      '###',
      'POST /ws/v1/district',
      '',
      `< ${outsideFile}`,
      '',
      '###',
      'POST /ws/v1/district',
      '',
      '< ./runner.psreq',
      '',
      '###',
      'GET /ws/v1/district',
      '',
    ].join('\n'));
    let trusted = false;
    api.runner.setWorkspaceTrust(() => trusted);
    try {
      assert.equal(await send(document, 0), undefined);
      assert.match(api.runner.lastError ?? '', /^line 1: not sent: 127\.0\.0\.2:\d+ is not the server of the connection 'Local sandbox', and this workspace is not trusted\. Trust this workspace to allow it \(command: Workspaces: Manage Workspace Trust\)\.$/);
      assert.equal(await send(document, 1), undefined);
      assert.match(api.runner.lastError ?? '', /^line 4: not sent: \{\{\$processEnv PATH\}\} reads this computer's environment, and this workspace is not trusted\. Trust this workspace/);
      assert.equal(await send(document, 2), undefined);
      assert.match(api.runner.lastError ?? '', /^line 9: not sent: the body file .*secret\.txt is outside .*\. Trust this workspace/);
      assert.deepEqual(other.arrived, []);
      assert.ok((await send(document, 3))?.response.status, 'a body file inside the workspace is sent to the connection');
      assert.equal((await send(document, 4))?.response.status, 200, 'the connection itself is fine');

      trusted = true;
      assert.equal((await send(document, 0))?.response.status, 200, 'trust applies to the next request');
      assert.deepEqual(other.arrived, ['GET /x ']);
    } finally {
      api.runner.setWorkspaceTrust(undefined);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('warns in the editor, as psdev check does, where a secret or response data would go to another host', async () => {
    const document = await scratch('@token = {{$processEnv PATH}}\n# @name district\nGET /ws/v1/district\n\n###\nPOST http://127.0.0.2:9/f?t={{token}}\n\n{{district.response.body.district}}\n');
    await vscode.window.showTextDocument(document);
    const found = await waitFor('the send warnings', () => {
      const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => String(diagnostic.code).endsWith('-to-other-host'));
      return diagnostics.length === 2 ? diagnostics : undefined;
    });
    assert.deepEqual(found.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.severity, diagnostic.message]), [
      ['environment-to-other-host', 5, vscode.DiagnosticSeverity.Warning, "sends {{$processEnv PATH}} to 127.0.0.2:9, which is not the connection's server"],
      ['response-to-other-host', 5, vscode.DiagnosticSeverity.Warning, "sends data from the response of 'district' to 127.0.0.2:9, which is not the connection's server"],
    ]);
  });

  it('says in the manifest what an untrusted workspace may still send', () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description, /\.psreq requests are sent only to the active connection's server, without \{\{\$processEnv\}\} or \{\{\$dotenv\}\} values and with body files only from the workspace's folders/);
  });
});
