import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { Disposables } from '../util/disposables';
import { ReadyWatchdog } from '../util/readyWatchdog';
import type { Log } from '../util/logger';
import { responseHtml, type ResponsePageParts } from './responseHtml';
import { RecordTable, jsonPath, recordSetOf, valueAt, type PathSegment, type RecordQuery } from '../../core/records';
import { defaultLargeBodyBytes, previewBytes, showMessage, type RunResult, type ShowMessage } from '../../core/runner';

/** Where a shown response came from, so Re-run can send it again. */
export interface ResponseOrigin {
  readonly uri: string;
  readonly index: number;
}

export interface ShownResponse {
  readonly result: RunResult;
  readonly origin?: ResponseOrigin;
  readonly fromHistory: boolean;
  /** The body's records, when it has any. */
  readonly table?: RecordTable;
}

export type PanelAction = 'rerun' | 'save' | 'copyCurl' | 'copyCurlWithToken' | 'openFull' | 'exportCsv' | 'exportNdjson';
const panelActions: readonly string[] = ['rerun', 'save', 'copyCurl', 'copyCurlWithToken', 'openFull', 'exportCsv', 'exportNdjson'];

/** What the table shows, as the webview reported it after drawing. */
export interface TableState {
  readonly mode: string;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly matched: number;
  readonly total: number;
  readonly offset: number;
  readonly expanded: number;
  readonly sort?: { readonly column: number; readonly descending: boolean };
  readonly filter: string;
}

/** What tests (and the API) can see of the view. */
export interface PanelState {
  readonly status: number;
  readonly title: string;
  readonly bodyKind: ShowMessage['body']['kind'];
  /** How many times the webview has loaded its page: more than once when VS Code reloaded it. */
  readonly loads: number;
  /** The view has painted the request line, before its body (the benchmark's first paint). */
  readonly painted?: boolean;
  /** What the webview reported after drawing: the status text it shows and how many lines it built. */
  readonly rendered?: { readonly status: string; readonly bodyKind: string; readonly nodes: number; readonly mode: string; readonly notice: string; readonly table?: TableState; readonly assertions?: AssertionCounts };
}

/** How many `??` lines the view shows as passed and failed. */
export interface AssertionCounts {
  readonly passed: number;
  readonly failed: number;
}

/** What the view's controls do, asked of it from outside (tests, commands): the same code runs as for a click. */
export type ViewAction =
  | { readonly type: 'mode'; readonly mode: 'table' | 'tree' | 'raw' }
  | { readonly type: 'sort'; readonly column: number; readonly descending: boolean }
  | { readonly type: 'filter'; readonly text: string }
  | { readonly type: 'page'; readonly offset: number }
  | { readonly type: 'expandAll' }
  | { readonly type: 'collapseAll' }
  /** Selects the `line`-th line of the tree shown (as a click on it would). */
  | { readonly type: 'select'; readonly line: number }
  | { readonly type: 'copy'; readonly what: 'value' | 'path' };

type ViewMessage = {
  readonly type?: string;
  readonly generation?: number;
  readonly query?: RecordQuery;
  readonly indexes?: readonly number[];
  readonly path?: readonly PathSegment[];
  readonly status?: string;
  readonly bodyKind?: string;
  readonly nodes?: number;
  readonly mode?: string;
  readonly notice?: string;
  readonly table?: TableState;
  readonly assertions?: AssertionCounts;
};

/** Rows the view may ask for at once: it holds a page, never the whole list. */
const maxRowsPerQuery = 500;

