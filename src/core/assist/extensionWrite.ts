import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser/lib/esm/main';
import { percentDecode } from '../q/index';
import { maskTemplates } from '../payload/requestBody';
import { listEntries } from './lists';
import type { RequestInfo } from './requestInfo';
import type { AssistDiagnostic, AssistFix } from './types';

// A student POST writes `_extension_data` only for the tables its URL names in `extensions=`;
// without that the server answers SUCCESS and changes nothing (real-server-behaviour.md,
// "Student POST"), so a body naming a table the URL leaves out gets a warning and a fix.

const asList = (node: Node | undefined): Node[] => (!node ? [] : node.type === 'array' ? node.children ?? [] : [node]);

/** The `name` string nodes of every `_extension_data._table_extension` in a student POST body. */
function extensionTableNames(root: Node): Node[] {
  const names: Node[] = [];
  for (const record of asList(findNodeAtLocation(root, ['students', 'student']))) {
    if (record.type !== 'object') continue;
    for (const table of asList(findNodeAtLocation(record, ['_extension_data', '_table_extension']))) {
      const name = table.type === 'object' ? findNodeAtLocation(table, ['name']) : undefined;
      if (name?.type === 'string' && typeof name.value === 'string' && name.value.trim() && !name.value.includes('{{')) names.push(name);
    }
  }
  return names;
}

/** The edit that adds `table` to the URL's `extensions=` (appending to one that is there). */
function addToUrl(info: RequestInfo, table: string): AssistFix {
  const title = `Add extensions=${table} to the URL`;
  const parameter = info.url.parameters.find((candidate) => percentDecode(candidate.key.text) === 'extensions');
  if (parameter && !parameter.hasEquals) {
    const at = parameter.key.toDocumentEnd(parameter.key.text.length);
    return { title, start: at, end: at, newText: `=${table}` };
  }
  if (parameter) {
    const at = parameter.value.toDocumentEnd(parameter.value.text.length);
    return { title, start: at, end: at, newText: parameter.value.text.trim() ? `,${table}` : table };
  }
  const url = info.url.url;
  const at = url.toDocumentEnd(url.text.length);
  const separator = info.url.queryStart < 0 ? '?' : url.text.endsWith('?') || url.text.endsWith('&') ? '' : '&';
  return { title, start: at, end: at, newText: `${separator}extensions=${table}` };
}

/** `extension-not-in-url` for each `_extension_data` table of a `POST /ws/v1/student` body that `extensions=` does not name. */
export function checkExtensionWrites(info: RequestInfo, out: AssistDiagnostic[]): void {
  const body = info.request.body;
  if (!body || body.file || !body.text.includes('_extension_data')) return;
  const root = parseTree(maskTemplates(body.text).text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return;
  const named = new Set(
    info.url.parameters
      .filter((parameter) => percentDecode(parameter.key.text) === 'extensions')
      .flatMap((parameter) => listEntries(parameter.value).map((entry) => percentDecode(entry.text).toLowerCase())),
  );
  if ([...named].some((name) => name.includes('{{'))) return; // the list is only known when sent
  for (const node of extensionTableNames(root)) {
    const table = String(node.value).trim().toLowerCase();
    if (named.has(table)) continue;
    out.push({
      start: body.span.start + node.offset,
      end: body.span.start + node.offset + node.length,
      severity: 'warning',
      code: 'extension-not-in-url',
      message: `PowerSchool writes _extension_data of '${table}' only when the URL names the table (POST /ws/v1/student?extensions=${table}); without it the answer is SUCCESS and nothing changes`,
      fixes: [addToUrl(info, table)],
    });
  }
}
