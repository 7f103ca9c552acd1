import * as vscode from 'vscode';
import { catalogKeys, type SchemaCatalog } from '../../core/catalog';
import type { ActiveConnection } from '../connections/activeConnection';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import type { CatalogRegistry } from '../schema/catalogRegistry';
import type { Log } from '../util/logger';
import { groupLabels, type ConnectionNode, type ExplorerNode, type GroupKind, type GroupNode, type PowerQueryNode, type TableNode } from './nodes';

const groups: readonly GroupKind[] = ['areas', 'tables', 'powerQueries', 'metadata'];

/** The catalog key a node's children come from: refreshing the node drops it (and what lies under it). */
export function keyOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'group':
      return { areas: catalogKeys.areas, tables: catalogKeys.tables, powerQueries: catalogKeys.powerQueries, metadata: catalogKeys.metadata }[node.group];
    case 'area':
      return catalogKeys.area(node.area.name);
    case 'table':
      return catalogKeys.table(node.table.name);
    case 'namespace':
    case 'powerQuery':
      return catalogKeys.powerQueries;
    default:
      return undefined;
  }
}

/**
 * The explorer's data: connection roots and, under each, the catalog as nodes. Children are
 * built once per node and kept, so reveal finds the same objects; a refresh drops a node's
 * children (and the catalog part behind them) and fires a change for that node only.
 */
export class ExplorerModel extends Disposables {
  private readonly changed = this.track(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChange = this.changed.event;
  private readonly childrenOf = new Map<string, ExplorerNode[]>();
  private rootNodes = new Map<string, ConnectionNode>();
  private readonly recordCounts = new Map<string, number>();

  constructor(
    private readonly active: ActiveConnection,
    private readonly registry: CatalogRegistry,
    log: Log,
  ) {
    super(log);
  }

  roots(): ConnectionNode[] {
    const next = new Map<string, ConnectionNode>();
    for (const connection of this.active.names()) {
      next.set(connection, this.rootNodes.get(connection) ?? { kind: 'connection', id: `connection:${connection}`, connection });
    }
    this.rootNodes = next;
    return [...next.values()];
  }

  isActive(node: ExplorerNode): boolean {
    return node.connection === this.active.name;
  }

  /** Remembers a table's or PowerQuery's record count (from Count Records) so its row can show it. */
  noteRecordCount(connection: string, name: string, count: number): void {
    this.recordCounts.set(`${connection}\n${name.toUpperCase()}`, count);
    this.changed.fire(undefined);
  }

  recordCount(connection: string, name: string): number | undefined {
    return this.recordCounts.get(`${connection}\n${name.toUpperCase()}`);
  }

  /** Children already built (no fetch needed), or undefined. */
  loaded(node: ExplorerNode): ExplorerNode[] | undefined {
    return this.childrenOf.get(node.id);
  }

  /** A node's children; a failure becomes one error node (never an empty list and a silent log line). */
  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.roots();
    const known = this.childrenOf.get(node.id);
    if (known) return known;
    let built: ExplorerNode[];
    try {
      built = await this.build(node, await this.registry.get(node.connection));
    } catch (error) {
      // Errors are not kept: collapsing and expanding, or Retry, tries again.
      return [{ kind: 'error', id: `${node.id}/error`, connection: node.connection, parent: node, what: this.describe(node), reason: describeError(error), retry: node }];
    }
    if (built.length === 0) built = [{ kind: 'message', id: `${node.id}/empty`, connection: node.connection, parent: node, message: this.emptyText(node) }];
    this.childrenOf.set(node.id, built);
    return built;
  }

  /** Drops the node's children and the catalog part behind them (no node: everything); the tree asks again. */
  async refresh(target?: ExplorerNode): Promise<void> {
    const node = target && this.refreshTarget(target);
    if (!node) {
      for (const root of this.rootNodes.values()) (await this.registry.get(root.connection)).invalidate();
      this.childrenOf.clear();
      this.changed.fire(undefined);
      return;
    }
    const catalog = await this.registry.get(node.connection);
    if (node.kind === 'connection') catalog.invalidate();
    else {
      const key = keyOf(node);
      if (key) catalog.invalidate(key);
    }
    this.forgetUnder(node.id);
    this.changed.fire(node);
  }

  /** Draws the roots again (which one is active), keeping every built child. */
  redrawRoots(): void {
    this.changed.fire(undefined);
  }

  /** Forgets built children (catalogs stay): used after the catalogs were reloaded from storage. */
  reset(): void {
    this.childrenOf.clear();
    this.changed.fire(undefined);
  }

  /** The root of `connection`, or undefined when there is no such connection. */
  root(connection: string): ConnectionNode | undefined {
    return this.roots().find((node) => node.connection === connection);
  }

