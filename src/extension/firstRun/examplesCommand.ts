import * as vscode from 'vscode';
import type { Services } from '../services';

const examplesFolder = 'examples';

/** Files under `folder`, relative to it, requests and payloads only (sorted: requests first). */
async function exampleFiles(folder: vscode.Uri, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
    const relative = `${prefix}${name}`;
    if (type === vscode.FileType.Directory) found.push(...(await exampleFiles(vscode.Uri.joinPath(folder, name), `${relative}/`)));
    else if (/\.(psreq|json|xml)$/.test(name)) found.push(relative);
  }
  const rank = (file: string) => (file.endsWith('.psreq') ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * PowerSchool: Open Example: the examples ship inside the extension (an installed .vsix has no
 * repository to look in). With a path relative to examples/ it opens that file without asking.
 */
export function registerExamplesCommand({ context, commands }: Services): vscode.Disposable {
  return commands.register('powerschool.openExample', async (relative?: string) => {
    const folder = vscode.Uri.joinPath(context.extensionUri, examplesFolder);
    const chosen = relative ?? (await vscode.window.showQuickPick(await exampleFiles(folder), { placeHolder: 'Open an example request, payload or plugin (they run against the Local sandbox)' }));
    if (!chosen) return undefined;
    if (chosen.split(/[\\/]/).includes('..')) throw new Error(`'${chosen}' is not a file of the examples`);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, chosen));
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  });
}
