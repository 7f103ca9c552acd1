import type { SqlValue } from 'sql.js';
import type { SqlStore } from '../data/sqlite';
import { v1ResourceField, type ResourceField, type V1Resource } from '../../core/schema';
import { qFilter, type SqlFilter } from '../http/qFilter';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import { count } from './v1Response';

/**
 * The request's `q` on a v1 list as SQL: the fields and their types are core/schema's catalog of
 * the resource (what the editor completes and checks), `sqlOf` says where the sandbox keeps each.
 */
export function listFilter(request: SandboxRequest, resource: Exclude<V1Resource, 'student'>, sqlOf: (field: ResourceField) => string): SqlFilter | SandboxResponse {
  return qFilter(request.query.get('q'), 'v1', (path) => {
    const field = v1ResourceField(resource, path);
    return field ? { sql: sqlOf(field), type: field.type } : undefined;
  }, resource);
}

/** A list's rows matching q: SQL to put after `SELECT …`, with its parameters. */
export interface MatchingRows {
  readonly from: string;
  readonly params: readonly SqlValue[];
}

export const isRows = (value: MatchingRows | SandboxResponse): value is MatchingRows => 'from' in value;

/** The `/count` of a list: `{"resource":{"count":N}}` for the matching rows, or the refusal. */
export function countOf(store: SqlStore, rows: MatchingRows | SandboxResponse): SandboxResponse {
  return isRows(rows) ? count(Number(store.scalar(`SELECT COUNT(*) ${rows.from}`, [...rows.params]))) : rows;
}
