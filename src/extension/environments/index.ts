import * as vscode from 'vscode';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';
import { registerEnvironmentProviders } from './environmentProviders';
import { EnvironmentStatusBar } from './environmentStatusBar';

export { EnvironmentService } from './environmentService';

/** The environment chooser (status bar item and command), and completion/hover of environment variables. */
export class EnvironmentChooser extends Disposables {
  readonly statusBar: EnvironmentStatusBar;

  constructor(private readonly services: Services) {
    super(services.log.for('environments'));
    this.statusBar = this.track(new EnvironmentStatusBar(services.environments, this.log));
    this.track(registerEnvironmentProviders(services));
    this.track(services.commands.register('powerschool.selectEnvironment', (name?: string) => this.choose(typeof name === 'string' ? name : undefined)));
  }

  /** Chooses `name` (tests), or asks among the environments the active file can use. */
  private async choose(name?: string): Promise<string | undefined> {
    const { environments, active } = this.services;
    const set = await environments.environmentsFor(vscode.window.activeTextEditor?.document.uri);
    let chosen = name;
    if (chosen === undefined) {
      const none = '$(circle-slash) No environment';
      const items = [...set.names.map((label) => ({ label, description: set.connectionOf(label) ? `connection: ${set.connectionOf(label)}` : undefined, picked: label === environments.selected })), { label: none, description: 'only $shared and .env values' }];
      if (set.names.length === 0) void vscode.window.showInformationMessage('No environments found: add http-client.env.json next to your .psreq files or at the workspace root.');
      const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Environment for .psreq files (a file\'s # @env wins)' });
      if (!picked) return undefined;
      chosen = picked.label === none ? '' : picked.label;
    }
    await environments.select(chosen || undefined);
    // An environment may pin its PowerSchool connection.
    const pinned = chosen ? set.connectionOf(chosen) : undefined;
    if (pinned && pinned !== active.name && active.names().includes(pinned)) await active.select(pinned);
    return chosen || undefined;
  }
}
