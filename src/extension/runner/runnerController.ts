import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PowerSchoolError, isAbortError, type PowerSchoolClient } from '../../core/client';
import { parsePsreq, requestAt, type PromptVariable } from '../../core/psreq';
import { exportRecords, type ExportFormat } from '../../core/records';
import { PsreqRunner, RequestHistory, RunError, SendPolicy, historyEntryOf, isPaged, realPath, requestTitle, prettyBody, sendAllSummary, toCurl, unrestricted, type HistoryEntry, type PagingProgress, type RunResult, type SendRules, type SentRequest } from '../../core/runner';
import type { Services } from '../services';
import { describeError } from '../util/errors';
import type { FailureAction } from '../util/commands';
import { connectionActions } from '../connections/connectionActions';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import { rangeOf } from '../util/positions';
import { askToSend } from './confirmSend';
import { GlobalHistoryStore } from './historyStore';
import { ResponsePanel, type PanelAction, type ShownResponse } from './responsePanel';

/** Asks whether to send `requests` (one line each: METHOD url) for `reason`. */
export type Confirmer = (reason: string, requests: readonly string[]) => Promise<boolean>;

const trustRemedy = 'Trust this workspace to allow it (command: Workspaces: Manage Workspace Trust).';

/** The connection a send went to, and how to send it again (a failure offers Retry). */
interface SentTo {
  readonly connection: string;
  readonly retry: () => unknown;
}

interface DocumentRunner {
  readonly runner: PsreqRunner;
  readonly client: PowerSchoolClient;
  readonly production: boolean;
  readonly variables: string;
}

/**
 * Sends requests of .psreq documents: one PsreqRunner per document and connection (so named
 * responses stay available for chaining), progress with cancel, the confirmation question,
 * the history, and the response view's actions.
 */
