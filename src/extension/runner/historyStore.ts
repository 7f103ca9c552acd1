import * as vscode from 'vscode';
import type { HistoryEntry, HistoryStore } from '../../core/runner';

const stateKey = 'powerschool.runner.history';
/** Bodies beyond this are stored cut short: the history is for looking back, not an archive. */
export const storedBodyLimit = 5 * 1024 * 1024;

/** Entries in globalState (small, no secrets), bodies as files under global storage. */
export class GlobalHistoryStore implements HistoryStore {
  private readonly folder: vscode.Uri;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.folder = vscode.Uri.joinPath(context.globalStorageUri, 'response-history');
  }

  load(): readonly HistoryEntry[] {
    const stored = this.context.globalState.get<unknown>(stateKey);
    return Array.isArray(stored) ? (stored.filter((entry) => entry && typeof entry === 'object' && typeof entry.id === 'string') as HistoryEntry[]) : [];
  }

  async save(entries: readonly HistoryEntry[]): Promise<void> {
    await this.context.globalState.update(stateKey, entries);
  }

  async writeBody(id: string, text: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(this.bodyUri(id), Buffer.from(text.length > storedBodyLimit ? text.slice(0, storedBodyLimit) : text, 'utf8'));
  }

  async readBody(id: string): Promise<string | undefined> {
    try {
      return Buffer.from(await vscode.workspace.fs.readFile(this.bodyUri(id))).toString('utf8');
    } catch {
      return undefined;
    }
  }

  async deleteBody(id: string): Promise<void> {
    await vscode.workspace.fs.delete(this.bodyUri(id), { useTrash: false });
  }

  private bodyUri(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${id.replace(/[^\w-]/g, '_')}.txt`);
  }
}
