import type { SandboxContext } from '../context';
import type { Router } from '../http/router';
import { errorResponse, json } from '../http/types';
import { refuseQuery } from './queryAccess';
import { queryColumnNeeds } from '../../core/schema';
import { builtinQueries, type BuiltinQuery } from './builtins';
import { runQuery } from './runQuery';
import { swaggerDocument } from './swagger';

/** Fields a query reads, as view-only access requests (uppercase, as in plugin.xml). */
function accessRequests(query: BuiltinQuery) {
  return queryColumnNeeds(query).map(({ table, field }) => ({ table: table.toUpperCase(), field: field.toUpperCase(), access: 'ViewOnly' }));
}

/** Registers the PowerQuery endpoints, the Swagger listing and the access lists. */
export function addPowerQueryRoutes(router: Router, context: SandboxContext): void {
  const byName = new Map(builtinQueries.map((query) => [query.name.toLowerCase(), query]));
  const find = (name: string | undefined) => byName.get((name ?? '').toLowerCase());
  // An uninstalled query is a 404 (real-server-behaviour.md), carrying only a message like the other schema errors.
  const notFound = (name: string | undefined) => errorResponse(404, `PowerQuery ${name} not found`);
  // The plugin and the queries are fixed for the sandbox's life: each query's refusal (or none) is decided once.
  const refusals = new Map(builtinQueries.map((query) => [query, refuseQuery(context.access, context.catalog, query)]));

  router.add('GET', '/ws/schema/query/api', (request) => json(200, swaggerDocument(builtinQueries, request.headers.host ?? '127.0.0.1')));
  router.add('POST', '/ws/schema/query/{name}/count', (request) => {
    const query = find(request.params.name);
    if (!query) return notFound(request.params.name);
    return refusals.get(query) ?? runQuery(context.store, context.catalog, query, request.body, request.query, context.maxPageSize, true);
  });
  router.add('POST', '/ws/schema/query/{name}', (request) => {
    const query = find(request.params.name);
    if (!query) return notFound(request.params.name);
    return refusals.get(query) ?? runQuery(context.store, context.catalog, query, request.body, request.query, context.maxPageSize, false);
  });

  // The shape of these lists is undocumented; we answer in plugin.xml's access_request form.
  router.add('GET', '/ws/powerqueryaccesslist', () => {
    const seen = new Map<string, { table: string; field: string; access: string }>();
    for (const query of builtinQueries) for (const field of accessRequests(query)) seen.set(`${field.table}.${field.field}`, field);
    return json(200, { access_request: { field: [...seen.values()] } });
  });
  router.add('GET', '/ws/powerqueryaccesslist/{name}', (request) => {
    const query = find(request.params.name);
    return query ? json(200, { name: query.name, access_request: { field: accessRequests(query) } }) : notFound(request.params.name);
  });
}
