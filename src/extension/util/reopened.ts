import * as vscode from 'vscode';

/**
 * The open document that now has the URI `closed` had: an untitled name is reused as soon as it
 * is free, so a late close event of the old document can arrive after the new one opened.
 */
export function reopenedAs(closed: vscode.TextDocument): vscode.TextDocument | undefined {
  const key = closed.uri.toString();
  return vscode.workspace.textDocuments.find((open) => open !== closed && !open.isClosed && open.uri.toString() === key);
}
