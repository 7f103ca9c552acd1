import type * as vscode from 'vscode';

/**
 * Shows `picker` and resolves to the item accepted (Enter takes the active one, so a picker
 * opened on the current value keeps it); undefined when dismissed. The picker is disposed after.
 */
export function acceptedItem<T extends vscode.QuickPickItem>(picker: vscode.QuickPick<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]);
      picker.hide();
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}
