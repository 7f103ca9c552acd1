import { grantCovers, grantLookup, type FieldAccess, type GrantedAccess, type V1AccessLevel } from '../../core/plugin';
import { tableDisplayName, type CatalogTable } from '../catalog/catalog';
import { json, type SandboxRequest, type SandboxResponse } from '../http/types';

/**
 * The plugin the sandbox runs as: what it may read and write. Without a plugin.xml the sandbox is
 * a plugin with every grant and accessLevelV1Api FULL, so everything works as before.
 */
export interface PluginAccess {
  readonly v1Level: V1AccessLevel | undefined;
  /** The grant on table.column (names in any case); undefined when not granted. */
  columnAccess(table: string, column: string): FieldAccess | undefined;
}

export function pluginAccess(plugin?: GrantedAccess): PluginAccess {
  if (!plugin) return { v1Level: 'FULL', columnAccess: () => 'FullAccess' };
  const lookup = grantLookup(plugin.fieldGrants);
  return { v1Level: plugin.accessLevelV1Api, columnAccess: lookup };
}

/** A column a request names: the catalog name, and how the request wrote it (echoed in `field`). */
export interface NamedColumn {
  readonly column: string;
  readonly written: string;
}

const noAccessMessage = 'At least one column lacks sufficient permission';

/**
 * The documented refusal (real-server-behaviour.md, /ws/schema/table: "a column the plugin was not
 * granted → 403 {"message":"At least one column lacks sufficient permission","errors":[{"code":
 * "NoAccess","field":"SchoolID","resource":"Log"}]}"). A write needs FullAccess; ViewOnly is
 * enough to read. Every refused column is listed (the recorded body shows one; more is inferred).
 */
export function refuseColumns(access: PluginAccess, table: CatalogTable, columns: readonly NamedColumn[], need: 'read' | 'write'): SandboxResponse | undefined {
  const needed: FieldAccess = need === 'write' ? 'FullAccess' : 'ViewOnly';
  const refused = columns.filter(({ column }) => !grantCovers(access.columnAccess(table.name, column), needed));
  if (!refused.length) return undefined;
  const errors = [...new Map(refused.map(({ written }) => [written.toLowerCase(), written])).values()]
    .map((field) => ({ code: 'NoAccess', field, resource: tableDisplayName(table) }));
  return json(403, { message: noAccessMessage, errors });
}

/** The columns of `table` the plugin may read, in catalog order: what `*` (or no projection) expands to. */
export function readableColumns(access: PluginAccess, table: CatalogTable): string[] {
  return table.columns.map((column) => column.name).filter((column) => access.columnAccess(table.name, column) !== undefined);
}

/** What /ws/schema/table/{table}/metadata?expansions=access reports for one column. */
export function columnAccessLabel(access: PluginAccess, table: CatalogTable, column: string, writable: boolean): FieldAccess | 'NoAccess' {
  const grant = access.columnAccess(table.name, column);
  if (grant === undefined) return 'NoAccess';
  // Core tables are read-only through /ws/schema whatever the grant.
  return writable ? grant : 'ViewOnly';
}

const v1Path = /^\/ws\/v1(\/|$)/i;
// metadata answers every plugin (the reference); time needs no token at all here.
const v1Open = /^\/ws\/v1\/(metadata|time)$/i;
const readMethods = new Set(['GET', 'HEAD']);

/**
 * The /ws/v1 gate (real-server-behaviour.md, /ws/v1: "A plugin without accessLevelV1Api … gets
 * 401 {"errorMessage":{"message":"Plugin is missing required accessLevelV1Api READ permission"}}
 * on every /ws/v1 resource except /ws/v1/metadata"). A READ-level plugin writing through /ws/v1
 * gets the same envelope naming FULL: inferred, no server answer has been recorded.
 */
export function refuseV1(access: PluginAccess, request: Pick<SandboxRequest, 'method' | 'path'>): SandboxResponse | undefined {
  if (!v1Path.test(request.path) || v1Open.test(request.path)) return undefined;
  const needed: V1AccessLevel = readMethods.has(request.method) ? 'READ' : 'FULL';
  if (access.v1Level === 'FULL' || access.v1Level === needed) return undefined;
  return json(401, { errorMessage: { message: `Plugin is missing required accessLevelV1Api ${needed} permission` } });
}
