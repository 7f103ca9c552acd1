import * as vscode from 'vscode';
import { describeError } from '../util/errors';
import { connectionActions } from '../connections/connectionActions';
import {
  countQueryRecords, countTableRecords, powerQueryRequestText, previewRequestText, searchCatalog, tableRequestText,
  type SearchItem,
} from '../../core/catalog';
import type { Services } from '../services';
import type { CatalogRegistry } from '../schema/catalogRegistry';
import type { ExplorerModel } from './explorerModel';
import { explorerViewId } from './explorerProvider';
import { pickTableOrQuery } from './findTable';
import { nameOf, type ExplorerNode } from './nodes';
import type { ReadOnlyDocuments } from './readOnlyDocuments';

/** A command's subject: a tree node (context menus pass it), or a table/PowerQuery name on a connection. */
export type ExplorerTarget = ExplorerNode | string | undefined;

export interface FoundItem {
  readonly kind: SearchItem['kind'];
  readonly name: string;
  readonly connection: string;
}

type Subject = { kind: 'table'; connection: string; name: string } | { kind: 'powerQuery'; connection: string; name: string };

const previewRows = 50;

/** Sends a request written here to a connection and shows its answer in the response view. */
export type ShowRequest = (connection: string, text: string, what: string) => Promise<unknown>;

function isNode(value: unknown): value is ExplorerNode {
  return !!value && typeof value === 'object' && typeof (value as ExplorerNode).kind === 'string' && typeof (value as ExplorerNode).id === 'string';
}

/** The table or PowerQuery a node belongs to (a column → its table, an argument → its query). */
function subjectOf(node: ExplorerNode): Subject | undefined {
  switch (node.kind) {
    case 'table': return { kind: 'table', connection: node.connection, name: node.table.name };
    case 'column': return { kind: 'table', connection: node.connection, name: node.table };
    case 'powerQuery': return { kind: 'powerQuery', connection: node.connection, name: node.query.name };
    case 'queryArgument':
    case 'queryColumn': return { kind: 'powerQuery', connection: node.connection, name: node.query };
    default: return undefined;
  }
}

/**
 * An untitled document named after what it is about (its tab reads `STUDENTS.psreq`, and Save
 * offers that name), not after its first line; numbered when that name is taken.
 */
function freeUntitledUri(name: string, extension: string): vscode.Uri {
  const taken = new Set(vscode.workspace.textDocuments.filter((document) => document.isUntitled).map((document) => document.uri.path));
  for (let count = 1; ; count++) {
    const path = `${name}${count === 1 ? '' : `-${count}`}${extension}`;
    if (!taken.has(path)) return vscode.Uri.from({ scheme: 'untitled', path });
  }
}

export class ExplorerCommands {
  constructor(
    private readonly services: Services,
    private readonly model: ExplorerModel,
    private readonly registry: CatalogRegistry,
    private readonly documents: ReadOnlyDocuments,
    private readonly view: vscode.TreeView<ExplorerNode>,
    private readonly showRequest: ShowRequest,
  ) {}

  register(): vscode.Disposable {
    const command = <A extends unknown[], R>(id: string, run: (...args: A) => Promise<R>) => this.services.commands.register(`powerschool.explorer.${id}`, run);
    return vscode.Disposable.from(
      command('refresh', (target?: ExplorerTarget, connection?: string) => this.refresh(target, connection)),
      command('retry', (node?: ExplorerNode) => this.refresh(node)),
      command('findTable', (query?: string, connection?: string) => this.findTable(query, connection)),
      command('copyName', (target?: ExplorerTarget, connection?: string) => this.copyName(target, connection)),
      command('insertName', (target?: ExplorerTarget, connection?: string) => this.insertName(target, connection)),
      command('openMetadata', (target?: ExplorerTarget, connection?: string) => this.openMetadata(target, connection)),
      command('countRecords', (target?: ExplorerTarget, connection?: string) => this.countRecords(target, connection)),
      command('previewRecords', (target?: ExplorerTarget, connection?: string) => this.previewRecords(target, connection)),
      command('newRequest', (target?: ExplorerTarget, connection?: string) => this.newRequest(target, connection)),
    );
  }

