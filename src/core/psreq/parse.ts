import { byRange, splitLines, type Line } from '../text';
import { parseAssertion } from './assertions';
import { findReferences } from './references';
import type { BodyInclude, Directive, FileVariable, GraphqlBody, Header, HeaderSpread, PromptVariable, PsreqDiagnostic, PsreqDocument, PsreqRequest, PsreqScript, QueryParameter, RequestBody, RequestUrl, Span, UrlPiece, VariableReference } from './types';

export const httpMethods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'LOCK', 'UNLOCK', 'PROPFIND', 'PROPPATCH', 'COPY', 'MOVE', 'MKCOL', 'MKCALENDAR', 'ACL', 'SEARCH', 'QUERY'] as const;
const methodSet = new Set<string>(httpMethods);
// httpyac starts a request at any `METHOD url` line, `###` or not. Only an unindented one here,
// so an indented line of a text body is never taken for a request.
const requestStartPattern = new RegExp(`^(?:${httpMethods.join('|')})\\s+\\S`);
// httpyac's other protocols: read so the block is not taken for an HTTP request, never sent.
const unsupportedProtocols = new Set(['MQTT', 'GRPC', 'WS', 'WSS', 'WEBSOCKET', 'SSE', 'EVENTSOURCE', 'AMQP', 'RABBITMQ']);
// httpyac reads `/*` and `*/` only alone on their lines.
const blockCommentOpenPattern = /^\s*\/\*\s*$/;
const blockCommentClosePattern = /^\s*\*\/\s*$/;

