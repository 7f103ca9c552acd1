import type * as vscode from 'vscode';
import type { Log } from './logger';

/**
 * The base of every stateful host class: what it creates is tracked and disposed with it, last
 * made first. Something tracked after dispose (a late async continuation) is disposed at once
 * and reported, so it can neither leak nor go unnoticed.
 */
export abstract class Disposables implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];
  private disposed = false;

  constructor(protected readonly log: Log) {}

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected track<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
      this.log.debug('a registration arrived after dispose: disposed it at once');
      return item;
    }
    this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}
