import type { SandboxContext } from '../context';
import type { Router } from '../http/router';
import { errorResponse, json } from '../http/types';
import type { InstalledQuery } from '../plugins/installPlugin';
import { refuseQuery } from './queryAccess';
import { queryColumnNeeds } from '../../core/schema';
import { builtinQueries } from './builtins';
import { runQuery } from './runQuery';
import { swaggerDocument } from './swagger';

/** Fields a query reads, as view-only access requests (uppercase, as in plugin.xml). */
function accessRequests(installed: InstalledQuery) {
  return installed.needs.map(({ table, field }) => ({ table: table.toUpperCase(), field: field.toUpperCase(), access: 'ViewOnly' }));
}

function unsupportedSql(query: string, message: string) {
  return errorResponse(400, message, [{ resource: query, field: 'sql', code: 'UNSUPPORTED_SQL' }]);
}

/**
 * A plugin's SQL that SQLite fails on (the translation passes functions it does not know through):
 * a function SQLite lacks is a construct the sandbox cannot run, named; any other failure (an
 * ORA- error an emulated function raised, a column the SQL names wrongly) answers 400 with its
 * message. Chosen (PowerSchool's answer to a failing query is not recorded): never a 500 that hides why.
 */
function sqlFailure(query: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /^no such function: (\S+)/i.exec(message);
  if (missing) return unsupportedSql(query, `The sandbox cannot run the function ${missing[1]!.toUpperCase()}(): it is neither an Oracle function the sandbox emulates nor SQLite's`);
  return errorResponse(400, `The query's SQL failed on the sandbox: ${message}`, [{ resource: query, field: 'sql', code: 'SQL_ERROR' }]);
}

/** Registers the PowerQuery endpoints (built-ins, then the installed plugins' queries), the Swagger listing and the access lists. */
export function addPowerQueryRoutes(router: Router, context: SandboxContext, pluginQueries: readonly InstalledQuery[] = []): void {
  const queries: InstalledQuery[] = [...builtinQueries.map((query) => ({ query, needs: queryColumnNeeds(query) })), ...pluginQueries];
  const byName = new Map(queries.map((installed) => [installed.query.name.toLowerCase(), installed]));
  const find = (name: string | undefined) => byName.get((name ?? '').toLowerCase());
  // An uninstalled query is a 404 (real-server-behaviour.md), carrying only a message like the other schema errors.
  const notFound = (name: string | undefined) => errorResponse(404, `PowerQuery ${name} not found`);
  // The plugin and the queries are fixed for the sandbox's life: each query's refusal (or none) is decided once.
  const refusals = new Map(queries.map((installed) => [installed, refuseQuery(context.access, context.catalog, installed.query.name, installed.needs)]));
  const fromPlugins = new Set(pluginQueries);
  const answer = (name: string | undefined, body: string, params: URLSearchParams, countOnly: boolean) => {
    const installed = find(name);
    if (!installed) return notFound(name);
    const refused = refusals.get(installed);
    if (refused) return refused;
    if (installed.unsupported) return unsupportedSql(installed.query.name, installed.unsupported);
    try {
      return runQuery(context.store, context.catalog, installed.query, body, params, context.maxPageSize, countOnly);
    } catch (error) {
      // A plugin's SQL failing is the author's to see; a built-in failing is the sandbox's own bug.
      if (!fromPlugins.has(installed)) throw error;
      return sqlFailure(installed.query.name, error);
    }
  };

  router.add('GET', '/ws/schema/query/api', (request) => json(200, swaggerDocument(queries.map((installed) => installed.query), request.headers.host ?? '127.0.0.1')));
  router.add('POST', '/ws/schema/query/{name}/count', (request) => answer(request.params.name, request.body, request.query, true));
  router.add('POST', '/ws/schema/query/{name}', (request) => answer(request.params.name, request.body, request.query, false));

  // The shape of these lists is undocumented; we answer in plugin.xml's access_request form.
  router.add('GET', '/ws/powerqueryaccesslist', () => {
    const seen = new Map<string, { table: string; field: string; access: string }>();
    for (const installed of queries) for (const field of accessRequests(installed)) seen.set(`${field.table}.${field.field}`, field);
    return json(200, { access_request: { field: [...seen.values()] } });
  });
  router.add('GET', '/ws/powerqueryaccesslist/{name}', (request) => {
    const installed = find(request.params.name);
    return installed ? json(200, { name: installed.query.name, access_request: { field: accessRequests(installed) } }) : notFound(request.params.name);
  });
}
