import * as vscode from 'vscode';
import { KeptFindings, checkPsreqBlocks, type Finding, type PsreqChecker } from '../../core/check';
import { createLineIndex } from '../../core/text';
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

/** An edit that fixes a diagnostic, where the diagnostic was made. */
export interface DiagnosticFix {
  readonly title: string;
  readonly range: vscode.Range;
  readonly newText: string;
}

/** A published diagnostic and the edits that fix it (quick fixes look them up by range and code). */
export interface FixableDiagnostic {
  readonly diagnostic: vscode.Diagnostic;
  readonly fixes: readonly DiagnosticFix[];
}

/** What a block's findings became, for the line the block started on then. */
interface MadeDiagnostics {
  readonly line: number;
  readonly published: readonly FixableDiagnostic[];
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
  /**
   * Per block's findings (the array the checks keep while they stay the same): the diagnostics made
   * of them. Their ranges are lines and columns, so they stay right while the block starts on the
   * same line: a keystroke makes diagnostics only for the block it touched (and, after a line
   * break, for the blocks below it).
   */
  private readonly made = new WeakMap<readonly Finding[], MadeDiagnostics>();

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
    const found = await checkPsreqBlocks({ parsed: this.parsed.blocks(document), ...(document.uri.scheme === 'file' ? { path: document.uri.fsPath } : {}) }, this.checks, kept);
    const logFailures = (findings: readonly Finding[]) => {
      for (const failure of findings) if (failure.code === 'checker-failed') this.log.error(`checking ${document.uri.fsPath}: ${failure.message}`);
    };
    logFailures(found.file);
    for (const { findings } of found.blocks) logFailures(findings);
    if (document.isClosed || document.version !== version) return;
    // VS Code takes the whole list on every version: one array of the kept diagnostics, with the file's findings in their places.
    const published: FixableDiagnostic[] = [];
    const fileFindings = found.file;
    let next = 0;
    const publishFileFindingsBefore = (start: number, end: number) => {
      for (; next < fileFindings.length && (fileFindings[next].start < start || (fileFindings[next].start === start && fileFindings[next].end < end)); next++) {
        published.push(fixableDiagnostic(fileFindings[next], (from, to) => rangeOf(document, from, to)));
      }
    };
    found.blocks.forEach(({ block, findings }, i) => {
      const blockStart = found.starts[i];
      const line = document.positionAt(blockStart).line;
      let made = this.made.get(findings);
      if (made?.line !== line) {
        const at = createLineIndex(block.text);
        const rangeIn = (start: number, end: number) => {
          const from = at(start);
          const to = at(Math.max(start, end));
          return new vscode.Range(line + from.line, from.column, line + to.line, to.column);
        };
        made = { line, published: findings.map((finding) => fixableDiagnostic(finding, rangeIn)) };
        this.made.set(findings, made);
      }
      made.published.forEach((item, j) => {
        publishFileFindingsBefore(blockStart + findings[j].start, blockStart + findings[j].end);
        published.push(item);
      });
    });
    publishFileFindingsBefore(Infinity, Infinity);
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

function fixableDiagnostic(finding: Finding, rangeIn: (start: number, end: number) => vscode.Range): FixableDiagnostic {
  const diagnostic = new vscode.Diagnostic(rangeIn(finding.start, finding.end), finding.message, severities[finding.severity]);
  diagnostic.source = psreqDiagnosticSource;
  diagnostic.code = finding.code;
  return { diagnostic, fixes: (finding.fixes ?? []).map(({ title, start, end, newText }) => ({ title, range: rangeIn(start, end), newText })) };
}
