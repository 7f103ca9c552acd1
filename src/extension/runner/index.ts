import * as vscode from 'vscode';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';
import { SendCodeLensProvider } from './codeLens';
import { RunnerController } from './runnerController';

export type { Confirmer, RunnerController } from './runnerController';
export type { PanelState, TableState, ViewAction } from './responsePanel';

/** Send / Send all CodeLenses, the send commands (Ctrl+Alt+R), the response view and the history. */
export class Runner extends Disposables {
  /** Tests drive the runner through it (confirmations, the view's state, the history). */
  readonly controller: RunnerController;

  constructor(services: Services) {
    super(services.log.for('runner'));
    const controller = (this.controller = this.track(new RunnerController(services, this.log)));
    const commands = services.commands;
    this.track(vscode.languages.registerCodeLensProvider({ language: 'psreq' }, new SendCodeLensProvider(services.psreq)));
    this.track(commands.register('powerschool.sendRequest', (uri?: vscode.Uri, index?: number) => controller.sendRequest(uri instanceof vscode.Uri ? uri : undefined, typeof index === 'number' ? index : undefined)));
    this.track(commands.register('powerschool.sendAll', (uri?: vscode.Uri) => controller.sendAll(uri instanceof vscode.Uri ? uri : undefined)));
    this.track(commands.register('powerschool.showHistory', (id?: string) => controller.showHistory(typeof id === 'string' ? id : undefined)));
    this.track(commands.register('powerschool.clearHistory', () => controller.clearHistory()));
    this.track(commands.register('powerschool.saveResponse', (target?: vscode.Uri) => controller.saveResponse(target instanceof vscode.Uri ? target : undefined)));
    this.track(commands.register('powerschool.copyResponseAsCurl', (withToken?: boolean) => controller.copyAsCurl(withToken === true)));
    this.track(commands.register('powerschool.openFullResponse', () => controller.openFull()));
    this.track(commands.register('powerschool.exportResponseRecords', (format?: unknown, target?: vscode.Uri) => controller.exportRecords(format === 'ndjson' || format === 'csv' ? format : undefined, target instanceof vscode.Uri ? target : undefined)));
  }
}

export function registerRunner(services: Services): Runner {
  return new Runner(services);
}
