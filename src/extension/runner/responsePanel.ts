import * as vscode from 'vscode';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import { responseHtml } from './responseHtml';
import { defaultLargeBodyBytes, showMessage, type RunResult, type ShowMessage } from '../../core/runner';

/** Where a shown response came from, so Re-run can send it again. */
export interface ResponseOrigin {
  readonly uri: string;
  readonly index: number;
}

export interface ShownResponse {
  readonly result: RunResult;
  readonly origin?: ResponseOrigin;
  readonly fromHistory: boolean;
}

export type PanelAction = 'rerun' | 'save' | 'copyCurl' | 'copyCurlWithToken' | 'openFull';

/** What tests (and the API) can see of the view. */
export interface PanelState {
  readonly status: number;
  readonly title: string;
  readonly bodyKind: ShowMessage['body']['kind'];
  /** What the webview reported after drawing: the status text it shows and how many lines it built. */
  readonly rendered?: { readonly status: string; readonly bodyKind: string; readonly nodes: number; readonly assertions?: AssertionCounts };
}

/** How many `??` lines the view shows as passed and failed. */
export interface AssertionCounts {
  readonly passed: number;
  readonly failed: number;
}

type ViewMessage = { type?: string; status?: string; bodyKind?: string; nodes?: number; assertions?: AssertionCounts };

/** The one response view beside the editor, reused for every response. */
export class ResponsePanel extends Disposables {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private pending?: ShowMessage;
  private shown?: ShownResponse;
  private shownState?: PanelState;
  /** Bodies this large or larger are shown cut short (tests lower it). */
  largeBodyBytes = defaultLargeBodyBytes;

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

  show(shown: ShownResponse): void {
    // A response that lands after the extension went must not open a view nothing would close.
    if (this.isDisposed) return;
    this.shown = shown;
    const message = showMessage(shown.result, { largeBodyBytes: this.largeBodyBytes, canRerun: shown.origin !== undefined, fromHistory: shown.fromHistory });
    const title = `${shown.result.response.status} ${shown.result.request.method} ${pathOf(shown.result.request.url)}`;
    this.shownState = { status: shown.result.response.status, title, bodyKind: message.body.kind };
    const panel = this.ensurePanel();
    panel.title = `Response: ${title}`;
    if (!panel.visible) panel.reveal(vscode.ViewColumn.Beside, true);
    if (this.ready) void panel.webview.postMessage(message);
    else this.pending = message;
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('powerschool.response', 'Response', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'powerschool.svg');
    this.ready = false;
    panel.webview.html = responseHtml(panel.webview, media, vscode.Uri.joinPath);
    const listener = panel.webview.onDidReceiveMessage((message: ViewMessage) => this.receive(message));
    panel.onDidDispose(() => {
      listener.dispose();
      this.panel = undefined;
      this.ready = false;
    });
    this.panel = panel;
    return panel;
  }

  private receive(message: ViewMessage): void {
    if (message.type === 'ready') {
      this.ready = true;
      if (this.pending) void this.panel?.webview.postMessage(this.pending);
      this.pending = undefined;
      return;
    }
    if (message.type === 'rendered' && this.shownState) {
      this.shownState = { ...this.shownState, rendered: { status: String(message.status), bodyKind: String(message.bodyKind), nodes: Number(message.nodes), ...(message.assertions ? { assertions: message.assertions } : {}) } };
      return;
    }
    const actions: readonly string[] = ['rerun', 'save', 'copyCurl', 'copyCurlWithToken', 'openFull'];
    if (message.type && actions.includes(message.type) && this.shown) void this.onAction(message.type as PanelAction, this.shown);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
