import * as vscode from 'vscode';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import type { ActiveConnection } from './activeConnection';

/** Shows the active connection; red when it is marked production; a click switches. */
export class ConnectionStatusBar extends Disposables {
  private readonly item = this.track(vscode.window.createStatusBarItem('powerschool.connection', vscode.StatusBarAlignment.Left, 50));

  constructor(
    private readonly active: ActiveConnection,
    log: Log,
  ) {
    super(log);
    this.item.name = 'PowerSchool Connection';
    this.item.command = 'powerschool.selectConnection';
    this.track(active.onDidChange(() => this.render()));
    this.render();
    this.item.show();
  }

  private render(): void {
    const name = this.active.name;
    const production = this.active.isProduction();
    this.item.text = `$(${production ? 'warning' : 'plug'}) PS: ${name}`;
    this.item.backgroundColor = production ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const url = this.active.settings()?.url ?? 'embedded sandbox on 127.0.0.1';
    this.item.tooltip = new vscode.MarkdownString(`**PowerSchool:** ${name}${production ? ' — **production**' : ''}\n\n${url}\n\nClick to switch connections.`);
  }

  /** For tests: what the item currently shows. */
  get shown(): { text: string; production: boolean } {
    return { text: this.item.text, production: this.item.backgroundColor !== undefined };
  }
}
