import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * Edits tests make to the workspace fixture, and putting its files back: each file's text is
 * remembered before its first edit, and revertAll writes it back (saved, whether or not the test
 * saved its edits), so the next test starts from the fixture.
 */
export class FixtureEdits {
  private readonly originals = new Map<string, { uri: vscode.Uri; text: string }>();

  /** Remembers a file a test changes other than through replace (a quick fix's edit). */
  remember(document: vscode.TextDocument): void {
    if (!this.originals.has(document.uri.toString())) this.originals.set(document.uri.toString(), { uri: document.uri, text: document.getText() });
  }

  /** Replaces `search` (first occurrence) in the open document without saving; answers the offset right after the new text. */
  async replace(document: vscode.TextDocument, search: string, replacement: string): Promise<number> {
    this.remember(document);
    const at = document.getText().indexOf(search);
    assert.ok(at >= 0, `'${search}' in ${document.uri.fsPath}`);
    const change = new vscode.WorkspaceEdit();
    change.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + search.length)), replacement);
    assert.ok(await vscode.workspace.applyEdit(change));
    return at + replacement.length;
  }

  async revertAll(): Promise<void> {
    for (const { uri, text } of this.originals.values()) {
      const document = await vscode.workspace.openTextDocument(uri);
      const restore = new vscode.WorkspaceEdit();
      restore.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
      await vscode.workspace.applyEdit(restore);
      await document.save();
    }
    this.originals.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}
