import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, extensionId, waitFor } from './support/extension';
import { psdev } from '../support/psdev';
import type { ExtensionApi } from '../../src/extension/extension';

// Issue 17, defect 4: a shipped payload example shows in the editor (checked against the
// active connection, the sandbox) exactly what `psdev validate --catalog` finds.

const metadataFile = 'u_studentsuserfields.metadata.json';
const files = ['valid.ps-table.json', 'invalid.ps-table.json', 'valid-update.students.json', 'invalid-extension.students.json'];

describe('shipped payload examples in the editor', () => {
  let api: ExtensionApi;
  const payloads = () => path.join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'examples', 'payloads');

  before(async () => {
    api = await activateExtension();
    await api.services.sandbox.endpoint();
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  for (const file of files) {
    it(`${file} shows exactly what psdev validate --catalog finds`, async () => {
      const cli = await psdev(['validate', '--catalog', metadataFile, '--json', file], {}, payloads());
      const [report] = JSON.parse(cli.stdout) as { findings: { code: string; line: number; column: number }[] }[];
      const expected = report!.findings.map((finding) => `${finding.line}:${finding.column} ${finding.code}`).sort();
      if (file.startsWith('valid')) assert.deepEqual(expected, [], `${file} is clean on the command line`);
      const uri = vscode.Uri.file(path.join(payloads(), file));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const shown = () => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'powerschool')
        .map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${String(diagnostic.code)}`).sort();
      // Live metadata arrives after the first pass: wait for the findings to match, then for them to stay.
      await waitFor(`${file}: ${expected.join(', ') || 'no findings'}`, () => JSON.stringify(shown()) === JSON.stringify(expected) || undefined, 30_000)
        .catch(() => assert.deepEqual(shown(), expected));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(shown(), expected);
    });
  }
});