/** The one response view beside the editor, reused for every response. */
export class ResponsePanel extends Disposables {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  /** What the view was last told to show: posted again whenever the view (re)loads, since a reloaded webview starts blank. */
  private showing?: object;
  private loads = 0;
  /** The body as Pretty shows it, kept until the view asks when a table was shown first. */
  private fullBody?: ShowMessage['body'];
  private shown?: ShownResponse;
  private shownState?: PanelState;
  /** Counts responses shown, so an answer the view asked of an earlier one is dropped. */
  private generation = 0;
  /** Bodies this large or larger are shown cut short (tests lower it). */
  largeBodyBytes = defaultLargeBodyBytes;
  /** How long to wait for the view's page to say it is ready before setting it again; after the last, the user is told (tests lower it). */
  loadWaitsMs: readonly number[] = [5_000, 10_000, 20_000];
  private watchdog?: ReadyWatchdog;
  private parts?: ResponsePageParts;

  constructor(
    private readonly extensionUri: vscode.Uri,
    log: Log,
    private readonly onAction: (action: PanelAction, shown: ShownResponse) => void | Promise<void>,
  ) {
    super(log);
    this.track({ dispose: () => this.panel?.dispose() });
  }

  get state(): PanelState | undefined {
    return this.panel ? this.shownState : undefined;
  }

  get current(): ShownResponse | undefined {
    return this.shown;
  }

  show(response: Omit<ShownResponse, 'table'>): void {
    // A response that lands after the extension went must not open a view nothing would close.
    if (this.isDisposed) return;
    const set = recordSetOf(response.result.response.body);
    const shown: ShownResponse = { ...response, table: set && new RecordTable(set) };
    this.shown = shown;
    this.generation++;
    const full = showMessage(shown.result, { largeBodyBytes: this.largeBodyBytes, canRerun: shown.origin !== undefined, fromHistory: shown.fromHistory, table: shown.table });
    // A table needs none of the body up front: Pretty asks for it, so a long list opens at once.
    const message = { ...full, body: shown.table && full.body.kind === 'json' ? { kind: 'json', later: true } : full.body, generation: this.generation };
    this.fullBody = full.body;
    const title = `${shown.result.response.status} ${shown.result.request.method} ${pathOf(shown.result.request.url)}`;
    this.shownState = { status: shown.result.response.status, title, bodyKind: full.body.kind, loads: this.loads };
    const panel = this.ensurePanel();
    panel.title = `Response: ${title}`;
    if (!panel.visible) panel.reveal(vscode.ViewColumn.Beside, true);
    this.showing = message;
    if (this.ready) void panel.webview.postMessage(message);
  }

  /** Does in the view what a click would; the view reports the result in `state`. */
  perform(action: ViewAction): Thenable<boolean> {
    return this.post({ type: 'perform', action });
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('powerschool.response', 'Response', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // Ctrl+F searches what the tree and raw views show.
      enableFindWidget: true,
      // The page carries its script and style (responseHtml): it may load nothing from disk.
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'powerschool.svg');
    const setPage = () => {
      this.ready = false;
      panel.webview.html = responseHtml(this.pageParts(media));
    };
    const waits = this.loadWaitsMs;
    const watchdog = new ReadyWatchdog(
      waits,
      (attempt) => {
        this.log.warn(`the response view's page did not say it was ready within ${waits[attempt - 1]} ms: setting it again (attempt ${attempt})`);
        setPage();
      },
      () => void this.cannotLoad(),
    );
    this.watchdog = watchdog;
    setPage();
    watchdog.start();
    const listener = panel.webview.onDidReceiveMessage((message: ViewMessage) => this.receive(message));
    // A hidden view may not load until it is shown again: its wait counts only while it is visible.
    const visibility = panel.onDidChangeViewState(() => {
      if (this.ready) return;
      if (panel.visible) watchdog.resume();
      else watchdog.stop();
    });
    panel.onDidDispose(() => {
      watchdog.stop();
      this.watchdog = undefined;
      visibility.dispose();
      listener.dispose();
      this.panel = undefined;
      this.ready = false;
      this.loads = 0;
      this.showing = undefined;
    });
    this.panel = panel;
    return panel;
  }

