import * as vscode from 'vscode';
import type { PayloadFinding, Severity } from '../../core/payload';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import { rangeOf } from '../util/positions';
import { reopenedAs } from '../util/reopened';
import type { SchemaService } from '../schema/schemaService';
import type { PayloadAnalysis, PayloadAnalyzer } from './payloadAnalyzer';

export const payloadDiagnosticSource = 'powerschool';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(document: vscode.TextDocument, finding: PayloadFinding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(document, finding.start, finding.end), finding.message, severities[finding.severity]);
  diagnostic.source = payloadDiagnosticSource;
  diagnostic.code = finding.code;
  return diagnostic;
}

/**
 * Pause after the last keystroke before validating: short for ordinary files and for student
 * bodies checked incrementally (an edit costs the records it touched, whatever the size),
 * longer for other multi-megabyte ones, so those are checked once a burst of typing ends.
 */
function delayFor(document: vscode.TextDocument, incremental: boolean): number {
  if (incremental) return 150;
  const length = document.offsetAt(new vscode.Position(document.lineCount, 0));
  return Math.min(1_000, 150 + Math.round(length / 20_000));
}

/**
 * The "powerschool-payload" diagnostics: every open payload document (student and table
 * bodies, `.psreq` request bodies) validated after each edit, debounced per document; a newer
 * edit replaces the pending run, so only the last version is ever checked. Cleared on close.
 */
export class PayloadDiagnostics extends Disposables {
  private readonly collection = this.track(vscode.languages.createDiagnosticCollection('powerschool-payload'));
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; document: vscode.TextDocument }>();
  /** Open documents whose findings depend on live metadata (revalidated when it arrives). */
  private readonly usingLive = new Map<string, vscode.TextDocument>();

  constructor(
    private readonly analyzer: PayloadAnalyzer,
    live: SchemaService,
    log: Log,
  ) {
    super(log);
    this.track(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this.track(vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length === 0) return;
      this.analyzer.edited(event);
      this.schedule(event.document);
    }));
    this.track(vscode.workspace.onDidCloseTextDocument((document) => this.clear(document)));
    this.track(live.onDidLoad(() => {
      for (const document of this.usingLive.values()) this.schedule(document, 0);
    }));
    this.track({ dispose: () => this.cancelAll() });
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Validates now (skipping any pending run) and publishes; undefined when the document holds no payload. */
  refresh(document: vscode.TextDocument): PayloadAnalysis | undefined {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(key);
    if (document.isClosed) return undefined;
    const analysis = this.analyzer.analyze(document);
    if (!analysis) {
      this.collection.delete(document.uri);
      this.usingLive.delete(key);
      return undefined;
    }
    if (analysis.usedLive) this.usingLive.set(key, document);
    else this.usingLive.delete(key);
    this.collection.set(document.uri, analysis.findings.filter((finding) => !analysis.restated(finding)).map((finding) => toDiagnostic(document, finding)));
    return analysis;
  }

  private schedule(document: vscode.TextDocument, delay = delayFor(document, this.analyzer.isIncremental(document))): void {
    if (document.uri.scheme === 'output' || document.uri.scheme === 'git') return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending.timer);
    this.timers.set(key, { document, timer: setTimeout(() => this.refresh(document), delay) });
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(key);
    this.usingLive.delete(key);
    this.analyzer.forget(document);
    this.collection.delete(document.uri);
    // The close cancelled the check of a new document that took over the same (untitled) name.
    const reopened = reopenedAs(document);
    if (reopened) this.schedule(reopened, 0);
  }

  private cancelAll(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
