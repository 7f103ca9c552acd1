import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('powerschool.startSandbox', () => {
      void vscode.window.showInformationMessage('The PowerSchool sandbox is not available yet.');
    }),
  );
}

export function deactivate(): void {}
