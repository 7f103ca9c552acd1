import type * as vscode from 'vscode';
import { parsePsreq, type PsreqDocument } from '../../core/psreq';

/** The parse of each open `.psreq` document at its current version: parsed once per edit, shared by every feature. */
export class ParsedPsreqDocuments {
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; parsed: PsreqDocument }>();

  get(document: vscode.TextDocument): PsreqDocument {
    const cached = this.cache.get(document);
    if (cached?.version === document.version) return cached.parsed;
    const parsed = parsePsreq(document.getText());
    this.cache.set(document, { version: document.version, parsed });
    return parsed;
  }
}
