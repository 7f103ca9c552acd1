import * as vscode from 'vscode';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';

export const catalogScheme = 'powerschool-catalog';

/**
 * Read-only JSON documents (table metadata, record previews) under `powerschool-catalog:`. The
 * command fetches first and hands the text over, so a failure is a message, not a broken document.
 */
export class ReadOnlyDocuments extends Disposables implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = this.track(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(log: Log) {
    super(log);
    this.track(vscode.workspace.registerTextDocumentContentProvider(catalogScheme, this));
    this.track({ dispose: () => this.contents.clear() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '// This document is no longer available: run the command again.';
  }

  /** Opens (or updates) `connection/name` with `value` as pretty JSON. */
  async show(connection: string, name: string, value: unknown): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: catalogScheme, path: `/${connection}/${name}.json` });
    this.contents.set(uri.toString(), `${JSON.stringify(value, null, 2)}\n`);
    this.changed.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'json') document = await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }
}