  async refresh(target?: ExplorerTarget, connection?: string): Promise<boolean> {
    const node = target === undefined ? undefined : await this.nodeFor(target, connection);
    await this.model.refresh(node);
    return true;
  }

  /** With a query: reveals the best fuzzy match at once (scripts, tests); without: asks in a quick pick. */
  async findTable(query?: string, connection = this.services.active.name): Promise<FoundItem | undefined> {
    const catalog = await this.registry.get(connection);
    const load = () => vscode.window.withProgress({ location: { viewId: explorerViewId } }, () => catalog.searchItems());
    const chosen = typeof query === 'string' ? searchCatalog(await load(), query, 1)[0]?.item : await pickTableOrQuery(connection, load);
    if (!chosen) return undefined;
    const node = chosen.kind === 'table' ? await this.model.findTable(connection, chosen.name) : await this.model.findPowerQuery(connection, chosen.name);
    if (node) await this.view.reveal(node, { select: true, focus: true, expand: false });
    return { kind: chosen.kind, name: chosen.name, connection };
  }

  async copyName(target?: ExplorerTarget, connection?: string): Promise<string | undefined> {
    const node = await this.requireNode(target, connection, 'copyName', () => this.copyName(target, connection));
    if (!node) return undefined;
    const name = nameOf(node);
    await vscode.env.clipboard.writeText(name);
    return name;
  }

