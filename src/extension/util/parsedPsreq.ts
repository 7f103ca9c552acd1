import * as vscode from 'vscode';
import { PsreqBlocks, type PsreqDocument, type TextChange } from '../../core/psreq';
import { Disposables } from './disposables';
import type { Log } from './logger';

interface Parsed {
  readonly version: number;
  readonly parsed: PsreqBlocks;
  /** What changed since `parsed`, up to document version `version`. */
  pending?: { readonly change: TextChange; readonly version: number };
}

/**
 * The parse of each open `.psreq` document at its current version, shared by every feature. An
 * edit re-parses only the blocks it touched: the editor's change events say where.
 */
export class ParsedPsreqDocuments extends Disposables {
  private readonly cache = new WeakMap<vscode.TextDocument, Parsed>();

  constructor(log: Log) {
    super(log);
    this.track(vscode.workspace.onDidChangeTextDocument((event) => {
      const entry = this.cache.get(event.document);
      if (!entry || event.contentChanges.length === 0) return;
      let change = entry.pending?.change;
      // The extension host applies an event's changes one after another; so are they composed.
      for (const { rangeOffset, rangeLength, text } of event.contentChanges) {
        const next = { start: rangeOffset, oldEnd: rangeOffset + rangeLength, newEnd: rangeOffset + text.length };
        change = change ? composeChanges(change, next) : next;
      }
      entry.pending = { change: change!, version: event.document.version };
    }));
  }

  /** The blocks of the document's current text. */
  blocks(document: vscode.TextDocument): PsreqBlocks {
    const cached = this.cache.get(document);
    if (cached?.version === document.version) return cached.parsed;
    const text = document.getText();
    let parsed: PsreqBlocks;
    if (!cached) parsed = PsreqBlocks.parse(text);
    else {
      const pending = cached.pending?.version === document.version ? cached.pending.change : undefined;
      // A change that does not add up to the new text (an event missed) is found by comparing instead.
      const fits = pending && cached.parsed.text.length + (pending.newEnd - pending.oldEnd) === text.length;
      parsed = fits ? cached.parsed.edit(text, pending) : cached.parsed.edit(text);
    }
    this.cache.set(document, { version: document.version, parsed });
    return parsed;
  }

  /** The document's requests with document offsets (assembled from the blocks when first asked for). */
  get(document: vscode.TextDocument): PsreqDocument {
    return this.blocks(document).document;
  }
}

/** `first` then `second` (which is in the coordinates of the text after `first`) as one change. */
function composeChanges(first: TextChange, second: TextChange): TextChange {
  const start = Math.min(first.start, second.start);
  const end = Math.max(first.newEnd, second.oldEnd);
  return { start, oldEnd: end - (first.newEnd - first.oldEnd), newEnd: end + (second.newEnd - second.oldEnd) };
}
