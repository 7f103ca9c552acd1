import * as vscode from 'vscode';
import type { FailureAction } from '../util/commands';
import type { ConnectionStore } from './connectionStore';

/**
 * The buttons of a failure that may lie with the server: fix the connection (a stored one; the
 * built-in sandbox has nothing to edit), use another, or try again.
 */
export function connectionActions(store: Pick<ConnectionStore, 'find'>, connection: string, retry?: () => unknown): FailureAction[] {
  const actions: FailureAction[] = [];
  if (store.find(connection)) actions.push({ title: 'Edit Connection', run: () => vscode.commands.executeCommand('powerschool.editConnection', connection) });
  actions.push({ title: 'Switch Connection', run: () => vscode.commands.executeCommand('powerschool.selectConnection') });
  if (retry) actions.push({ title: 'Retry', run: retry });
  return actions;
}
