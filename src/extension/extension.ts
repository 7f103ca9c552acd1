import * as vscode from 'vscode';

// Placeholder command bodies until the connection and sandbox features land; they say so plainly.
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('powerschool.startSandbox', () => {
      void vscode.window.showInformationMessage('PowerSchool: the embedded sandbox is not wired into the extension yet.');
    }),
    vscode.commands.registerCommand('powerschool.addConnection', () => {
      void vscode.window.showInformationMessage('PowerSchool: connections are not wired into the extension yet.');
    }),
  );
}

export function deactivate(): void {}
