import * as vscode from 'vscode';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import type { EnvironmentService } from './environmentService';

/** The chosen environment beside the connection; a click chooses another. */
export class EnvironmentStatusBar extends Disposables {
  private readonly item = this.track(vscode.window.createStatusBarItem('powerschool.environment', vscode.StatusBarAlignment.Left, 49));

  constructor(
    private readonly environments: EnvironmentService,
    log: Log,
  ) {
    super(log);
    this.item.name = 'PowerSchool Environment';
    this.item.command = 'powerschool.selectEnvironment';
    this.track(environments.onDidChange(() => this.render()));
    this.render();
    this.item.show();
  }

  private render(): void {
    const name = this.environments.selected;
    this.item.text = `$(symbol-variable) ${name ?? 'No environment'}`;
    this.item.tooltip = new vscode.MarkdownString(`**Environment:** ${name ?? 'none (only $shared and .env values)'}\n\nFrom http-client.env.json, http-client.private.env.json, .env and REST Client's settings. A file's \`# @env name\` wins.\n\nClick to choose.`);
  }

  /** For tests: what the item currently shows. */
  get shown(): string {
    return this.item.text;
  }
}