  /** The page's script and style: files of the extension, so read once. */
  private pageParts(media: vscode.Uri): ResponsePageParts {
    this.parts ??= {
      script: readFileSync(vscode.Uri.joinPath(media, 'response-view.js').fsPath, 'utf8'),
      style: readFileSync(vscode.Uri.joinPath(media, 'response-view.css').fsPath, 'utf8'),
    };
    return this.parts;
  }

  private receive(message: ViewMessage): void {
    if (message.type === 'ready') {
      this.watchdog?.ready();
      this.ready = true;
      this.loads++;
      // The view may have reloaded (VS Code re-creates a webview when it is moved or reloaded): what it drew is gone.
      if (this.shownState) this.shownState = { status: this.shownState.status, title: this.shownState.title, bodyKind: this.shownState.bodyKind, loads: this.loads };
      if (this.showing) void this.panel?.webview.postMessage(this.showing);
      return;
    }
    // The view asked about a response it no longer shows.
    if (message.generation !== undefined && message.generation !== this.generation) return;
    const shown = this.shown;
    switch (message.type) {
      case 'painted':
        if (this.shownState) this.shownState = { ...this.shownState, painted: true };
        return;
      case 'rendered':
        if (this.shownState) this.shownState = { ...this.shownState, rendered: { status: String(message.status), bodyKind: String(message.bodyKind), nodes: Number(message.nodes), mode: String(message.mode), notice: String(message.notice ?? ''), table: message.table, ...(message.assertions ? { assertions: message.assertions } : {}) } };
        return;
      case 'rows':
        if (shown?.table && message.query) void this.post({ type: 'rows', ...shown.table.query(boundedQuery(message.query)) });
        return;
      case 'records':
        if (shown?.table && message.indexes) void this.post({ type: 'records', records: message.indexes.slice(0, maxRowsPerQuery).map((index) => ({ index, path: shown.table!.set.pathOf(index), value: shown.table!.set.records[index] })) });
        return;
      case 'body':
        if (this.fullBody) void this.post({ type: 'body', body: this.fullBody });
        return;
      case 'raw':
        if (shown) void this.post({ type: 'raw', text: shown.result.response.rawText.slice(0, previewBytes), cut: shown.result.response.rawText.length > previewBytes });
        return;
      case 'copyValue':
      case 'copyPath':
        if (shown && message.path) void this.copy(message.type, shown, message.path);
        return;
    }
    if (message.type && panelActions.includes(message.type) && shown) void this.onAction(message.type as PanelAction, shown);
  }

  private async copy(what: 'copyValue' | 'copyPath', shown: ShownResponse, path: readonly PathSegment[]): Promise<void> {
    const value = valueAt(shown.result.response.body, path);
    const text = what === 'copyPath' ? jsonPath(path) : typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? '';
    await vscode.env.clipboard.writeText(text);
    void this.post({ type: 'copied', what: what === 'copyPath' ? `Copied ${text}` : `Copied the value at ${jsonPath(path)}` });
  }

  private async cannotLoad(): Promise<void> {
    this.log.warn('the response view\'s page never said it was ready: VS Code could not start its webview');
    const reload = 'Reload Window';
    const answer = await vscode.window.showWarningMessage('The response view could not load: VS Code did not start its webview. Reloading the window usually cures it (responses are kept in the history).', reload);
    if (answer === reload) await vscode.commands.executeCommand('workbench.action.reloadWindow');
  }

  private post(message: object): Thenable<boolean> {
    return this.panel?.webview.postMessage({ ...message, generation: this.generation }) ?? Promise.resolve(false);
  }
}

function boundedQuery(query: RecordQuery): RecordQuery {
  return { sort: query.sort, filter: typeof query.filter === 'string' ? query.filter : undefined, offset: Math.max(0, Number(query.offset) || 0), limit: Math.min(maxRowsPerQuery, Math.max(1, Number(query.limit) || 1)) };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
