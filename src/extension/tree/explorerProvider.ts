import * as vscode from 'vscode';
import { argumentText, columnTypeText, nullabilityText } from '../../core/catalog';
import type { TableMetadata } from '../../core/schema';
import { localSandboxName } from '../../core/environments';
import { healthExplanation, healthIcon, healthWords, type ConnectionHealth } from '../connections/connectionHealth';
import type { ConnectionStore } from '../connections/connectionStore';
import { keyOf, type ExplorerModel } from './explorerModel';
import { groupLabels, type ExplorerNode, type GroupKind } from './nodes';

export const explorerViewId = 'powerschool.explorer';

const groupIcons: Readonly<Record<GroupKind, string>> = { areas: 'folder-library', tables: 'table', powerQueries: 'symbol-method', metadata: 'info' };

const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const none = vscode.TreeItemCollapsibleState.None;

function markdown(...lines: (string | undefined | false)[]): vscode.MarkdownString {
  const text = new vscode.MarkdownString(lines.filter((line): line is string => typeof line === 'string').join('\n\n'));
  text.supportThemeIcons = true;
  return text;
}

function recordsText(count: number): string {
  return `${count.toLocaleString('en-US')} record${count === 1 ? '' : 's'}`;
}

/** Escapes text from the server before it goes into a Markdown tooltip. */
function plain(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Turns model nodes into tree items; children load lazily with progress shown on the view. */
export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode> {
  readonly onDidChangeTreeData: vscode.Event<ExplorerNode | undefined>;

  constructor(
    private readonly model: ExplorerModel,
    private readonly store: ConnectionStore,
    private readonly health: ConnectionHealth,
    private readonly tableCached: (connection: string, table: string) => TableMetadata | undefined,
    private readonly fetchedAt: (connection: string, key: string) => number | undefined,
  ) {
    this.onDidChangeTreeData = model.onDidChange;
  }

  getChildren(node?: ExplorerNode): vscode.ProviderResult<ExplorerNode[]> {
    if (!node) return this.model.roots();
    const loaded = this.model.loaded(node);
    if (loaded) return loaded;
    return vscode.window.withProgress({ location: { viewId: explorerViewId } }, () => this.model.children(node));
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = this.itemFor(node);
    item.id = node.id;
    // Connection actions differ: the built-in sandbox cannot be edited or removed.
    item.contextValue = node.kind === 'connection' && node.connection === localSandboxName ? 'sandboxConnection' : node.kind;
    return item;
  }

  private itemFor(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': {
        const active = this.model.isActive(node);
        const sandbox = node.connection === localSandboxName;
        const url = sandbox ? 'embedded sandbox on 127.0.0.1' : this.store.find(node.connection)?.url ?? '';
        const production = !sandbox && this.store.find(node.connection)?.production === true;
        const health = this.health.of(node.connection);
        const checkedAt = this.health.checkedAt(node.connection);
        const item = new vscode.TreeItem(node.connection, active ? vscode.TreeItemCollapsibleState.Expanded : collapsed);
        // Production leads the description: the icon is the status dot, and writes there ask first.
        item.description = [production ? '⚠ production' : '', active ? 'active' : '', healthWords(health), url].filter(Boolean).join(' · ');
        item.iconPath = healthIcon(health);
        item.tooltip = markdown(
          `**${plain(node.connection)}**${active ? ' (active)' : ''}${production ? ' — $(warning) **production**: writes ask first' : ''}`,
          plain(url),
          `${plain(healthExplanation(health))}${checkedAt === undefined ? '' : ` (${new Date(checkedAt).toLocaleTimeString()})`}`,
        );
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(groupLabels[node.group], collapsed);
        item.iconPath = new vscode.ThemeIcon(groupIcons[node.group]);
        const loaded = this.model.loaded(node);
        if (loaded && loaded[0]?.kind !== 'message') item.description = String(loaded.length);
        const key = keyOf(node);
        const fetched = key === undefined ? undefined : this.fetchedAt(node.connection, key);
        item.tooltip = fetched === undefined ? `${groupLabels[node.group]}: loads when expanded` : `${groupLabels[node.group]}: fetched ${new Date(fetched).toLocaleString()} (kept across reloads; Refresh fetches again)`;
        return item;
      }
      case 'area': {
        const item = new vscode.TreeItem(node.area.display, collapsed);
        item.iconPath = new vscode.ThemeIcon('folder');
        if (node.area.display !== node.area.name) item.description = node.area.name;
        item.tooltip = markdown(`**${plain(node.area.display)}**`, node.area.comment && plain(node.area.comment));
        return item;
      }
      case 'table': {
        const item = new vscode.TreeItem(node.table.name, collapsed);
        item.iconPath = new vscode.ThemeIcon('table');
        const metadata = this.tableCached(node.connection, node.table.name);
        const records = this.model.recordCount(node.connection, node.table.name);
        item.description = [metadata && `${metadata.columns.length} columns`, records !== undefined && recordsText(records)].filter(Boolean).join(' · ') || undefined;
        item.tooltip = markdown(
          `**${plain(node.table.name)}**`,
          node.table.comment && plain(node.table.comment),
          node.table.primaryKey && `$(key) primary key: \`${node.table.primaryKey}\``,
          metadata && `${metadata.columns.length} columns${metadata.schemaType ? ` · ${metadata.schemaType.toLowerCase()}` : ''}${metadata.access ? ` · ${metadata.access}` : ''}`,
          records !== undefined && recordsText(records),
        );
        return item;
      }
      case 'column': {
        const { column } = node;
        const item = new vscode.TreeItem(column.name.toUpperCase(), none);
        item.description = `${columnTypeText(column)}${column.key ? ' · primary key' : ''}`;
        item.iconPath = new vscode.ThemeIcon(column.key ? 'key' : 'symbol-field');
        item.tooltip = markdown(
          `**${plain(node.table)}.${plain(column.name.toUpperCase())}** \`${columnTypeText(column)}\`${column.key ? ' — primary key' : ''}`,
          `Nullable: ${nullabilityText(column.nullable)}`,
          `Access: ${column.access ?? 'not reported'}`,
          column.comment && plain(column.comment),
        );
        return item;
      }
      case 'namespace': {
        const item = new vscode.TreeItem(node.namespace.name, collapsed);
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.description = String(node.namespace.queries.length);
        return item;
      }
      case 'powerQuery': {
        const { query } = node;
        const queryRecords = this.model.recordCount(node.connection, query.name);
        const shortName = query.name.startsWith(`${query.namespace}.`) ? query.name.slice(query.namespace.length + 1) : query.name;
        const item = new vscode.TreeItem(shortName, query.args.length + query.columns.length > 0 ? collapsed : none);
        item.iconPath = new vscode.ThemeIcon('symbol-method');
        item.description = query.summary;
        item.tooltip = markdown(
          `**${plain(query.name)}**`,
          query.summary && plain(query.summary),
          query.description && plain(query.description),
          `${query.args.length} argument${query.args.length === 1 ? '' : 's'} · ${query.columns.length} column${query.columns.length === 1 ? '' : 's'}${query.coreTable ? ` · core table ${plain(query.coreTable.toUpperCase())}` : ''}`,
          queryRecords !== undefined && `${recordsText(queryRecords)} without arguments`,
        );
        return item;
      }
      case 'queryArgument': {
        const item = new vscode.TreeItem(node.arg.name, none);
        item.iconPath = new vscode.ThemeIcon('symbol-parameter');
        item.description = `argument · ${argumentText(node.arg)}`;
        item.tooltip = markdown(`**${plain(node.arg.name)}** (${node.arg.type}${node.arg.required ? ', required' : ', optional'})`, node.arg.description && plain(node.arg.description));
        return item;
      }
      case 'queryColumn': {
        const item = new vscode.TreeItem(node.column, none);
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.description = 'column';
        return item;
      }
      case 'metadataEntry': {
        const item = new vscode.TreeItem(node.entry.key, none);
        item.iconPath = new vscode.ThemeIcon('symbol-property');
        item.description = node.entry.value;
        item.tooltip = `${node.entry.key}: ${node.entry.value}`;
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(`Could not load ${node.what}`, none);
        item.description = node.reason;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.tooltip = markdown(`$(error) Could not load ${plain(node.what)}`, plain(node.reason), 'Click to retry.');
        item.command = { command: 'powerschool.explorer.retry', title: 'Retry', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.message, none);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
    }
  }
}
