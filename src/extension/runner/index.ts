import * as vscode from 'vscode';
import type { Services } from '../services';
import { SendCodeLensProvider } from './codeLens';
import { RunnerController } from './runnerController';

export type { Confirmer, RunnerController } from './runnerController';
export type { PanelState } from './responsePanel';

/** Send / Send all CodeLenses, the send commands (Ctrl+Alt+R), the response view and the history. */
export function registerRunner(services: Services): RunnerController {
  const controller = new RunnerController(services);
  const lenses = new SendCodeLensProvider(services.psreq);
  services.context.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ language: 'psreq' }, lenses),
    vscode.commands.registerCommand('powerschool.sendRequest', (uri?: vscode.Uri, index?: number) => controller.sendRequest(uri instanceof vscode.Uri ? uri : undefined, typeof index === 'number' ? index : undefined)),
    vscode.commands.registerCommand('powerschool.sendAll', (uri?: vscode.Uri) => controller.sendAll(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('powerschool.showHistory', (id?: string) => controller.showHistory(typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('powerschool.clearHistory', () => controller.clearHistory()),
    vscode.commands.registerCommand('powerschool.saveResponse', (target?: vscode.Uri) => controller.saveResponse(target instanceof vscode.Uri ? target : undefined)),
    vscode.commands.registerCommand('powerschool.copyResponseAsCurl', (withToken?: boolean) => controller.copyAsCurl(withToken === true)),
    vscode.commands.registerCommand('powerschool.openFullResponse', () => controller.openFull()),
  );
  return controller;
}
