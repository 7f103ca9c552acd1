import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { activateExtension } from './support/extension';

// Plugin files in the editor: completion, New Plugin. The workspace holds roster-plugin/, a
// plugin that checks clean; tests change its files only in unsaved buffers and revert them.

const workspace = () => vscode.workspace.workspaceFolders![0]!.uri;
const pluginFile = (...parts: string[]) => vscode.Uri.joinPath(workspace(), 'roster-plugin', ...parts);

async function labelsAt(document: vscode.TextDocument, offset: number, trigger?: string): Promise<{ labels: string[]; items: vscode.CompletionItem[] }> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset), trigger);
  return { labels: list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)), items: list.items };
}

/** Replaces `search` (first occurrence) in the open document without saving; answers the offset right after the new text. */
async function edit(document: vscode.TextDocument, search: string, replacement: string): Promise<number> {
  const at = document.getText().indexOf(search);
  assert.ok(at >= 0, `'${search}' in ${document.uri.fsPath}`);
  const change = new vscode.WorkspaceEdit();
  change.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + search.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(change));
  return at + replacement.length;
}

async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('plugin files in the editor', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
  });

  afterEach(revertAll);

  it('completes grant tables and their columns in plugin.xml, with type and length', async () => {
    const document = await vscode.workspace.openTextDocument(pluginFile('plugin.xml'));
    await vscode.window.showTextDocument(document);
    const tableAt = await edit(document, '<field table="CC" field="TERMID"', '<field table="CC" field="TERMID"/>\n    <field table="');
    const tables = await labelsAt(document, tableAt, '"');
    assert.ok(tables.labels.includes('STUDENTS') && tables.labels.includes('SECTIONS'), tables.labels.slice(0, 20).join());
    const fieldAt = await edit(document, '<field table="', '<field table="SCHOOLS" field="');
    const fields = await labelsAt(document, fieldAt, '"');
    const name = fields.items.find((item) => item.label === 'NAME');
    assert.ok(name, fields.labels.join());
    assert.match(String(name.detail), /^SCHOOLS · VARCHAR2\(\d+\)$/);
  });

  it('completes an alias\'s columns inside <sql> and hovers one with its type and length', async () => {
    const document = await vscode.workspace.openTextDocument(pluginFile('queries_root', 'roster.named_queries.xml'));
    await vscode.window.showTextDocument(document);
    const at = await edit(document, 'SELECT s.dcid, ', 'SELECT s.dcid, s.');
    const { labels, items } = await labelsAt(document, at, '.');
    assert.ok(labels.includes('first_name') && labels.includes('enroll_status'), labels.slice(0, 20).join());
    assert.match(String(items.find((item) => item.label === 'first_name')?.detail), /^STUDENTS · VARCHAR2\(\d+\)$/);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(document.getText().indexOf('s.lastfirst') + 4));
    const markdown = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
    assert.match(markdown, /STUDENTS\.LASTFIRST/);
    assert.match(markdown, /VARCHAR2\(\d+\)/);
  });

  it('PowerSchool: New Plugin writes a plugin, a named query and a permission mapping, and opens the query', async () => {
    const parent = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'psdev-new-plugin-')));
    try {
      const folder = await vscode.commands.executeCommand<vscode.Uri>('powerschool.newPlugin', parent, 'Attendance Export');
      assert.ok(folder, api.services.commands.lastFailure?.message);
      assert.equal(path.basename(folder.fsPath), 'attendance_export');
      assert.ok(fs.existsSync(path.join(folder.fsPath, 'plugin.xml')));
      assert.ok(fs.existsSync(path.join(folder.fsPath, 'queries_root', 'attendance_export.named_queries.xml')));
      assert.ok(fs.existsSync(path.join(folder.fsPath, 'permissions_root', 'attendance_export.permission_mappings.xml')));
      assert.match(vscode.window.activeTextEditor?.document.uri.fsPath ?? '', /attendance_export\.named_queries\.xml$/);
      const again = await vscode.commands.executeCommand('powerschool.newPlugin', parent, 'Attendance Export');
      assert.equal(again, undefined);
      assert.match(api.services.commands.lastFailure?.message ?? '', /already exists/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(parent.fsPath, { recursive: true, force: true });
    }
  });
});
