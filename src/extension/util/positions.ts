import * as vscode from 'vscode';

/** Core code speaks in offsets; this is the one place they become editor ranges. */
export function rangeOf(document: vscode.TextDocument, start: number, end: number, base = 0): vscode.Range {
  return new vscode.Range(document.positionAt(base + start), document.positionAt(base + Math.max(start, end)));
}
