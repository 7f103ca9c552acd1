import type * as vscode from 'vscode';

/** Keeps what a component creates, so nothing leaks when it is disposed. */
export class Disposables implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];

  protected track<T extends vscode.Disposable>(item: T): T {
    this.items.push(item);
    return item;
  }

  dispose(): void {
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}
