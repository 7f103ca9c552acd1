import { parsePsreq } from '../psreq/index';

// The little the assistant reads from the .psreq parser, in one place. The parser's request
// shape is read structurally (spans as `span: {start,end}` or as `start`/`end` on the node
// itself), so a reshaped parser touches this adapter only.

export interface AssistSpan {
  start: number;
  end: number;
}

export interface AssistRequest {
  /** The request's whole block (separator line to its last line). */
  span: AssistSpan;
  method: { name: string; start: number; end: number; implicit: boolean };
  /** The URL as the parser joined it, and its physical pieces (request line, `?`/`&` lines). */
  url: { text: string; pieces: readonly { text: string; start: number }[]; start: number };
  body?: { text: string; start: number; end: number; isFile: boolean };
  /** Every `{{…}}` (braces included). */
  variables: readonly AssistSpan[];
}

export interface AssistParse {
  requests: AssistRequest[];
  diagnostics: readonly { start: number; end: number; severity: 'error' | 'warning' | 'info'; code: string; message: string }[];
}

/** What parsePsreq returns, whatever its type is called. */
export type ParsedPsreq = ReturnType<typeof parsePsreq>;
type ParsedRequest = ParsedPsreq['requests'][number];

interface Spanned {
  readonly span?: AssistSpan;
  readonly start?: number;
  readonly end?: number;
}

function spanOf(node: Spanned): AssistSpan {
  return node.span ?? { start: node.start ?? 0, end: node.end ?? node.start ?? 0 };
}

/** Both parser shapes, read defensively. */
interface LooseRequest extends Spanned {
  readonly method?: { readonly text: string; readonly implicit?: boolean } & Spanned;
  readonly methodName?: string;
  readonly url: { readonly text: string; readonly pieces?: readonly { readonly text: string; readonly start: number }[]; readonly segments?: readonly { readonly text: string; readonly start: number }[] } & Spanned;
  readonly body?: { readonly text: string; readonly file?: unknown; readonly includes?: readonly unknown[] } & Spanned;
  readonly references?: readonly Spanned[];
  readonly variables?: readonly (Spanned | { readonly name: string })[];
}

export function viewOfRequest(parsed: ParsedRequest): AssistRequest {
  const request = parsed as unknown as LooseRequest;
  const url = spanOf(request.url);
  const method = request.method;
  const methodSpan = method ? spanOf(method) : { start: url.start, end: url.start };
  const body = request.body;
  const bodySpan = body && spanOf(body);
  const references = request.references ?? (request.variables ?? []).filter((item): item is Spanned => !('name' in item));
  return {
    span: spanOf(request),
    method: { name: (request.methodName ?? method?.text ?? 'GET').toUpperCase(), ...methodSpan, implicit: method ? method.implicit === true : true },
    url: { text: request.url.text, pieces: request.url.pieces ?? request.url.segments ?? [], start: url.start },
    body: body && bodySpan && {
      text: body.text,
      ...bodySpan,
      isFile: body.file !== undefined || (body.includes?.length === 1 && !body.text.trim().includes('\n')),
    },
    variables: references.map(spanOf),
  };
}

export function viewOfDocument(document: ParsedPsreq): AssistParse {
  return { requests: document.requests.map(viewOfRequest), diagnostics: document.diagnostics };
}

export function parseForAssist(text: string): AssistParse {
  return viewOfDocument(parsePsreq(text));
}
