import type { ColumnInfo } from '../../core/schema';
import type { AreaInfo, MetadataEntry, PowerQueryArg, PowerQueryInfo, PowerQueryNamespace, TableSummary } from '../../core/catalog';

// The explorer's model nodes: plain data with a parent link (for reveal) and a stable id (the
// path from the root), no TreeItem. The provider turns them into items.

export type GroupKind = 'areas' | 'tables' | 'powerQueries' | 'metadata';

interface Base {
  readonly id: string;
  readonly connection: string;
  readonly parent?: ExplorerNode;
}

export interface ConnectionNode extends Base { readonly kind: 'connection' }
export interface GroupNode extends Base { readonly kind: 'group'; readonly group: GroupKind }
export interface AreaNode extends Base { readonly kind: 'area'; readonly area: AreaInfo }
export interface TableNode extends Base { readonly kind: 'table'; readonly table: TableSummary }
export interface ColumnNode extends Base { readonly kind: 'column'; readonly table: string; readonly column: ColumnInfo }
export interface NamespaceNode extends Base { readonly kind: 'namespace'; readonly namespace: PowerQueryNamespace }
export interface PowerQueryNode extends Base { readonly kind: 'powerQuery'; readonly query: PowerQueryInfo }
export interface QueryArgumentNode extends Base { readonly kind: 'queryArgument'; readonly query: string; readonly arg: PowerQueryArg }
export interface QueryColumnNode extends Base { readonly kind: 'queryColumn'; readonly query: string; readonly column: string }
export interface MetadataNode extends Base { readonly kind: 'metadataEntry'; readonly entry: MetadataEntry }
/** A failed load: says what and why; its retry refreshes `retry`. */
export interface ErrorNode extends Base { readonly kind: 'error'; readonly what: string; readonly reason: string; readonly retry: ExplorerNode }
/** "No tables" and the like: an empty answer still shows a row. */
export interface MessageNode extends Base { readonly kind: 'message'; readonly message: string }

export type ExplorerNode =
  | ConnectionNode | GroupNode | AreaNode | TableNode | ColumnNode | NamespaceNode | PowerQueryNode
  | QueryArgumentNode | QueryColumnNode | MetadataNode | ErrorNode | MessageNode;

export const groupLabels: Readonly<Record<GroupKind, string>> = { areas: 'Areas', tables: 'Tables', powerQueries: 'PowerQueries', metadata: 'Metadata' };

/** The name a user copies or inserts for a node (columns as shown: upper-case). */
export function nameOf(node: ExplorerNode): string {
  switch (node.kind) {
    case 'connection': return node.connection;
    case 'group': return groupLabels[node.group];
    case 'area': return node.area.name;
    case 'table': return node.table.name;
    case 'column': return node.column.name.toUpperCase();
    case 'namespace': return node.namespace.name;
    case 'powerQuery': return node.query.name;
    case 'queryArgument': return node.arg.name;
    case 'queryColumn': return node.column;
    case 'metadataEntry': return node.entry.key;
    case 'error': return node.reason;
    case 'message': return node.message;
  }
}
