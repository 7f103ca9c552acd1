import * as vscode from 'vscode';
import { acceptedItem } from '../util/quickPick';

interface Choice extends vscode.QuickPickItem {
  readonly send: boolean;
}

/**
 * Asks whether to send: `reason` as the title, `requests` listed under it. Cancel is the item
 * Enter takes (a modal dialog's default button would be Send); Escape or clicking away cancels.
 */
export async function askToSend(reason: string, requests: readonly string[]): Promise<boolean> {
  const picker = vscode.window.createQuickPick<Choice>();
  picker.title = reason;
  picker.placeholder = requests.length > 1 ? `Send these ${requests.length} requests?` : 'Send it?';
  picker.ignoreFocusOut = true;
  picker.matchOnDescription = true;
  const cancel: Choice = { label: '$(close) Cancel', description: 'send nothing', send: false };
  const send: Choice = { label: requests.length > 1 ? `$(warning) Send all ${requests.length}` : '$(warning) Send', send: true };
  picker.items = [
    cancel,
    send,
    { label: requests.length > 1 ? 'Requests' : 'Request', kind: vscode.QuickPickItemKind.Separator, send: false },
    ...requests.map((line) => ({ label: line, send: false })),
  ];
  picker.activeItems = [cancel];
  return (await acceptedItem(picker))?.send === true;
}
