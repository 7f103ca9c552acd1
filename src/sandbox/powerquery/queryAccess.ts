import { refuseColumns, type PluginAccess } from '../access/pluginAccess';
import type { Catalog } from '../catalog/catalog';
import { json, type SandboxResponse } from '../http/types';

/**
 * A PowerQuery runs only when every column it needs is granted (real-server-behaviour.md,
 * Plugins: "Every column a PowerQuery touches must be in access_request, or the query fails with
 * a permission error"). The recorded text of that error is not known; we answer the same 403
 * NoAccess body as /ws/schema/table, listing every missing column (inferred).
 */
export function refuseQuery(access: PluginAccess, catalog: Catalog, queryName: string, needs: readonly { readonly table: string; readonly field: string }[]): SandboxResponse | undefined {
  const byTable = new Map<string, string[]>();
  for (const { table, field } of needs) byTable.set(table, [...(byTable.get(table) ?? []), field]);
  let first: { message: string; errors: unknown[] } | undefined;
  for (const [name, fields] of byTable) {
    const table = catalog.table(name);
    if (!table) throw new Error(`PowerQuery ${queryName} reads ${name}, which the catalog does not have`);
    const refused = refuseColumns(access, table, fields.map((field) => ({ column: field, written: field.toUpperCase() })), 'read')?.json as typeof first;
    if (refused) first = first ? { ...first, errors: [...first.errors, ...refused.errors] } : refused;
  }
  return first && json(403, first);
}
