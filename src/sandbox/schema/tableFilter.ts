import type { CatalogTable } from '../catalog/catalog';
import { parseNumber, parseQ, statusForLetter } from '../../core/q';
import { isEnrollStatusLetterField } from '../../core/schema';
import { qFilter, type SqlFilter } from '../http/qFilter';
import { errorResponse, type SandboxResponse } from '../http/types';
import { tableQColumn } from './columnValues';

/**
 * The `q` of /ws/schema/table as SQL. Two refusals come first, with the texts real servers answer
 * (real-server-behaviour.md, /ws/schema/table): a CLOB column in q, and a value that is not a
 * number compared with a number column (the field named as written in q). Other q problems keep
 * the shared q module's text.
 */
export function tableFilter(q: string | null, table: CatalogTable): SqlFilter | SandboxResponse {
  if (q !== null && q.trim() !== '') {
    const byName = new Map(table.columns.map((column) => [column.name, column]));
    for (const term of parseQ(q, { dialect: 'schema' }).expression.terms) {
      const column = byName.get(term.field.name.toLowerCase());
      if (!column) continue;
      if (column.type === 'CLOB') return errorResponse(400, 'Querying not supported against clob or blob field types');
      if (column.type !== 'NUMBER' && column.type !== 'FLOAT') continue;
      const letterField = isEnrollStatusLetterField(term.field.name);
      const bad = term.values.find((value) => !value.isNull && parseNumber(value.text) === undefined && !(letterField && statusForLetter(value.text)));
      if (bad) return errorResponse(400, `Invalid number '${bad.text}' passed for comparison to number field ${term.field.name}`);
    }
  }
  const filter = qFilter(q, 'schema', tableQColumn(table), table.name);
  // Our own q diagnostics keep their text but, like every /ws/schema/table error, only a message.
  return 'where' in filter ? filter : errorResponse(filter.status, (filter.json as { message: string }).message);
}
