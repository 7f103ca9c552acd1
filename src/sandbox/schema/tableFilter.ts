import { refuseColumns, type PluginAccess } from '../access/pluginAccess';
import type { CatalogTable } from '../catalog/catalog';
import { parseNumber, parseQ, statusForLetter } from '../../core/q';
import { isEnrollStatusLetterField } from '../../core/schema';
import { everyRow, parsedQFilter, type SqlFilter } from '../http/qFilter';
import { errorResponse, type SandboxResponse } from '../http/types';
import { tableQColumn } from './columnValues';

/**
 * The `q` of /ws/schema/table as SQL, parsed once. First the plugin's grants on the columns q
 * names (each must be granted like a projected column), then two refusals with the texts real
 * servers answer (real-server-behaviour.md, /ws/schema/table): a CLOB column in q, and a value
 * that is not a number compared with a number column (the field named as written in q). Other q
 * problems keep the shared q module's text.
 */
export function tableFilter(q: string | null, table: CatalogTable, access: PluginAccess): SqlFilter | SandboxResponse {
  if (q === null || q.trim() === '') return everyRow;
  const parsed = parseQ(q, { dialect: 'schema' });
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  const named = parsed.expression.terms.map((term) => ({ column: term.field.name.toLowerCase(), written: term.field.name })).filter(({ column }) => byName.has(column));
  const refused = refuseColumns(access, table, named, 'read');
  if (refused) return refused;
  for (const term of parsed.expression.terms) {
    const column = byName.get(term.field.name.toLowerCase());
    if (!column) continue;
    if (column.type === 'CLOB') return errorResponse(400, 'Querying not supported against clob or blob field types');
    if (column.type !== 'NUMBER' && column.type !== 'FLOAT') continue;
    const letterField = isEnrollStatusLetterField(term.field.name);
    const bad = term.values.find((value) => !value.isNull && parseNumber(value.text) === undefined && !(letterField && statusForLetter(value.text)));
    if (bad) return errorResponse(400, `Invalid number '${bad.text}' passed for comparison to number field ${term.field.name}`);
  }
  const filter = parsedQFilter(parsed, tableQColumn(table), table.name);
  // Our own q diagnostics keep their text but, like every /ws/schema/table error, only a message.
  return 'where' in filter ? filter : errorResponse(filter.status, (filter.json as { message: string }).message);
}
