import { accessRequestLine, grantLookup } from '../grants';
import type { FieldAccess, NamedQuery, Plugin, PluginFinding, PluginFix, QueryColumn } from '../model';
import { finding } from '../readPlugin';
import type { CheckContext } from './context';
import { appendChildren, editableText, indentUnit, insertBefore } from './edits';

/** A column a query declares that plugin.xml does not grant. */
export interface MissingGrant {
  readonly query: NamedQuery;
  readonly column: QueryColumn;
  readonly table: string;
  readonly field: string;
  readonly access: FieldAccess;
}

/**
 * Declared columns (`<column column="T.C">`, or the text when it reads T.C) that `<access_request>`
 * does not grant, for one query or all; names compared ignoring case. Columns without a table
 * (`column="ID"`) cannot be checked. Each table.field is listed once per query.
 */
export function missingGrants(plugin: Plugin, query?: NamedQuery): MissingGrant[] {
  const lookup = grantLookup(plugin.manifest?.fieldGrants ?? []);
  const missing: MissingGrant[] = [];
  for (const each of query ? [query] : plugin.queries) {
    const seen = new Set<string>();
    for (const column of each.columns) {
      if (!column.table || !column.field) continue;
      const key = `${column.table}.${column.field}`.toLowerCase();
      if (seen.has(key) || lookup(column.table, column.field)) continue;
      seen.add(key);
      missing.push({ query: each, column, table: column.table, field: column.field, access: 'ViewOnly' });
    }
  }
  return missing;
}

/** The edit adding `<field>` lines for these grants to plugin.xml (in its `<access_request>`, made if missing); each table.field once. */
export function grantFix(plugin: Plugin, grants: readonly { readonly table: string; readonly field: string; readonly access: FieldAccess }[], title?: string): PluginFix | undefined {
  const manifest = plugin.manifest;
  const text = editableText(plugin, manifest?.file);
  if (!manifest || text === undefined || !grants.length) return undefined;
  const lines = [...new Map(grants.map((grant) => [`${grant.table}.${grant.field}`.toLowerCase(), accessRequestLine(grant.table, grant.field, grant.access)])).values()];
  const request = manifest.accessRequests[0];
  const publisher = manifest.publisher;
  const edit = request
    ? appendChildren(manifest.file, text, request, 'access_request', lines)
    : publisher
      ? insertBefore(manifest.file, text, publisher, ['<access_request>', ...lines.map((line) => `\t${line}`), '</access_request>'].map((line) => line.replace(/^\t/, indentUnit(text))))
      : appendChildren(manifest.file, text, manifest.source, 'plugin', ['<access_request>', ...lines.map((line) => `${indentUnit(text)}${line}`), '</access_request>']);
  return { title: title ?? (lines.length === 1 ? `Add ${lines[0]} to plugin.xml` : `Add ${lines.length} <field> lines to plugin.xml`), edits: [edit] };
}

/**
 * PowerSchool refuses a PowerQuery whose columns the plugin was not granted (real-server-behaviour.md:
 * "Every column a PowerQuery touches must be in access_request"). Checked for plugins with an
 * `<oauth>` element (queries called through the API); plugins without one are Data Export Manager
 * or page plugins that rely on permissions_root (plugin-corpus-facts.md: 19 of 37).
 */
export function grantChecks({ plugin }: CheckContext): PluginFinding[] {
  if (!plugin.manifest?.oauth) return [];
  return plugin.queries.flatMap((query) => {
    const missing = missingGrants(plugin, query);
    const all = missing.length > 1 ? grantFix(plugin, missing, `Add the ${missing.length} missing <field> lines of ${query.name || 'this query'} to plugin.xml`) : undefined;
    return missing.map((grant) => {
      const line = accessRequestLine(grant.table, grant.field, grant.access);
      const one = grantFix(plugin, [grant]);
      return finding(grant.column.mappingRange, 'warning', 'ungranted-column', `${grant.table}.${grant.field} is not granted in plugin.xml: add ${line} to <access_request> (PowerSchool refuses the query with a permission error)`, [one, all].filter((fix): fix is PluginFix => fix !== undefined));
    });
  });
}
