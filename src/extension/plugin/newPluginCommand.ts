import * as vscode from 'vscode';
import { pluginCore } from './pluginCore';
import type { Services } from '../services';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function askName(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'PowerSchool: New Plugin',
    prompt: 'The plugin\'s name, as PowerSchool lists it',
    value: 'My Plugin',
    validateInput: (value) => (value.trim() ? undefined : 'A plugin needs a name'),
  });
}

async function askParent(): Promise<vscode.Uri | undefined> {
  const [picked] = await vscode.window.showOpenDialog({
    title: 'PowerSchool: New Plugin — the folder to create the plugin in',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Create Plugin Here',
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  }) ?? [];
  return picked;
}

/**
 * "PowerSchool: New Plugin": asks for a name and a parent folder (tests and other commands pass
 * them), writes the scaffold into a new folder beside nothing it would overwrite, and opens its
 * named query. Resolves to the plugin folder, or undefined when the user cancelled.
 */
export function registerNewPluginCommand(services: Services): vscode.Disposable {
  return services.commands.register('powerschool.newPlugin', async (parentArgument?: vscode.Uri, nameArgument?: string) => {
    const name = nameArgument ?? (await askName());
    if (!name) return undefined;
    const parent = parentArgument ?? (await askParent());
    if (!parent) return undefined;
    const plugin = pluginCore().scaffoldPlugin({ name });
    const folder = vscode.Uri.joinPath(parent, plugin.folder);
    if (await exists(folder)) throw new Error(`${folder.fsPath} already exists: choose another name or folder`);
    for (const file of plugin.files) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, ...file.path.split('/')), Buffer.from(file.text, 'utf8'));
    }
    services.log.for('plugin').info(`created plugin '${name.trim()}' in ${folder.fsPath}`);
    const query = plugin.files.find((file) => file.path.startsWith('queries_root/'));
    if (query) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, ...query.path.split('/')));
    return folder;
  });
}