  async insertName(target?: ExplorerTarget, connection?: string): Promise<string | undefined> {
    const node = await this.requireNode(target, connection, 'insertName', () => this.insertName(target, connection));
    if (!node) return undefined;
    const name = nameOf(node);
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(`Open an editor to insert '${name}' into.`);
      return undefined;
    }
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, name);
    });
    return name;
  }

  async openMetadata(target?: ExplorerTarget, connection?: string): Promise<vscode.TextDocument | undefined> {
    const retry = () => this.openMetadata(target, connection);
    const node = await this.requireNode(target, connection, 'openMetadata', retry);
    if (!node) return undefined;
    const subject = subjectOf(node);
    const fetched = await this.fromServer('openMetadata', node.connection, `cannot open the metadata of ${subject?.name ?? 'the server'}`, retry, async () => {
      const catalog = await this.registry.get(node.connection);
      if (subject?.kind === 'table') return { title: `${subject.name}.metadata`, value: (await catalog.table(subject.name)).raw };
      if (subject?.kind === 'powerQuery') return { title: `${subject.name}.metadata`, value: (await catalog.powerQueries()).find((candidate) => candidate.name === subject.name) ?? null };
      const entries = await catalog.metadata();
      return { title: 'ws-v1-metadata', value: { metadata: Object.fromEntries(entries.map((entry) => [entry.key, entry.value])) } };
    });
    if (!fetched) return undefined;
    if (fetched.value === null) throw new Error(`there is no PowerQuery '${subject?.name}' on '${node.connection}'`);
    return this.documents.show(node.connection, fetched.title, fetched.value);
  }

  async countRecords(target?: ExplorerTarget, connection?: string): Promise<number | undefined> {
    const retry = () => this.countRecords(target, connection);
    const subject = await this.requireSubject(target, connection, 'countRecords', retry);
    if (!subject) return undefined;
    const transport = this.registry.transportFor(subject.connection);
    const count = await this.fromServer('countRecords', subject.connection, `cannot count ${subject.name}`, retry, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Counting ${subject.name}…` }, () =>
        subject.kind === 'table' ? countTableRecords(transport, subject.name) : countQueryRecords(transport, subject.name),
      ),
    );
    if (count === undefined) return undefined;
    this.model.noteRecordCount(subject.connection, subject.name, count);
    void vscode.window.showInformationMessage(`${subject.name}: ${count.toLocaleString('en-US')} record${count === 1 ? '' : 's'} on '${subject.connection}'.`);
    return count;
  }

  /** The first records in the response view (its table, Save, Copy as cURL), read as a Send would read them. */
  async previewRecords(target?: ExplorerTarget, connection?: string): Promise<unknown> {
    const subject = await this.requireSubject(target, connection, 'previewRecords', () => this.previewRecords(target, connection));
    if (!subject) return undefined;
    return this.showRequest(subject.connection, previewRequestText(subject, previewRows), `the first ${previewRows} records of ${subject.name}`);
  }

  async newRequest(target?: ExplorerTarget, connection?: string): Promise<vscode.TextDocument | undefined> {
    const retry = () => this.newRequest(target, connection);
    const subject = await this.requireSubject(target, connection, 'newRequest', retry);
    if (!subject) return undefined;
    const content = await this.fromServer('newRequest', subject.connection, `cannot write a request for ${subject.name}`, retry, async () => {
      const catalog = await this.registry.get(subject.connection);
      if (subject.kind === 'table') return tableRequestText(await catalog.table(subject.name));
      const query = (await catalog.powerQueries()).find((candidate) => candidate.name === subject.name);
      return query ? powerQueryRequestText(query) : null;
    });
    if (content === undefined) return undefined;
    if (content === null) throw new Error(`there is no PowerQuery '${subject.name}' on '${subject.connection}'`);
    const document = await vscode.workspace.openTextDocument(freeUntitledUri(subject.name, '.psreq'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content));
    await vscode.languages.setTextDocumentLanguage(document, 'psreq');
    return document;
  }

  /** A node, or the table/PowerQuery of that name in the tree. */
  private async nodeFor(target: ExplorerNode | string, connection = this.services.active.name): Promise<ExplorerNode | undefined> {
    if (isNode(target)) return target;
    return (await this.model.findTable(connection, target)) ?? (await this.model.findPowerQuery(connection, target));
  }

  /**
   * Run from the palette there is no tree item: the user picks a table or PowerQuery (undefined:
   * dismissed, or the list could not be fetched, which `command` reports with `retry`).
   */
  private async requireNode(target: ExplorerTarget, connection: string | undefined, command: string, retry: () => unknown): Promise<ExplorerNode | undefined> {
    const on = connection ?? this.services.active.name;
    const chosen = target ?? (await this.fromServer(command, on, 'cannot list the tables and PowerQueries', retry, () => this.askTableOrQuery(on)));
    if (chosen === undefined) return undefined;
    if (isNode(chosen)) return chosen;
    const node = await this.fromServer(command, on, `cannot look up '${chosen}'`, retry, async () => (await this.nodeFor(chosen, on)) ?? null);
    if (node === null) throw new Error(`there is no table or PowerQuery named '${chosen}'`);
    return node;
  }

  /**
   * What `work` fetched from `connection`, or undefined after a failure reported the way every
   * server error is: naming the connection, offering Edit Connection / Switch / Retry.
   */
  private async fromServer<T>(command: string, connection: string, what: string, retry: () => unknown, work: () => Thenable<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.services.commands.report(`powerschool.explorer.${command}`, `'${connection}': ${what}: ${describeError(error)}`, 'failed', connectionActions(this.services.store, connection, retry));
      return undefined;
    }
  }

  private async askTableOrQuery(connection: string): Promise<string | undefined> {
    const catalog = await this.registry.get(connection);
    return (await pickTableOrQuery(connection, () => catalog.searchItems()))?.name;
  }

  private async requireSubject(target: ExplorerTarget, connection: string | undefined, command: string, retry: () => unknown): Promise<Subject | undefined> {
    const node = await this.requireNode(target, connection, command, retry);
    if (!node) return undefined;
    const subject = subjectOf(node);
    if (!subject) throw new Error(`'${nameOf(node)}' is not a table or a PowerQuery`);
    return subject;
  }
}
