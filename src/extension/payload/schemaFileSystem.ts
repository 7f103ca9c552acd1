import * as vscode from 'vscode';
import { payloadCore } from './payloadCore';

/** The scheme of our schemas' `$id`s (`powerschool-schema://schemas/student-post.schema.json`), as in package.json. */
export const schemaScheme = 'powerschool-schema';

const readOnly = () => vscode.FileSystemError.NoPermissions('PowerSchool schemas are read-only');

/**
 * Serves the editor variants of our schemas (descriptions, snippets, value lists; no rules,
 * which our diagnostics report once) from the extension itself, so a `$schema` reference
 * loads offline and never shows "Unable to load schema". Built once, on first read.
 */
export class SchemaFileSystem implements vscode.FileSystemProvider {
  private readonly contents = new Map<string, Uint8Array>();
  private readonly created = Date.now();
  readonly onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>().event;

  static register(): vscode.Disposable {
    return vscode.workspace.registerFileSystemProvider(schemaScheme, new SchemaFileSystem(), { isReadonly: true, isCaseSensitive: true });
  }

  private isRoot(uri: vscode.Uri): boolean {
    return uri.path === '' || uri.path === '/';
  }

  private contentOf(uri: vscode.Uri): Uint8Array {
    const name = uri.with({ query: '', fragment: '' }).toString(true);
    const cached = this.contents.get(name);
    if (cached) return cached;
    const { editorSchemaOf, editorSchemaSources } = payloadCore();
    const source = editorSchemaSources.get(name);
    if (!source) throw vscode.FileSystemError.FileNotFound(uri);
    const content = new TextEncoder().encode(JSON.stringify(editorSchemaOf(source), null, 2));
    this.contents.set(name, content);
    return content;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (this.isRoot(uri)) return { type: vscode.FileType.Directory, ctime: this.created, mtime: this.created, size: 0 };
    return { type: vscode.FileType.File, ctime: this.created, mtime: this.created, size: this.contentOf(uri).byteLength, permissions: vscode.FilePermission.Readonly };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    if (!this.isRoot(uri)) throw vscode.FileSystemError.FileNotADirectory(uri);
    return [...payloadCore().editorSchemaSources.keys()].map((id) => vscode.Uri.parse(id)).filter((id) => id.authority === uri.authority).map((id) => [id.path.slice(1), vscode.FileType.File]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.contentOf(uri);
  }

  watch(): vscode.Disposable {
    // The schemas ship with the extension: they never change while it runs.
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(): never {
    throw readOnly();
  }

  writeFile(): never {
    throw readOnly();
  }

  delete(): never {
    throw readOnly();
  }

  rename(): never {
    throw readOnly();
  }
}