export class RunnerController extends Disposables {
  readonly panel: ResponsePanel;
  readonly history: RequestHistory;
  /** The last failure shown to the user (tests read it). */
  lastError: string | undefined;
  /** The last Send all summary (tests read it). */
  lastSummary: string | undefined;
  /** Whether a "sending" progress is shown (tests read it). */
  sending = false;
  private readonly runners = new Map<string, DocumentRunner>();
  private confirmer: Confirmer | undefined;
  private prompter: ((prompt: PromptVariable, secret: boolean) => Promise<string | undefined>) | undefined;
  private workspaceTrusted: () => boolean = () => vscode.workspace.isTrusted;
  /** One for the session: hosts the user let response data go to are not asked about again. */
  private readonly policy = new SendPolicy(() => this.sendRules());
  private reportPage: ((progress: PagingProgress) => void) | undefined;
  /** History writes in the order requests were answered; a command resolves after its own. */
  private historyWrites: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    log: Log,
  ) {
    super(log);
    this.history = new RequestHistory(new GlobalHistoryStore(services.context));
    this.panel = this.track(new ResponsePanel(services.context.extensionUri, log, (action, shown) => this.onPanelAction(action, shown)));
    this.track(vscode.workspace.onDidCloseTextDocument((document) => this.runners.delete(document.uri.toString())));
  }

  /** Replaces the modal question (tests answer it); undefined restores the modal. */
  setConfirmer(confirm: Confirmer | undefined): void {
    this.confirmer = confirm;
  }

  /** Replaces the workspace's trust (tests, whose workspace is trusted); undefined restores it. */
  setWorkspaceTrust(trusted: (() => boolean) | undefined): void {
    this.workspaceTrusted = trusted ?? (() => vscode.workspace.isTrusted);
  }

  async sendRequest(uri?: vscode.Uri, index?: number): Promise<RunResult | undefined> {
    const document = await this.documentFor(uri);
    if (!document) return this.fail('Open a .psreq file and put the cursor in a request to send it.');
    const entry = await this.runnerFor(document);
    if (!entry) return undefined;
    let target = index;
    if (target === undefined) {
      const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
      target = requestAt(entry.runner.requests, editor ? document.offsetAt(editor.selection.active) : 0)?.index;
    }
    const request = target === undefined ? undefined : entry.runner.requests[target];
    if (!request) return this.fail('There is no request here to send.');
    const approved = await this.approvePlanned(entry.runner, [request.index]);
    if (!approved) return undefined;
    const result = await this.withProgress(`${request.method.text} ${requestTitle(request) ?? request.name ?? ''}`.trim(), document, (signal) => entry.runner.run(request.index, signal, approved), isPaged(request),
      { connection: entry.client.name, retry: () => this.sendRequest(document.uri, request.index) });
    if (result) this.panel.show({ result, origin: { uri: document.uri.toString(), index: request.index }, fromHistory: false });
    await this.historyWrites;
    return result;
  }

  async sendAll(uri?: vscode.Uri): Promise<RunResult[] | undefined> {
    const document = await this.documentFor(uri);
    if (!document) return this.fail('Open a .psreq file to send its requests.');
    const entry = await this.runnerFor(document);
    if (!entry) return undefined;
    if (entry.runner.requests.length === 0) return this.fail('This file has no requests.');
    const approved = await this.approvePlanned(entry.runner);
    if (!approved) return undefined;
    const results = await this.withProgress('all requests', document, (signal) => entry.runner.runAll(signal, undefined, approved), true,
      { connection: entry.client.name, retry: () => this.sendAll(document.uri) });
    const last = results?.at(-1);
    if (last) this.panel.show({ result: last, origin: { uri: document.uri.toString(), index: last.request.index }, fromHistory: false });
    await this.historyWrites;
    if (results) void this.showSummary(sendAllSummary(results));
    return results;
  }

  /** Send all's closing summary: a notification, the full list in an editor on request. */
  private async showSummary(summary: { text: string; failed: number }): Promise<void> {
    this.lastSummary = summary.text;
    const headline = summary.text.split('\n', 1)[0]!;
    const open = 'Show Summary';
    const show = summary.failed > 0 ? vscode.window.showWarningMessage(headline, open) : vscode.window.showInformationMessage(headline, open);
    if ((await show) !== open) return;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: summary.text }), { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /**
   * Sends a request a command wrote (Preview Records, a plugin query's Run), not one of a file, to
   * `connection` and shows the answer in the response view, as a Send would: confirmation, progress, history.
   */
  async sendText(connection: string, text: string, what: string): Promise<RunResult | undefined> {
    this.lastError = undefined;
    return this.sendTextWith(await this.services.clients.get(connection), this.services.active.isProduction(connection), text, what);
  }

  /** sendText with a client of the caller's (a sandbox plugin's own OAuth client). */
  async sendTextWith(client: PowerSchoolClient, production: boolean, text: string, what: string): Promise<RunResult | undefined> {
    this.lastError = undefined;
    const runner = new PsreqRunner(parsePsreq(text), {
      client,
      production,
      policy: this.policy,
      confirm: (reason, request) => this.confirm(reason, request),
      onResult: (result) => this.record(result, client),
    });
    const approved = await this.approvePlanned(runner, [0]);
    if (!approved) return undefined;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `PowerSchool: reading ${what}` }, () => runner.run(0, undefined, approved));
    this.panel.show({ result, fromHistory: false });
    await this.historyWrites;
    return result;
  }

  /** Picks a past request (or takes its id) and shows its response again. */
  async showHistory(id?: string): Promise<HistoryEntry | undefined> {
    let entry = id === undefined ? undefined : this.history.find(id);
    if (id === undefined) {
      const items = this.history.list().map((candidate) => ({
        label: `${candidate.status >= 400 ? '$(error)' : '$(pass)'} ${candidate.status} ${candidate.method} ${pathAndQuery(candidate.url)}`,
        description: candidate.title ?? candidate.name,
        detail: `${new Date(candidate.at).toLocaleString()} · ${Math.round(candidate.timeMs)} ms${candidate.source ? ` · ${path.basename(vscode.Uri.parse(candidate.source.file).path)}` : ''}`,
        entry: candidate,
      }));
      if (items.length === 0) {
        void vscode.window.showInformationMessage('No requests sent yet: the history keeps the last 100.');
        return undefined;
      }
      entry = (await vscode.window.showQuickPick(items, { placeHolder: 'Reopen a response (the last 100 requests)', matchOnDescription: true, matchOnDetail: true }))?.entry;
    }
    if (!entry) return undefined;
    const text = (await this.history.body(entry.id)) ?? '';
    this.panel.show({ result: resultOfEntry(entry, text), origin: entry.source && { uri: entry.source.file, index: entry.source.index }, fromHistory: true });
    return entry;
  }

  async clearHistory(): Promise<void> {
    await this.history.clear();
  }

  /** Writes the shown body to `target` (asks where when not given). */
  async saveResponse(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const shown = this.panel.current;
    if (!shown) return this.fail('No response to save.');
    const isJson = shown.result.response.body !== null && typeof shown.result.response.body === 'object';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const defaultUri = folder ? vscode.Uri.joinPath(folder, isJson ? 'response.json' : 'response.txt') : undefined;
    const destination = target ?? (await vscode.window.showSaveDialog({ defaultUri, filters: isJson ? { JSON: ['json'] } : { Text: ['txt'] }, saveLabel: 'Save Response' }));
    if (!destination) return undefined;
    await vscode.workspace.fs.writeFile(destination, Buffer.from(prettyBody(shown.result.response.body, shown.result.response.rawText), 'utf8'));
    if (!target) void vscode.window.showInformationMessage(`Response saved to ${destination.fsPath}.`);
    return destination;
  }

  /** Copies the shown request as cURL; the token is `$PS_TOKEN` unless `withToken`. */
  async copyAsCurl(withToken = false): Promise<string | undefined> {
    const shown = this.panel.current;
    if (!shown) return this.fail('No request to copy.');
    let token: string | undefined;
    if (withToken && shown.result.request.withToken) {
      try {
        token = await (await this.services.clients.get()).accessToken();
      } catch (error) {
        return this.fail(`Could not get a token: ${describeError(error)}`);
      }
    }
    const line = toCurl(shown.result.request, { token });
    await vscode.env.clipboard.writeText(line);
    void vscode.window.showInformationMessage(token ? 'Copied as cURL, with the access token: do not share it.' : 'Copied as cURL (the token is written as $PS_TOKEN).');
    return line;
  }

  /** The whole shown body in an editor (the view cuts large ones short). */
  async openFull(): Promise<vscode.TextDocument | undefined> {
    const shown = this.panel.current;
    if (!shown) return this.fail('No response to open.');
    const { body, rawText } = shown.result.response;
    const isJson = body !== null && typeof body === 'object';
    const document = await vscode.workspace.openTextDocument({ language: isJson ? 'json' : 'plaintext', content: prettyBody(body, rawText) });
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Active });
    return document;
  }

  /**
   * Every record of the shown response to a CSV or NDJSON file (asks where when not given),
   * written a slice at a time with a cancellable progress. Returns how many were written.
   */
  async exportRecords(chosen?: ExportFormat, target?: vscode.Uri): Promise<number | undefined> {
    const shown = this.panel.current;
    if (!shown?.table) return this.fail('The response shown has no records to export.');
    const table = shown.table;
    const format = chosen ?? (await vscode.window.showQuickPick([
      { label: 'CSV', description: 'one row a record, the table\'s columns', format: 'csv' as const },
      { label: 'NDJSON', description: 'one JSON record a line, whole', format: 'ndjson' as const },
    ], { placeHolder: `Export ${table.total} records as` }))?.format;
    if (!format) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${String(table.set.path.at(-1) ?? 'records')}.${format}`;
    const destination = target ?? (await vscode.window.showSaveDialog({ defaultUri: folder && vscode.Uri.joinPath(folder, name), filters: format === 'csv' ? { CSV: ['csv'] } : { NDJSON: ['ndjson', 'jsonl'] }, saveLabel: `Export ${table.total} records` }));
    if (!destination) return undefined;
    if (destination.scheme !== 'file') return this.fail(`Records are exported to files on this machine, not to ${destination.scheme}: places.`);
    const written = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PowerSchool: exporting ${table.total} records`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await exportRecords(table, format, destination.fsPath, { signal: abort.signal, onProgress: (count) => progress.report({ message: `${count} of ${table.total}`, increment: (100 * Math.min(1000, table.total)) / table.total }) });
      } catch (error) {
        if (abort.signal.aborted) return this.fail(`Export cancelled: ${destination.fsPath} holds only part of the records.`, true);
        return this.fail(`The export failed: ${describeError(error)}`);
      } finally {
        cancel.dispose();
      }
    });
    if (written !== undefined && !target) void vscode.window.showInformationMessage(`${written} records exported to ${destination.fsPath}.`);
    return written;
  }

  /** The view's buttons stand in for commands: a failure is reported as a command's. */
  private async onPanelAction(action: PanelAction, shown: ShownResponse): Promise<void> {
    await this.services.commands.run(`response view: ${action}`, () => this.runPanelAction(action, shown));
  }

  private async runPanelAction(action: PanelAction, shown: ShownResponse): Promise<void> {
    switch (action) {
      case 'rerun':
        if (shown.origin) await this.sendRequest(vscode.Uri.parse(shown.origin.uri), shown.origin.index);
        return;
      case 'save':
        await this.saveResponse();
        return;
      case 'copyCurl':
        await this.copyAsCurl(false);
        return;
      case 'copyCurlWithToken':
        await this.copyAsCurl(true);
        return;
      case 'openFull':
        await this.openFull();
        return;
      case 'exportCsv':
        await this.exportRecords('csv');
        return;
      case 'exportNdjson':
        await this.exportRecords('ndjson');
        return;
    }
  }

  private async documentFor(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    if (uri) return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString()) ?? vscode.workspace.openTextDocument(uri);
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === 'psreq' ? document : undefined;
  }

  /** The document's runner (the Test Explorer runs its tests with it); undefined when the connection cannot be reached. */
  async runnerOf(document: vscode.TextDocument): Promise<PsreqRunner | undefined> {
    return (await this.runnerFor(document))?.runner;
  }

  private async runnerFor(document: vscode.TextDocument): Promise<DocumentRunner | undefined> {
    let client: PowerSchoolClient;
    try {
      client = await this.services.clients.get();
    } catch (error) {
      return this.fail(`Cannot reach '${this.services.active.name}': ${describeError(error)}`, false, connectionActions(this.services.store, this.services.active.name));
    }
    const production = this.services.active.isProduction();
    // The chosen environment's values win over the connection's own variables.
    const chosen = await this.services.environments.chosenFor(document.uri, this.services.psreq.get(document));
    const environment = { ...this.services.active.variables(), ...chosen.variables };
    const variables = JSON.stringify([environment, chosen.dotenv]);
    const key = document.uri.toString();
    const known = this.runners.get(key);
    if (known && known.client === client && known.production === production && known.variables === variables) {
      known.runner.update(this.services.psreq.get(document));
      return known;
    }
    const runner = new PsreqRunner(this.services.psreq.get(document), {
      client,
      production,
      environment,
      dotenv: chosen.dotenv,
      processEnv: process.env,
      prompt: (prompt, secret) => this.ask(prompt, secret),
      policy: this.policy,
      readFile: async (include) => Buffer.from(await vscode.workspace.fs.readFile(includeUri(document, include))).toString('utf8'),
      locateInclude: (include) => realPath(includeUri(document, include).fsPath),
      confirm: (reason, request) => this.confirm(reason, request),
      onPage: (progress) => this.reportPage?.(progress),
      onResult: (result) => this.record(result, client, document.uri),
    });
    const entry = { runner, client, production, variables };
    this.runners.set(key, entry);
    return entry;
  }

  /**
   * An untrusted workspace chose its .psreq files: they may send only to the active connection,
   * never read the environment, and take body files only from the workspace's folders. Read before
   * each request, so trust granted meanwhile applies to the next one.
   */
  private sendRules(): SendRules {
    if (this.workspaceTrusted()) return unrestricted;
    const includeRoots = (vscode.workspace.workspaceFolders ?? []).map((folder) => realPath(folder.uri.fsPath));
    return { connectionOnly: true, noEnvironmentReads: true, includeRoots, remedy: trustRemedy };
  }

  /** `# @prompt name`: asked once per Send; masked for secret-like names. */
  private async ask(prompt: PromptVariable, secret: boolean): Promise<string | undefined> {
    if (this.prompter) return this.prompter(prompt, secret);
    return vscode.window.showInputBox({ title: `Value for {{${prompt.name}}}`, prompt: prompt.description ?? `the request asks for '${prompt.name}' (# @prompt)`, password: secret, ignoreFocusOut: true });
  }

  /** Replaces the input box for # @prompt (tests answer it); undefined restores it. */
  setPrompter(prompter: ((prompt: PromptVariable, secret: boolean) => Promise<string | undefined>) | undefined): void {
    this.prompter = prompter;
  }

  private async confirm(reason: string, request: SentRequest): Promise<boolean> {
    return (this.confirmer ?? askToSend)(reason, [`${request.method} ${request.url}`]);
  }

  /**
   * Asks, before anything is sent (and before the progress says "sending"), about the requests
   * that need it: once for all of them. Undefined when declined (nothing is sent).
   */
  private async approvePlanned(runner: PsreqRunner, indexes?: readonly number[]): Promise<ReadonlySet<number> | undefined> {
    const planned = runner.plannedConfirmations(indexes);
    if (planned.length === 0) return new Set();
    const reasons = [...new Set(planned.map((write) => write.reason))];
    const reason = reasons.length === 1 ? reasons[0]! : `${planned.length} requests need confirmation: ${reasons.join(' ')}`;
    if (await (this.confirmer ?? askToSend)(reason, planned.map((write) => write.line))) return new Set(planned.map((write) => write.index));
    this.fail(`not sent: ${reason}`, true);
    return undefined;
  }

  /** Long runs (paging, Send all) get a cancellable notification; one request a status-bar spinner. */
  private async withProgress<T>(what: string, document: vscode.TextDocument, work: (signal: AbortSignal) => Promise<T>, long: boolean, sent: SentTo): Promise<T | undefined> {
    this.lastError = undefined;
    const location = long ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    return vscode.window.withProgress({ location, title: `PowerSchool: sending ${what}`, cancellable: long }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      this.reportPage = (page) => progress.report({ message: `page ${page.page} · ${page.records} records` });
      this.sending = true;
      try {
        return await work(abort.signal);
      } catch (error) {
        if (abort.signal.aborted || isAbortError(error)) {
          this.log.info('cancelled');
          void vscode.window.showInformationMessage('Request cancelled.');
          return undefined;
        }
        if (error instanceof RunError) {
          if (error.start !== undefined && error.kind !== 'declined') revealProblem(document, error.start, error.end ?? error.start);
          const at = error.start === undefined ? '' : `line ${document.positionAt(error.start).line + 1}: `;
          return this.fail(`${at}${error.message}`, error.kind === 'declined');
        }
        const reason = error instanceof PowerSchoolError ? error.message : `the request failed: ${describeError(error)}`;
        return this.fail(`'${sent.connection}': ${reason}`, false, connectionActions(this.services.store, sent.connection, sent.retry));
      } finally {
        this.sending = false;
        cancel.dispose();
        this.reportPage = undefined;
      }
    });
  }

  /** `uri`: the .psreq file the request came from (none for one a command wrote). */
  private record(result: RunResult, client: PowerSchoolClient, uri?: vscode.Uri): void {
    const entry = historyEntryOf(result, randomUUID(), Date.now(), uri && { file: uri.toString(), index: result.request.index });
    const body = client.redactor.redact(result.response.rawText);
    this.historyWrites = this.historyWrites
      .then(() => this.history.add(entry, body))
      .catch((error: unknown) => this.log.warn(`could not store the history: ${describeError(error)}`));
    this.services.pending.add(this.historyWrites);
  }

  private fail(message: string, declined = false, actions: readonly FailureAction[] = []): undefined {
    this.lastError = message;
    this.services.commands.report('runner', message, declined ? 'declined' : 'failed', actions);
    return undefined;
  }
}

