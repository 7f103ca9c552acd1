import { parsePsreq, type PsreqDocument, type PsreqRequest } from '../psreq/index';

// The little the assistant reads from the .psreq parser, in one place: if the parser's shapes
// change, only this adapter follows them.

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

export function viewOfRequest(request: PsreqRequest): AssistRequest {
  return {
    span: request.span,
    method: { name: request.method.text.toUpperCase(), start: request.method.span.start, end: request.method.span.end, implicit: request.method.implicit },
    url: { text: request.url.text, pieces: request.url.pieces, start: request.url.span.start },
    body: request.body && { text: request.body.text, start: request.body.span.start, end: request.body.span.end, isFile: request.body.file !== undefined },
    variables: request.references.map((reference) => reference.span),
  };
}

export function viewOfDocument(document: PsreqDocument): AssistParse {
  return { requests: document.requests.map(viewOfRequest), diagnostics: document.diagnostics };
}

export function parseForAssist(text: string): AssistParse {
  return viewOfDocument(parsePsreq(text));
}

/** The parsed document type hosts may hand in (the parser's own). */
export type ParsedPsreq = PsreqDocument;
