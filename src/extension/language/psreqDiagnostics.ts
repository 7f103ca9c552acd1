import * as vscode from 'vscode';
import type { AssistFix } from '../../core/assist';
import { KeptFindings, checkPsreq, type Finding, type PsreqChecker } from '../../core/check';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import type { ParsedPsreqDocuments } from '../util/parsedPsreq';
import { rangeOf } from '../util/positions';
import { reopenedAs } from '../util/reopened';

// Distinct from the payload diagnostics' 'powerschool', so each feature's findings can be told apart.
export const psreqDiagnosticSource = 'powerschool-psreq';

const severities: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A published diagnostic and the edits that fix it (quick fixes look them up by range and code). */
export interface FixableDiagnostic {
  readonly diagnostic: vscode.Diagnostic;
  readonly fixes: readonly AssistFix[];
}

/**
 * The "powerschool-psreq" diagnostics of open .psreq documents: the checks `psdev check` runs
 * (parser, variables, q, parameters, expansions, page size, PowerQuery bodies). Checked after a
 * pause in typing, per document; a result for an older version than the document's is dropped.
 */
export class PsreqDiagnostics extends Disposables {
  private readonly collection = this.track(vscode.languages.createDiagnosticCollection('powerschool-psreq'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly fixable = new Map<string, FixableDiagnostic[]>();
  /** Per document: the findings of blocks an edit left alone. */
  private readonly kept = new Map<string, KeptFindings>();

  constructor(
    private readonly checks: readonly PsreqChecker[],
    private readonly parsed: ParsedPsreqDocuments,
    log: Log,
    private readonly delayMs = 250,
  ) {
    super(log);
    this.track(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this.track(vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) this.schedule(event.document);
    }));
    this.track(vscode.workspace.onDidCloseTextDocument((document) => this.clear(document)));
    this.track({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    this.refreshAll();
  }

  /** Re-checks every open .psreq document from scratch (e.g. after live schema arrived, or the environments changed). */
  refreshAll(): void {
    for (const kept of this.kept.values()) kept.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  fixesFor(document: vscode.TextDocument): readonly FixableDiagnostic[] {
    return this.fixable.get(document.uri.toString()) ?? [];
  }

  /** Checks now and publishes (tests and the debounce timer call this). */
  async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || document.languageId !== 'psreq') return;
    const version = document.version;
    const key = document.uri.toString();
    let kept = this.kept.get(key);
    if (!kept) this.kept.set(key, (kept = new KeptFindings()));
    const found = await checkPsreq({ parsed: this.parsed.blocks(document), ...(document.uri.scheme === 'file' ? { path: document.uri.fsPath } : {}) }, this.checks, kept);
    for (const failure of found.filter((finding) => finding.code === 'checker-failed')) this.log.error(`checking ${document.uri.fsPath}: ${failure.message}`);
    if (document.isClosed || document.version !== version) return;
    const published: FixableDiagnostic[] = found.map((finding) => {
      const diagnostic = new vscode.Diagnostic(rangeOf(document, finding.start, finding.end), finding.message, severities[finding.severity]);
      diagnostic.source = psreqDiagnosticSource;
      diagnostic.code = finding.code;
      return { diagnostic, fixes: finding.fixes ?? [] };
    });
    this.fixable.set(document.uri.toString(), published);
    this.collection.set(document.uri, published.map((item) => item.diagnostic));
  }

  private schedule(document: vscode.TextDocument, delay = this.delayMs): void {
    if (document.languageId !== 'psreq') return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.refresh(document);
    }, delay));
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.fixable.delete(key);
    this.kept.delete(key);
    this.collection.delete(document.uri);
    // The close cancelled the check of a new document that took over the same (untitled) name.
    const reopened = reopenedAs(document);
    if (reopened) this.schedule(reopened, 0);
  }
}