/** Selects what stopped a request (an undefined variable, a bad include) in a visible editor. */
function revealProblem(document: vscode.TextDocument, start: number, end: number): void {
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
  if (!editor) return;
  const range = rangeOf(document, start, end);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** A `< file` body's path against the request file's folder (an untitled file's: the first workspace folder). */
function includeUri(document: vscode.TextDocument, include: string): vscode.Uri {
  const folder = document.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(document.uri, '..');
  return path.isAbsolute(include) ? vscode.Uri.file(include) : folder ? vscode.Uri.joinPath(folder, include) : vscode.Uri.file(path.resolve(include));
}

function pathAndQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function resultOfEntry(entry: HistoryEntry, text: string): RunResult {
  let body: unknown = text === '' ? undefined : text;
  try {
    if (text.trim()) body = JSON.parse(text);
  } catch {
    // Not JSON (or stored cut short): shown as text.
  }
  return {
    request: { index: entry.source?.index ?? 0, name: entry.name, title: entry.title, method: entry.method, url: entry.url, headers: entry.requestHeaders, body: entry.requestBody, withToken: entry.withToken },
    response: { status: entry.status, statusText: entry.statusText, headers: entry.responseHeaders, body, rawText: text, timeMs: entry.timeMs, sizeBytes: entry.sizeBytes },
    paging: entry.paging,
  };
}