  async findTable(connection: string, name: string): Promise<TableNode | undefined> {
    const group = await this.group(connection, 'tables');
    const wanted = name.toUpperCase();
    return (await this.listed(group)).find((node): node is TableNode => node.kind === 'table' && node.table.name.toUpperCase() === wanted);
  }

  async findPowerQuery(connection: string, name: string): Promise<PowerQueryNode | undefined> {
    const group = await this.group(connection, 'powerQueries');
    for (const namespace of await this.listed(group)) {
      if (namespace.kind !== 'namespace' || !name.startsWith(`${namespace.namespace.name}.`)) continue;
      const found = (await this.listed(namespace)).find((node): node is PowerQueryNode => node.kind === 'powerQuery' && node.query.name === name);
      if (found) return found;
    }
    return undefined;
  }

  /** Children searched by name: a list that could not be fetched is that failure, not "no such name". */
  private async listed(node: ExplorerNode | undefined): Promise<ExplorerNode[]> {
    const children = await this.children(node);
    const failed = children.find((child) => child.kind === 'error');
    if (failed?.kind === 'error') throw new Error(failed.reason);
    return children;
  }

  async group(connection: string, kind: GroupKind): Promise<GroupNode | undefined> {
    const root = this.root(connection);
    if (!root) return undefined;
    return (await this.children(root)).find((node): node is GroupNode => node.kind === 'group' && node.group === kind);
  }

  /** Leaves refresh their parent; PowerQueries come from one document, so their group refreshes. */
  private refreshTarget(node: ExplorerNode): ExplorerNode {
    let current = node;
    while (current.parent && (current.kind === 'error' || current.kind === 'message' || current.kind === 'column' || current.kind === 'metadataEntry'
      || current.kind === 'queryArgument' || current.kind === 'queryColumn' || current.kind === 'powerQuery' || current.kind === 'namespace')) {
      current = current.kind === 'error' ? current.retry : current.parent;
    }
    return current;
  }

  private forgetUnder(id: string): void {
    for (const key of [...this.childrenOf.keys()]) if (key === id || key.startsWith(`${id}/`)) this.childrenOf.delete(key);
  }

  private async build(node: ExplorerNode, catalog: SchemaCatalog): Promise<ExplorerNode[]> {
    const base = (segment: string) => ({ id: `${node.id}/${segment}`, connection: node.connection, parent: node });
    switch (node.kind) {
      case 'connection':
        return groups.map((group): ExplorerNode => ({ kind: 'group', group, ...base(group) }));
      case 'group':
        switch (node.group) {
          case 'areas':
            return (await catalog.areas()).map((area): ExplorerNode => ({ kind: 'area', area, ...base(`area:${area.name}`) }));
          case 'tables':
            return (await catalog.tables()).map((table): ExplorerNode => ({ kind: 'table', table, ...base(`table:${table.name}`) }));
          case 'powerQueries':
            return (await catalog.namespaces()).map((namespace): ExplorerNode => ({ kind: 'namespace', namespace, ...base(`ns:${namespace.name}`) }));
          case 'metadata':
            return (await catalog.metadata()).map((entry): ExplorerNode => ({ kind: 'metadataEntry', entry, ...base(`meta:${entry.key}`) }));
        }
        break;
      case 'area':
        return [
          ...node.area.subareas.map((area): ExplorerNode => ({ kind: 'area', area, ...base(`area:${area.name}`) })),
          ...(await catalog.areaTables(node.area.name)).map((table): ExplorerNode => ({ kind: 'table', table, ...base(`table:${table.name}`) })),
        ];
      case 'table': {
        const metadata = await catalog.table(node.table.name);
        return metadata.columns.map((column): ExplorerNode => ({ kind: 'column', table: metadata.name, column, ...base(`col:${column.name}`) }));
      }
      case 'namespace':
        return node.namespace.queries.map((query): ExplorerNode => ({ kind: 'powerQuery', query, ...base(`pq:${query.name}`) }));
      case 'powerQuery':
        return [
          ...node.query.args.map((arg): ExplorerNode => ({ kind: 'queryArgument', query: node.query.name, arg, ...base(`arg:${arg.name}`) })),
          ...node.query.columns.map((column): ExplorerNode => ({ kind: 'queryColumn', query: node.query.name, column, ...base(`col:${column}`) })),
        ];
      default:
        break;
    }
    return [];
  }

  private describe(node: ExplorerNode): string {
    switch (node.kind) {
      case 'group': return groupLabels[node.group].toLowerCase();
      case 'area': return `the tables of ${node.area.display}`;
      case 'table': return `the columns of ${node.table.name}`;
      default: return 'this item';
    }
  }

  private emptyText(node: ExplorerNode): string {
    switch (node.kind) {
      case 'group': return `No ${groupLabels[node.group].toLowerCase()} on this server`;
      case 'area': return 'No tables in this area';
      case 'table': return 'No columns';
      case 'powerQuery': return 'No arguments or columns';
      default: return 'Nothing here';
    }
  }
}
