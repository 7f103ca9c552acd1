import { matchPathTemplate } from '../endpoints';
import { matchEndpoint } from '../q';
import type { PayloadValidator } from './validator';
import type { ColumnInfo } from '../schema';
import type { ExtensionCatalog, PayloadFinding } from './types';

/** Which payload rules apply to a request's JSON body. */
export type PayloadTarget = { readonly kind: 'students' } | { readonly kind: 'tables'; readonly table: string };

/**
 * `POST /ws/v1/student` takes a student body; `POST /ws/schema/table/{t}` and
 * `PUT /ws/schema/table/{t}/{id}` take a table record. Absolute URLs, query strings and
 * `{{variables}}` in the path's other parts are allowed.
 */
export function payloadTargetOf(method: string, url: string): PayloadTarget | undefined {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/s, '');
  const endpoint = matchEndpoint(method, path);
  if (!endpoint) return undefined;
  const key = `${endpoint.method} ${endpoint.path}`;
  if (key === 'POST /ws/v1/student') return { kind: 'students' };
  if (key !== 'POST /ws/schema/table/{table}' && key !== 'PUT /ws/schema/table/{table}/{id}') return undefined;
  // A `{{variable}}` table names no table the rules can be looked up for.
  const table = matchPathTemplate(endpoint.path, path)?.params.table;
  return table && /^[A-Za-z][A-Za-z0-9_]*$/.test(table) ? { kind: 'tables', table } : undefined;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * `{{name}}` placeholders of a .psreq body: those standing for a whole value are replaced,
 * length for length, by `0` and spaces so the text parses and offsets stay put; every
 * placeholder's span is returned so findings about it can be dropped.
 */
export function maskTemplates(text: string): { readonly text: string; readonly spans: readonly Span[] } {
  const spans: Span[] = [];
  let masked = '';
  let copied = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
      else if (code === 0x7b && text.startsWith('{{', index)) {
        const close = text.indexOf('}}', index + 2);
        if (close >= 0) spans.push({ start: index, end: close + 2 });
      }
      continue;
    }
    if (code === 0x22) {
      inString = true;
      continue;
    }
    if (code === 0x7b && text.charCodeAt(index + 1) === 0x7b) {
      const close = text.indexOf('}}', index + 2);
      if (close < 0) continue;
      const end = close + 2;
      spans.push({ start: index, end });
      masked += text.slice(copied, index) + '0' + ' '.repeat(end - index - 1);
      copied = end;
      index = end - 1;
    }
  }
  return { text: copied === 0 ? text : masked + text.slice(copied), spans };
}

export interface RequestBodyInput {
  readonly method: string;
  readonly url: string;
  /** The body text alone; findings are relative to it (add the body's offset in the file). */
  readonly body: string;
  readonly extensionCatalog?: ExtensionCatalog;
  /** Columns of a table, when its metadata is known (e.g. from the connection's catalog). */
  readonly tableColumns?: (table: string) => readonly ColumnInfo[] | undefined;
}

/**
 * Payload findings for a request body, or [] when the request takes no payload we know.
 * Findings that touch a `{{variable}}` are dropped: its value is unknown until sent.
 */
export function validateRequestBody(validator: PayloadValidator, input: RequestBodyInput): PayloadFinding[] {
  const target = payloadTargetOf(input.method, input.url);
  if (!target || input.body.trim() === '') return [];
  const { text, spans } = maskTemplates(input.body);
  const findings = target.kind === 'students'
    ? validator.validateStudentText(text, input.extensionCatalog ? { extensionCatalog: input.extensionCatalog } : {})
    : validator.validateTableText(text, target.table, input.tableColumns?.(target.table) ?? []);
  if (spans.length === 0) return findings;
  return findings.filter((finding) => !spans.some((span) => finding.start < span.end && span.start < Math.max(finding.end, finding.start + 1)));
}
