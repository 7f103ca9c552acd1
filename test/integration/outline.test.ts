import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';

describe('psreq outline and folding', () => {
  let document: vscode.TextDocument;
  before(async () => {
    await activateExtension();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    document = await vscode.workspace.openTextDocument(path.join(folder, 'outline.psreq'));
    await vscode.window.showTextDocument(document);
  });

  it('lists one symbol per request, named by title, name or method and path', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.detail]), [
      ['Schools', 'GET /ws/v1/district/school'],
      ['Students named S*', 'GET /ws/v1/district/student'],
      ['POST /ws/schema/query/com.pearson.core.student.student_dcid_id_map', 'POST /ws/schema/query/com.pearson.core.student.student_dcid_id_map'],
    ]);
    assert.equal(symbols[1].selectionRange.start.line, 8);
    assert.equal(symbols[1].selectionRange.end.line, 10, 'the request line with its continuation lines');
  });

  it('folds each request from its separator to its last line', async () => {
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const requests = ranges.filter((range) => range.kind === vscode.FoldingRangeKind.Region).map((range) => [range.start, range.end]);
    assert.deepEqual(requests, [[2, 5], [7, 10], [12, 16]]);
  });
});