const separatorPattern = /^###/;
const commentPattern = /^\s*(?:#|\/\/)/;
const directivePattern = /^(\s*(?:#|\/\/)\s*)@([A-Za-z][\w-]*)(?:(\s*=\s*|\s+)(.*?))?\s*$/;
// REST Client takes any name without spaces or `=`; httpyac also writes `@name := value`.
const fileVariablePattern = /^(\s*)@([^\s=]+?)(\s*:?=\s*)(.*?)\s*$/;
// `??` starts an httpyac assertion, not a query line.
const continuationPattern = /^\s*(?:\?(?!\?)|&)/;
// httpyac's path continuation line (`  /get`); `//` is a comment and `/*` a block comment.
const pathContinuationPattern = /^\s*\/(?!\/)[^*]*$/;
const headerSpreadPattern = /^(\s*\.{3})([^\s,]+),?\s*$/;
// A line right after the headers that plainly starts a body (JSON, XML, an include, a form).
const bodyStartPattern = /^\s*(?:[{["<]|[\w.%[\]-]+=)/;
const graphqlOperationPattern = /^\s*(?:query|mutation|subscription)\b\s*([A-Za-z_]\w*)?\s*[({@]/;
const graphqlFragmentPattern = /^\s*fragment\s+([A-Za-z_]\w*)\s+on\s/;
const graphqlFileImportPattern = /^\s*gql(?:\s+[^\s(]+)?\s+<\s+\S/;
const commentOrBlankPattern = /^\s*(?:$|#|\/\/)/;
// httpyac and IntelliJ lines around a request (scripts, handlers, redirects, assertions).
const scriptBlockOpenPattern = /^\{\{(?!.*\}\})/;
const scriptBlockClosePattern = /^\}\}\s*$/;
const handlerBlockOpenPattern = /^([<>])\s*\{%/;
const handlerBlockClosePattern = /%\}/;
const outputRedirectPattern = /^>>!?\s*\S/;
const handlerFilePattern = /^>\s*[^\s>{]/;
const assertionPattern = /^\s*\?\?/;
const preRequestFilePattern = /^<\s+\S/;
// A header name is an HTTP token (a `{{variable}}` may stand in it); anything else starts the body.
const headerPattern = /^(\s*)([!#$%&'*+\-.^_`|~\w{}]+)\s*:\s*(.*?)\s*$/;
const fileIncludePattern = /^<(@)?([\w-]+)?\s+(\S.*?)\s*$/;
// A response pasted into the file (`HTTP/1.1 200 OK`): REST Client ignores such a block.
const responseStatusPattern = /^\s*HTTP\/[\d.]+/;
const httpVersionPattern = /\s+(HTTP\/\d(?:\.\d)?)\s*$/i;
const nameHandlePattern = /^[A-Za-z_][\w-]*$/;

/** What one block's parse adds to the file: its diagnostics, file variables, fragments and file directives. */
export interface BlockContext {
  /** The text the lines' offsets index (the whole file, or one block's own text). */
  readonly text: string;
  readonly diagnostics: PsreqDiagnostic[];
  readonly fileVariables: FileVariable[];
  /** Numbers of the lines of block comments (httpyac's slash-star … star-slash). */
  readonly blockComments: ReadonlySet<number>;
  /** httpyac `fragment Name on Type { … }` blocks, for the GraphQL queries that spread them. */
  readonly fragments: GraphqlFragment[];
  readonly fileDirectives: Directive[];
}

export interface GraphqlFragment {
  readonly name: string;
  readonly text: string;
}

export function blockContext(text: string, blockComments: ReadonlySet<number>): BlockContext {
  return { text, diagnostics: [], fileVariables: [], blockComments, fragments: [], fileDirectives: [] };
}

/** The text's lines; a byte-order mark is not part of the first line (offsets still index the original text). */
export function psreqLines(text: string): Line[] {
  const lines = splitLines(text);
  if (text.charCodeAt(0) === 0xfeff) lines[0] = { ...lines[0], start: 1, text: lines[0].text.slice(1) };
  return lines;
}

/**
 * Parses `.psreq` (and REST Client / httpyac `.http`) text into requests with exact offsets.
 * Never throws: anything it cannot read becomes a diagnostic with a position.
 */
export function parsePsreq(input: string): PsreqDocument {
  const text = typeof input === 'string' ? input : String(input ?? '');
  try {
    return parseText(text);
  } catch (error) {
    return failedParse(error);
  }
}

/** A parser bug must not take the editor down: it is reported where the user sees it. */
function failedParse(error: unknown): PsreqDocument {
  const message = error instanceof Error ? error.message : String(error);
  return { requests: [], fileVariables: [], diagnostics: [{ start: 0, end: 0, severity: 'error', code: 'internal-error', message: `the .psreq parser failed: ${message}` }] };
}

function parseText(text: string): PsreqDocument {
  const lines = psreqLines(text);
  const scan = scanBlocks(lines);
  const context = blockContext(text, scan.blockComments);
  const requests: PsreqRequest[] = [];
  for (const { first, end } of scan.blocks) {
    const request = parseBlockSafely(lines.slice(first, end), requests.length, context);
    if (request) requests.push(request);
  }
  return finishDocument(text, requests, context);
}

/**
 * The document from its requests and what its blocks found (the whole-file parse and the blocks'
 * `document` alike): duplicate names, findings in order, GraphQL fragments spread into the requests.
 */
export function finishDocument(text: string, requests: readonly PsreqRequest[], found: Pick<BlockContext, 'fileVariables' | 'diagnostics' | 'fileDirectives' | 'fragments'>): PsreqDocument {
  const diagnostics = [...found.diagnostics, ...duplicateNames(requests)].sort(byRange);
  const withFragments = found.fragments.length ? requests.map((request) => withGraphqlFragments(request, text, found.fragments)) : requests;
  return { requests: withFragments, fileVariables: found.fileVariables, diagnostics, ...(found.fileDirectives.length ? { fileDirectives: found.fileDirectives } : {}) };
}

/** Lines `first` (inclusive) to `end` (exclusive) of one request's block. */
export interface BlockLines {
  readonly first: number;
  readonly end: number;
}

/**
 * Where requests start: at `###`, or (httpyac) at a second `METHOD url` line. Every line belongs to
 * one block. Nothing carries over a `###` line, so text from one `###` line to the next scans alike
 * wherever it stands (what the incremental parse relies on).
 */
export function scanBlocks(lines: readonly Line[]): { blocks: BlockLines[]; blockComments: Set<number> } {
  const blockComments = new Set<number>();
  const blocks: BlockLines[] = [];
  let blockStart = 0;
  const flush = (endLine: number) => {
    if (endLine <= blockStart && !(blockStart === 0 && endLine === 0)) return;
    blocks.push({ first: blockStart, end: endLine });
  };
  let inBlockComment = false;
  let scriptClose: RegExp | undefined;
  let hasRequest = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text;
    const first = line.charCodeAt(0);
    // `###` always starts a request: an unclosed comment or script never swallows the rest of the file.
    if (first === 35 /* # */ && i > 0 && separatorPattern.test(line)) {
      flush(i);
      blockStart = i;
      hasRequest = false;
      inBlockComment = false;
      scriptClose = undefined;
      continue;
    }
    if (inBlockComment) {
      blockComments.add(i);
      if (blockCommentClosePattern.test(line)) inBlockComment = false;
      continue;
    }
    if (scriptClose) {
      if (scriptClose.test(line)) scriptClose = undefined;
      continue;
    }
    if (blockCommentOpenPattern.test(line)) {
      blockComments.add(i);
      inBlockComment = true;
      continue;
    }
    if (first >= 65 && first <= 90 && requestStartPattern.test(line)) {
      if (hasRequest) {
        // Comment and directive lines right above the request line are its own (`# @name`).
        let from = i;
        while (from - 1 > blockStart && (commentPattern.test(lines[from - 1].text) || blockComments.has(from - 1))) from--;
        flush(from);
        blockStart = from;
      }
      hasRequest = true;
      continue;
    }
    if (scriptBlockOpenPattern.test(line)) scriptClose = scriptBlockClosePattern;
    else if (handlerBlockOpenPattern.test(line) && !handlerBlockClosePattern.test(line)) scriptClose = handlerBlockClosePattern;
    else if (!hasRequest && !commentOrBlankPattern.test(line) && !fileVariablePattern.test(line) && !separatorPattern.test(line)) hasRequest = true;
  }
  flush(lines.length);
  return { blocks, blockComments };
}

/** The `# @name` of a request when it is a valid handle (the one checks and references use). */
export function validNameOf(request: PsreqRequest): string | undefined {
  const directive = request.directives.find((candidate) => candidate.name === 'name');
  return directive && nameHandlePattern.test(directive.value) ? directive.value : undefined;
}

/** `duplicate-name` on every request named like an earlier one. */
function duplicateNames(requests: readonly PsreqRequest[]): PsreqDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: PsreqDiagnostic[] = [];
  for (const request of requests) {
    const name = validNameOf(request);
    if (name === undefined) continue;
    if (seen.has(name)) diagnostics.push(duplicateNameDiagnostic(request, name));
    else seen.add(name);
  }
  return diagnostics;
}

/** `duplicate-name` at the `# @name` value of a request named like an earlier one. */
export function duplicateNameDiagnostic(request: PsreqRequest, name: string): PsreqDiagnostic {
  const directive = request.directives.find((candidate) => candidate.name === 'name')!;
  return { ...directive.valueSpan, severity: 'error', code: 'duplicate-name', message: `another request is already named '${name}'` };
}

/** Appends to a GraphQL query the file's fragments it spreads, as httpyac sends them (`text`: what the request's offsets index). */
function withGraphqlFragments(request: PsreqRequest, text: string, fileFragments: readonly GraphqlFragment[]): PsreqRequest {
  const graphql = request.body?.graphql;
  if (!graphql) return request;
  const query = text.slice(graphql.query.start, graphql.query.end);
  const fragments = fileFragments.filter((fragment) => query.includes(`...${fragment.name}`)).map((fragment) => fragment.text);
  if (!fragments.length) return request;
  return { ...request, body: { ...request.body!, graphql: { ...graphql, fragments } } };
}

function isCommentLine(line: Line, context: BlockContext): boolean {
  return context.blockComments.has(line.number) || commentPattern.test(line.text);
}

function span(start: number, end: number): Span {
  return { start, end };
}

/** One block's request; a parser bug loses that block only, reported at its first line. */
export function parseBlockSafely(block: Line[], index: number, context: BlockContext): PsreqRequest | undefined {
  try {
    return parseBlock(block, index, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = block[0]?.start ?? 0;
    context.diagnostics.push({ start: at, end: at, severity: 'error', code: 'internal-error', message: `the .psreq parser failed: ${message}` });
    return undefined;
  }
}

function parseBlock(block: Line[], index: number, context: BlockContext): PsreqRequest | undefined {
  if (block.length === 0) return undefined;
  const { diagnostics } = context;
  const first = block[0];
  let title: PsreqRequest['title'];
  let cursor = 0;
  if (separatorPattern.test(first.text)) {
    const rest = first.text.slice(3);
    const trimmed = rest.replace(/^#*/, '').trim();
    if (trimmed) {
      const at = first.start + 3 + rest.indexOf(trimmed);
      title = { text: trimmed, span: span(at, at + trimmed.length) };
    }
    cursor = 1;
  }

  const directives: Directive[] = [];
  const variables: FileVariable[] = [];
  const references: VariableReference[] = [];
  const scripts: PsreqScript[] = [];
  let requestLine: Line | undefined;
  for (; cursor < block.length; cursor++) {
    const line = block[cursor];
    if (line.text.trim() === '' || context.blockComments.has(line.number)) continue;
    const directive = directivePattern.exec(line.text);
    if (directive) {
      const nameStart = line.start + directive[1].length + 1;
      const value = directive[4] ?? '';
      const valueStart = nameStart + directive[2].length + (directive[3]?.length ?? 0);
      directives.push({ name: directive[2], value, span: span(line.start, line.end), nameSpan: span(nameStart, nameStart + directive[2].length), valueSpan: span(valueStart, valueStart + value.length) });
      continue;
    }
    if (commentPattern.test(line.text)) continue;
    const declared = fileVariableAt(line, context);
    if (declared) {
      variables.push(declared);
      continue;
    }
    const script = scriptAt(block, cursor, 'pre', diagnostics);
    if (script) {
      scripts.push(script.script);
      cursor = script.next - 1;
      continue;
    }
    const fragment = graphqlFragmentPattern.exec(line.text);
    if (fragment) {
      let last = cursor;
      while (last + 1 < block.length && block[last + 1].text.trim() !== '') last++;
      context.fragments.push({ name: fragment[1], text: context.text.slice(line.start, block[last].end).replace(/\r\n?/g, '\n') });
      cursor = last;
      continue;
    }
    if (/^\s*@/.test(line.text)) {
      diagnostics.push({ start: line.start, end: line.end, severity: 'error', code: 'bad-variable', message: "a file variable reads '@name = value' (a name without spaces or '=')" });
      continue;
    }
    if (responseStatusPattern.test(line.text)) return undefined;
    requestLine = line;
    cursor++;
    break;
  }
  if (!requestLine) {
    // Directives with no request under them (`# @env dev` at the top of the file) are the file's.
    context.fileDirectives.push(...directives);
    return undefined;
  }

  // Request line: [METHOD] URL [HTTP/x.y], then `?`/`&` continuation lines.
  const lineText = requestLine.text;
  const leading = lineText.length - lineText.trimStart().length;
  let content = lineText.trim();
  let contentStart = requestLine.start + leading;
  let httpVersion: PsreqRequest['httpVersion'];
  const version = httpVersionPattern.exec(content);
  if (version) {
    const at = contentStart + content.lastIndexOf(version[1]);
    httpVersion = { text: version[1].toUpperCase(), span: span(at, at + version[1].length) };
    content = content.slice(0, version.index);
  }
  const firstWord = /^\S+/.exec(content)?.[0] ?? '';
  const afterWord = content.slice(firstWord.length);
  let method: PsreqRequest['method'];
  let urlText: string;
  let urlStart: number;
  if (methodSet.has(firstWord.toUpperCase())) {
    method = { text: firstWord.toUpperCase(), span: span(contentStart, contentStart + firstWord.length), implicit: false };
    const gap = afterWord.length - afterWord.trimStart().length;
    urlText = afterWord.trim();
    urlStart = contentStart + firstWord.length + gap;
    if (firstWord !== firstWord.toUpperCase()) diagnostics.push({ ...method.span, severity: 'warning', code: 'method-case', message: `write the method in capitals: ${firstWord.toUpperCase()}` });
  } else if (afterWord.trim() !== '' && /^[A-Za-z]+$/.test(firstWord)) {
    method = { text: firstWord.toUpperCase(), span: span(contentStart, contentStart + firstWord.length), implicit: false };
    if (unsupportedProtocols.has(method.text)) diagnostics.push({ ...method.span, severity: 'error', code: 'unsupported-protocol', message: `httpyac's ${method.text} requests are not supported: .psreq sends HTTP requests (${httpMethods.slice(0, 5).join(', ')}, …)` });
    else diagnostics.push(firstWord === 'curl'
      ? { ...method.span, severity: 'error', code: 'curl-request', message: "REST Client's curl form is not supported: write 'METHOD URL', then headers and the body" }
      : { ...method.span, severity: 'error', code: 'unknown-method', message: `unknown HTTP method '${firstWord}' (GET, POST, PUT, DELETE, PATCH, …)` });
    const gap = afterWord.length - afterWord.trimStart().length;
    urlText = afterWord.trim();
    urlStart = contentStart + firstWord.length + gap;
  } else {
    method = { text: 'GET', span: span(contentStart, contentStart), implicit: true };
    urlText = content;
    urlStart = contentStart;
  }
  const pieces: UrlPiece[] = [{ text: urlText, start: urlStart }];
  let requestLineEnd = requestLine.end;
  for (;;) {
    // REST Client drops comment lines before it reads the request, so they never end the query.
    let next = cursor;
    while (next < block.length && isCommentLine(block[next], context)) next++;
    if (next >= block.length || !(continuationPattern.test(block[next].text) || pathContinuationPattern.test(block[next].text))) break;
    cursor = next;
    const line = block[cursor];
    const trimmed = line.text.trim();
    pieces.push({ text: trimmed, start: line.start + line.text.indexOf(trimmed) });
    requestLineEnd = line.end;
    cursor++;
  }
  const url = buildUrl(pieces, diagnostics);
  if (url.text === '') diagnostics.push({ start: requestLine.start, end: requestLine.end, severity: 'error', code: 'missing-url', message: 'the request line needs a URL, e.g. GET /ws/v1/district' });
  for (const piece of pieces) references.push(...findReferences(piece.text, piece.start, diagnostics));

  // Headers until a blank line.
  const headers: Header[] = [];
  const headerSpreads: HeaderSpread[] = [];
  let scriptAfterHeaders = false;
  for (; cursor < block.length; cursor++) {
    const line = block[cursor];
    if (line.text.trim() === '') break;
    if (isCommentLine(line, context)) continue;
    if (assertionPattern.test(line.text)) {
      scripts.push(assertionAt(line, diagnostics));
      continue;
    }
    if (startsScript(line.text, 'post')) {
      scriptAfterHeaders = true;
      break;
    }
    const spread = headerSpreadPattern.exec(line.text);
    if (spread) {
      const nameStart = line.start + spread[1].length;
      headerSpreads.push({ name: spread[2], span: span(line.start + spread[1].length - 3, nameStart + spread[2].length), nameSpan: span(nameStart, nameStart + spread[2].length) });
      continue;
    }
    const header = headerPattern.exec(line.text);
    if (!header) {
      // httpyac reads the body from here; say so unless the line plainly starts one.
      if (!bodyStartPattern.test(line.text)) diagnostics.push({ start: line.start, end: line.end, severity: 'warning', code: 'body-without-blank-line', message: "read as the first line of the body: a header reads 'Name: value' (a name without spaces); leave a blank line before the body" });
      break;
    }
    const nameStart = line.start + header[1].length;
    const value = header[3];
    // The value is trimmed (as REST Client sends it) and ends where the line's text ends.
    const valueStart = line.start + line.text.trimEnd().length - value.length;
    const parsed: Header = { name: header[2], value, span: span(line.start, line.end), nameSpan: span(nameStart, nameStart + header[2].length), valueSpan: span(valueStart, valueStart + value.length) };
    headers.push(parsed);
    references.push(...findReferences(line.text.slice(header[1].length), nameStart, diagnostics));
  }

  // Body: from the first non-blank line after the headers up to the response handlers (if any),
  // without trailing blank and comment lines (REST Client leaves those out of the request too).
  let body: RequestBody | undefined;
  let bodyFirst = cursor;
  while (bodyFirst < block.length && block[bodyFirst].text.trim() === '') bodyFirst++;
  let bodyStop = bodyFirst;
  if (!scriptAfterHeaders) while (bodyStop < block.length && !startsScript(block[bodyStop].text, 'post')) bodyStop++;
  let bodyLast = bodyStop - 1;
  // File variables may follow a request (REST Client reads them anywhere): they are not its body.
  const trailingVariables: Line[] = [];
  for (; bodyLast >= bodyFirst; bodyLast--) {
    const line = block[bodyLast];
    if (fileVariablePattern.test(line.text)) trailingVariables.unshift(line);
    else if (!commentOrBlankPattern.test(line.text) && !context.blockComments.has(line.number)) break;
  }
  for (const line of trailingVariables) fileVariableAt(line, context);
  for (let next = bodyStop; next < block.length;) {
    const line = block[next];
    if (commentOrBlankPattern.test(line.text) || context.blockComments.has(line.number)) { next++; continue; }
    const script = scriptAt(block, next, 'post', diagnostics);
    if (script) {
      scripts.push(script.script);
      next = script.next;
      continue;
    }
    diagnostics.push({ start: line.start, end: line.end, severity: 'warning', code: 'ignored-text', message: 'text after a response handler is ignored; start another request with ###' });
    next++;
  }
  if (bodyFirst <= bodyLast) {
    const start = block[bodyFirst].start;
    const end = block[bodyLast].end;
    const original = bodyFirst === bodyLast ? block[bodyFirst].text : undefined;
    const include = original !== undefined ? fileIncludePattern.exec(original.trim()) : null;
    let file: RequestBody['file'];
    if (include) {
      const at = start + original!.indexOf(include[3]);
      file = { path: include[3], span: span(at, at + include[3].length), processVariables: include[1] === '@', encoding: include[2] };
    }
    const includes: BodyInclude[] = [];
    if (bodyFirst < bodyLast) {
      for (let j = bodyFirst; j <= bodyLast; j++) {
        const part = fileIncludePattern.exec(block[j].text);
        if (!part) continue;
        const at = block[j].start + block[j].text.lastIndexOf(part[3]);
        includes.push({ path: part[3], span: span(at, at + part[3].length), processVariables: part[1] === '@', encoding: part[2] });
      }
    }
    const graphql = file ? undefined : graphqlBodyOf(block, bodyFirst, bodyLast, headers, diagnostics);
    body = { text: context.text.slice(start, end), span: span(start, end), file, ...(includes.length ? { includes } : {}), ...(graphql ? { graphql } : {}) };
    if (!file || file.processVariables) references.push(...findReferences(body.text, start, diagnostics));
  }

  const nameDirective = directives.find((directive) => directive.name === 'name');
  if (nameDirective && !nameDirective.value) {
    diagnostics.push({ ...nameDirective.span, severity: 'error', code: 'empty-name', message: "'# @name' needs a name, e.g. # @name activeStudents" });
  } else if (nameDirective) {
    // `duplicate-name` is the file's to say (duplicateNames): it depends on the blocks above.
    if (!nameHandlePattern.test(nameDirective.value)) {
      diagnostics.push({ ...nameDirective.valueSpan, severity: 'error', code: 'bad-name', message: `request name '${nameDirective.value}' must be letters, digits, '_' or '-' so {{${nameDirective.value}.response…}} can name it` });
    }
  }

  for (const script of scripts) {
    if (script.kind === 'assertion') continue;
    const message = script.kind === 'output-redirect'
      ? "'>>' output redirects are not supported: the response shows in the response view"
      : 'httpyac/IntelliJ scripts are not supported: .psreq sends the request without running this script';
    const firstLineEnd = context.text.slice(script.span.start, script.span.end).search(/[\r\n]/);
    diagnostics.push({ start: script.span.start, end: firstLineEnd < 0 ? script.span.end : script.span.start + firstLineEnd, severity: 'info', code: 'script-not-run', message });
  }
  const prompts = promptsOf(directives, diagnostics);

  const blockEnd = block[block.length - 1].end;
  return {
    index,
    span: span(block[0].start, blockEnd),
    title,
    directives,
    name: nameDirective?.value || undefined,
    method,
    url,
    httpVersion,
    requestLineSpan: span(requestLine.start + leading, requestLineEnd),
    headers,
    ...(headerSpreads.length ? { headerSpreads } : {}),
    ...(prompts.length ? { prompts } : {}),
    body,
    ...(scripts.length ? { scripts } : {}),
    variables,
    references,
  };
}

/** `# @prompt name [description]` directives. */
function promptsOf(directives: readonly Directive[], diagnostics: PsreqDiagnostic[]): PromptVariable[] {
  const prompts: PromptVariable[] = [];
  for (const directive of directives) {
    if (directive.name !== 'prompt') continue;
    const [name = '', ...description] = directive.value.split(/\s+/);
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) {
      diagnostics.push({ ...directive.span, severity: 'error', code: 'bad-prompt', message: "'# @prompt' needs a variable name, e.g. # @prompt studentId the student to read" });
      continue;
    }
    const start = directive.valueSpan.start;
    prompts.push({ name, ...(description.length ? { description: description.join(' ') } : {}), nameSpan: span(start, start + name.length) });
  }
  return prompts;
}

/**
 * A GraphQL body: REST Client's (`X-Request-Type: GraphQL`) or httpyac's (a `query`/`mutation`
 * first line). The query runs to the first blank line; JSON variables may follow.
 */
function graphqlBodyOf(block: Line[], first: number, last: number, headers: readonly Header[], diagnostics: PsreqDiagnostic[]): GraphqlBody | undefined {
  const firstLine = block[first];
  if (graphqlFileImportPattern.test(firstLine.text)) {
    diagnostics.push({ start: firstLine.start, end: firstLine.end, severity: 'error', code: 'unsupported-graphql-file', message: "httpyac's 'gql … < file' import is not supported: write the query in the body" });
    return undefined;
  }
  const operation = graphqlOperationPattern.exec(firstLine.text);
  const marked = headers.some((header) => header.name.toLowerCase() === 'x-request-type' && header.value.toLowerCase() === 'graphql');
  if (!operation && !marked) return undefined;
  let queryLast = first;
  while (queryLast < last && block[queryLast + 1].text.trim() !== '') queryLast++;
  let variablesFirst = queryLast + 1;
  while (variablesFirst <= last && block[variablesFirst].text.trim() === '') variablesFirst++;
  return {
    query: span(firstLine.start, block[queryLast].end),
    ...(variablesFirst <= last ? { variables: span(block[variablesFirst].start, block[last].end) } : {}),
    ...(operation?.[1] ? { operationName: operation[1] } : {}),
  };
}

/** Reads `@name = value` on this line into the document's file variables. */
function fileVariableAt(line: Line, context: BlockContext): FileVariable | undefined {
  const variable = fileVariablePattern.exec(line.text);
  if (!variable) return undefined;
  const nameStart = line.start + variable[1].length + 1;
  const valueStart = nameStart + variable[2].length + variable[3].length;
  const declared: FileVariable = { name: variable[2], value: variable[4], span: span(line.start, line.end), nameSpan: span(nameStart, nameStart + variable[2].length), valueSpan: span(valueStart, valueStart + variable[4].length) };
  context.fileVariables.push(declared);
  findReferences(variable[4], valueStart, context.diagnostics);
  return declared;
}

function buildUrl(pieces: UrlPiece[], diagnostics: PsreqDiagnostic[]): RequestUrl {
  const text = pieces.map((piece) => piece.text).join('');
  // Map an index in the joined text to a document offset.
  const offsets: { from: number; start: number }[] = [];
  let from = 0;
  for (const piece of pieces) {
    offsets.push({ from, start: piece.start });
    from += piece.text.length;
  }
  const at = (index: number): number => {
    let chosen = offsets[0];
    for (const entry of offsets) if (entry.from <= index) chosen = entry;
    return chosen.start + (index - chosen.from);
  };
  const endAt = (index: number): number => (index === 0 ? at(0) : at(index - 1) + 1);
  const questionMark = text.indexOf('?');
  const pathEnd = questionMark < 0 ? text.length : questionMark;
  const query = splitQuery(pieces, diagnostics);
  const lastPiece = pieces[pieces.length - 1];
  return {
    text,
    span: span(pieces[0].start, lastPiece.start + lastPiece.text.length),
    pieces,
    path: text.slice(0, pathEnd),
    pathSpan: span(at(0), endAt(pathEnd)),
    query,
  };
}

/** A `?? …` line, with a diagnostic where it cannot be read. */
function assertionAt(line: Line, diagnostics: PsreqDiagnostic[]): PsreqScript {
  const text = line.text.trim();
  const start = line.start + line.text.indexOf(text);
  const parsed = parseAssertion(text);
  if ('error' in parsed) diagnostics.push({ start, end: start + text.length, severity: 'warning', code: 'bad-assertion', message: parsed.error });
  return { kind: 'assertion', span: span(line.start, line.end), text };
}

/** Whether a line opens an httpyac/IntelliJ script, handler, redirect or assertion. */
function startsScript(text: string, where: 'pre' | 'post'): boolean {
  return scriptBlockOpenPattern.test(text)
    || handlerBlockOpenPattern.test(text)
    || outputRedirectPattern.test(text)
    || handlerFilePattern.test(text)
    || assertionPattern.test(text)
    || (where === 'pre' && preRequestFilePattern.test(text));
}

/** The script starting at `block[index]` and the index of the line after it, if one starts there. */
function scriptAt(block: Line[], index: number, where: 'pre' | 'post', diagnostics: PsreqDiagnostic[]): { script: PsreqScript; next: number } | undefined {
  const line = block[index];
  const single = (kind: PsreqScript['kind']) => ({ script: { kind, span: span(line.start, line.end), text: line.text }, next: index + 1 });
  const until = (close: RegExp, kind: PsreqScript['kind'], rest?: string) => {
    if (rest !== undefined && close.test(rest)) return single(kind);
    for (let j = index + 1; j < block.length; j++) {
      if (close.test(block[j].text)) return { script: { kind, span: span(line.start, block[j].end), text: block.slice(index, j + 1).map((part) => part.text).join('\n') }, next: j + 1 };
    }
    diagnostics.push({ start: line.start, end: line.end, severity: 'error', code: 'unclosed-script', message: 'this script block is not closed before the next ###' });
    return { script: { kind, span: span(line.start, block[block.length - 1].end), text: block.slice(index).map((part) => part.text).join('\n') }, next: block.length };
  };
  if (scriptBlockOpenPattern.test(line.text)) return until(scriptBlockClosePattern, where === 'pre' ? 'pre-request' : 'response-handler');
  const handler = handlerBlockOpenPattern.exec(line.text);
  if (handler) return until(handlerBlockClosePattern, handler[1] === '<' ? 'pre-request' : 'response-handler', line.text.slice(handler[0].length));
  if (outputRedirectPattern.test(line.text)) return single('output-redirect');
  if (handlerFilePattern.test(line.text)) return single('response-handler');
  if (assertionPattern.test(line.text)) return { script: assertionAt(line, diagnostics), next: index + 1 };
  if (where === 'pre' && preRequestFilePattern.test(line.text)) return single('pre-request');
  return undefined;
}

/**
 * Query parameters with their document ranges. REST Client joins the pieces into one URL;
 * a parameter never spans two lines because every continuation line starts a new one.
 */
function splitQuery(pieces: readonly UrlPiece[], diagnostics: PsreqDiagnostic[]): QueryParameter[] {
  const query: QueryParameter[] = [];
  let started = false;
  pieces.forEach((piece, index) => {
    let from: number;
    if (index === 0 || piece.text.startsWith('/')) {
      if (started) return;
      const questionMark = piece.text.indexOf('?');
      if (questionMark < 0) return;
      from = questionMark + 1;
    } else if (piece.text.startsWith('?')) {
      if (started) diagnostics.push({ start: piece.start, end: piece.start + 1, severity: 'warning', code: 'second-question-mark', message: "the query has already started: continue it with '&' (a second '?' becomes part of the previous value)" });
      from = 1;
    } else if (!started) {
      diagnostics.push({ start: piece.start, end: piece.start + 1, severity: 'warning', code: 'query-without-question-mark', message: "the query must start with '?': this '&' line becomes part of the path" });
      return;
    } else {
      from = 1;
    }
    started = true;
    while (from <= piece.text.length) {
      let next = piece.text.indexOf('&', from);
      if (next < 0) next = piece.text.length;
      if (next > from) {
        const equals = piece.text.indexOf('=', from);
        const hasEquals = equals >= 0 && equals < next;
        const keyEnd = hasEquals ? equals : next;
        const valueStart = hasEquals ? equals + 1 : next;
        query.push({
          key: piece.text.slice(from, keyEnd),
          value: piece.text.slice(valueStart, next),
          keySpan: span(piece.start + from, piece.start + keyEnd),
          valueSpan: span(piece.start + valueStart, piece.start + next),
          hasEquals,
        });
      }
      from = next + 1;
    }
  });
  return query;
}
