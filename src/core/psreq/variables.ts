import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { findReferences, messageReferenceOf } from './references';
import { systemVariable, type Clock } from './systemVariables';
import type { FileVariable, HeaderSpread, PsreqRequest, RequestBody, Span } from './types';
import { VariableUsesRecorder, type VariableUses } from './uses';

/** What a named request answered, as `{{name.response…}}` reads it. */
export interface ResponseSnapshot {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** What the request sent, for `{{name.request.body.*}}` / `{{name.request.headers.X}}` (REST Client). */
  readonly request?: { readonly headers: Readonly<Record<string, string>>; readonly body?: unknown };
}

export interface VariableSources {
  readonly fileVariables?: readonly Pick<FileVariable, 'name' | 'value'>[];
  /** Connection or environment variables (e.g. from settings); file variables win over them. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
  /** `.env` values for `{{$dotenv NAME}}`. */
  readonly dotenv?: Readonly<Record<string, string>>;
  /** Answers to this Send's `# @prompt` questions; they win over every other variable. */
  readonly prompted?: Readonly<Record<string, string>>;
  readonly now?: () => Date;
  readonly randomUuid?: () => string;
  readonly randomInt?: (min: number, max: number) => number;
  /**
   * The response of the request named `name`: the host runs it first when it has none yet.
   * Undefined when no such request exists.
   */
  readonly getResponse?: (name: string, signal?: AbortSignal) => Promise<ResponseSnapshot | undefined>;
}

export interface VariableProblem {
  readonly name: string;
  /** Offsets of the `{{…}}` in the text that was resolved (plus its base). */
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface Resolved {
  readonly text: string;
  readonly problems: readonly VariableProblem[];
}

type PathStep =
  | { readonly kind: 'key'; readonly key: string; readonly deep: boolean }
  | { readonly kind: 'index'; readonly index: number; readonly deep: boolean }
  | { readonly kind: 'wildcard'; readonly deep: boolean };

/** `$.a..b[0]['c d'].*[*]` → steps; undefined when the path cannot be read. */
function pathSteps(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    let deep = false;
    if (path.startsWith('..', i)) {
      deep = true;
      i += 2;
    } else if (path[i] === '.') {
      i += 1;
    }
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return undefined;
      const inside = path.slice(i + 1, close).trim();
      i = close + 1;
      if (inside === '*') steps.push({ kind: 'wildcard', deep });
      else if (/^-?\d+$/.test(inside)) steps.push({ kind: 'index', index: Number(inside), deep });
      else if (/^(['"]).*\1$/s.test(inside)) steps.push({ kind: 'key', key: inside.slice(1, -1), deep });
      else return undefined;
      continue;
    }
    const match = /^[^.[\]]+/.exec(path.slice(i));
    if (!match) return i >= path.length ? steps : undefined;
    i += match[0].length;
    steps.push(match[0] === '*' ? { kind: 'wildcard', deep } : { kind: 'key', key: match[0], deep });
  }
  return steps;
}

/** The node and everything under it, parents first (JSONPath `..`). */
function selfAndDescendants(value: unknown, into: unknown[]): unknown[] {
  into.push(value);
  if (value !== null && typeof value === 'object') for (const child of Object.values(value)) selfAndDescendants(child, into);
  return into;
}

function applyStep(node: unknown, step: PathStep, into: unknown[]): void {
  if (node === null || typeof node !== 'object') return;
  if (step.kind === 'wildcard') {
    into.push(...Object.values(node));
  } else if (step.kind === 'index') {
    if (Array.isArray(node)) {
      const element = node[step.index < 0 ? node.length + step.index : step.index];
      if (element !== undefined) into.push(element);
    } else if (step.index === 0 && !step.deep) {
      // PowerSchool returns one record as an object where several would be an array: [0] on an object is the object.
      into.push(node);
    }
  } else if (!Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, step.key)) {
    const value = (node as Record<string, unknown>)[step.key];
    if (value !== undefined) into.push(value);
  }
}

/**
 * Reads a JSONPath (`$.a.b[0]`, `$..id`, `$.list[*].id`, `['odd key']`; the `$.` may be left out)
 * or `*` from a value. Like REST Client, a path matching several nodes gives the first.
 */
export function readPath(value: unknown, path: string): { found: boolean; value?: unknown } {
  const trimmed = path.trim();
  if (trimmed === '' || trimmed === '*' || trimmed === '$') return { found: true, value };
  const steps = pathSteps(trimmed);
  if (!steps) return { found: false };
  let nodes: unknown[] = [value];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of nodes) {
      for (const candidate of step.deep ? selfAndDescendants(node, []) : [node]) applyStep(candidate, step, next);
    }
    nodes = next;
    if (nodes.length === 0) return { found: false };
  }
  return { found: true, value: nodes[0] };
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** REST Client reads `\\n`, `\\r`, `\\t` in a file variable's value as line breaks and tabs; `\\x` is `x`. */
function unescapeFileValue(value: string): string {
  return value.replace(/\\(.)/g, (_escape, char: string) => ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[char] ?? char);
}

/** crypto.randomInt refuses ranges over 2^48; wider ones draw 64 bits and reject the biased tail. */
function uniformInt(min: number, max: number): number {
  if (max - min <= 2 ** 48 - 1) return randomInt(min, max);
  const range = BigInt(max) - BigInt(min);
  const limit = (1n << 64n) - ((1n << 64n) % range);
  for (;;) {
    const draw = randomBytes(8).readBigUInt64BE();
    if (draw < limit) return Number(BigInt(min) + (draw % range));
  }
}

/** Resolves `{{…}}` references against file, environment, system and response variables. */
export class VariableResolver {
  private readonly clock: Clock;
  private readonly fileValues = new Map<string, string>();
  private readonly recorder = new VariableUsesRecorder();

  constructor(private readonly sources: VariableSources = {}) {
    this.clock = {
      now: sources.now ?? (() => new Date()),
      randomUuid: sources.randomUuid ?? randomUUID,
      randomInt: sources.randomInt ?? uniformInt,
      processEnv: sources.processEnv ?? {},
      dotenv: sources.dotenv,
      environment: (name) => this.sources.environment?.[name] ?? this.fileValues.get(name),
    };
    // Later declarations win, as in REST Client.
    for (const variable of sources.fileVariables ?? []) this.fileValues.set(variable.name, unescapeFileValue(variable.value));
  }

  /** What everything resolved so far drew on: process variables read, responses carried. */
  get uses(): VariableUses {
    return this.recorder;
  }

  async resolve(text: string, base = 0, signal?: AbortSignal): Promise<Resolved> {
    return this.resolveWith(text, base, new Set(), signal);
  }

  private async resolveWith(text: string, base: number, resolving: Set<string>, signal?: AbortSignal): Promise<Resolved> {
    const references = findReferences(text, 0);
    if (references.length === 0) return { text, problems: [] };
    const problems: VariableProblem[] = [];
    let output = '';
    let last = 0;
    for (const reference of references) {
      output += text.slice(last, reference.span.start);
      last = reference.span.end;
      const where = { name: reference.name, start: base + reference.span.start, end: base + reference.span.end };
      const value = await this.valueOf(reference.name, resolving, signal);
      if ('error' in value) {
        problems.push({ ...where, message: value.error });
        output += text.slice(reference.span.start, reference.span.end);
      } else {
        output += value.value;
      }
    }
    return { text: output + text.slice(last), problems };
  }

  private async valueOf(name: string, resolving: Set<string>, signal?: AbortSignal): Promise<{ value: string } | { error: string }> {
    this.recorder.record(name);
    if (name.startsWith('$')) return systemVariable(name, this.clock);
    const message = messageReferenceOf(name);
    if (message) return this.responseValue(message.request, message.entity, message.part, message.path ?? '*', signal);
    const prompted = this.sources.prompted?.[name];
    if (prompted !== undefined) return { value: prompted };
    const declared = this.fileValues.get(name) ?? this.sources.environment?.[name];
    if (declared === undefined) return { error: `'${name}' is not defined: declare it with @${name} = value` };
    if (resolving.has(name)) return { error: `'${name}' refers to itself through ${[...resolving].join(' → ')}` };
    resolving.add(name);
    const nested = await this.resolveWith(declared, 0, resolving, signal);
    resolving.delete(name);
    if (nested.problems.length > 0) return { error: `'${name}': ${nested.problems[0].message}` };
    return { value: nested.text };
  }

  private async responseValue(requestName: string, entity: 'response' | 'request', part: 'body' | 'headers', path: string, signal?: AbortSignal): Promise<{ value: string } | { error: string }> {
    if (!this.sources.getResponse) return { error: `cannot read ${requestName}'s response here` };
    let response: ResponseSnapshot | undefined;
    try {
      response = await this.sources.getResponse(requestName, signal);
    } catch (error) {
      return { error: `request '${requestName}' failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!response) return { error: `no request is named '${requestName}' (add # @name ${requestName} above it)` };
    const message = entity === 'request' ? response.request : response;
    if (!message) return { error: `the request that '${requestName}' sent is not available here, only its response` };
    if (part === 'headers') {
      const header = Object.entries(message.headers).find(([key]) => key.toLowerCase() === path.toLowerCase());
      if (header) return { value: header[1] };
      return { error: entity === 'request' ? `the request '${requestName}' sent no header '${path}'` : `${requestName}'s response has no header '${path}'` };
    }
    const read = readPath(message.body, path);
    if (read.found) return { value: asText(read.value) };
    return { error: entity === 'request' ? `the body '${requestName}' sent has nothing at '${path}'` : `${requestName}'s response body has nothing at '${path}'` };
  }
}

const bodyComment = /^\s*(?:#|\/\/)/;
const blockCommentOpen = /^\s*\/\*\s*$/;
const blockCommentClose = /^\s*\*\/\s*$/;

/**
 * The body's lines without its comment lines, which REST Client drops from what it sends
 * (and httpyac its block comments, a slash-star line to a star-slash line).
 */
function bodyLinesToSend(text: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let start = 0;
  let inBlockComment = false;
  for (let i = 0; i <= text.length; i++) {
    const char = text[i];
    if (i < text.length && char !== '\n' && char !== '\r') continue;
    const line = text.slice(start, i);
    if (inBlockComment) inBlockComment = !blockCommentClose.test(line);
    else if (blockCommentOpen.test(line)) inBlockComment = true;
    else if (!bodyComment.test(line)) lines.push({ text: line, offset: start });
    if (char === '\r' && text[i + 1] === '\n') i++;
    start = i + 1;
  }
  return lines;
}

/**
 * Joins body lines as REST Client does for the content type: form lines starting with `&` continue
 * the previous one, multipart parts need CRLF whatever the file uses, NDJSON ends with a line break.
 */
function joinBodyLines(lines: string[], contentType: string, lineBreak: string): string {
  const join = bodyJoin(contentType, lineBreak);
  return lines.map((line, i) => join.before(line, i) + line).join('') + join.after;
}

function bodyJoin(contentType: string, lineBreak: string): { before: (line: string, index: number) => string; after: string } {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const between = (separator: string) => (_line: string, index: number) => (index === 0 ? '' : separator);
  if (type === 'application/x-www-form-urlencoded') return { before: (line, index) => (index === 0 || line.startsWith('&') ? '' : lineBreak), after: '' };
  if (type === 'multipart/form-data') return { before: between('\r\n'), after: '' };
  if (type === 'application/x-ndjson' || type === 'application/ndjson') return { before: between(lineBreak), after: lineBreak };
  return { before: between(lineBreak), after: '' };
}

/** The body as text and file parts: each include line becomes a file, the line breaks stay text. */
function splitIncludes(lines: string[], contentType: string, lineBreak: string): NonNullable<ResolvedRequest['bodyParts']> {
  const join = bodyJoin(contentType, lineBreak);
  const parts: ({ text: string } | { file: IncludedFile })[] = [];
  let text = '';
  lines.forEach((line, i) => {
    text += join.before(line, i);
    const include = includeLine.exec(line);
    if (!include) {
      text += line;
      return;
    }
    if (text) parts.push({ text });
    text = '';
    parts.push({ file: { path: include[3]!, processVariables: include[1] === '@', ...(include[2] ? { encoding: include[2] } : {}) } });
  });
  text += join.after;
  if (text) parts.push({ text });
  return parts;
}

/** The headers a `...name` line spreads: the variable's value read as a JSON object. */
async function spreadHeaders(line: HeaderSpread, resolver: VariableResolver, signal?: AbortSignal): Promise<{ headers: Record<string, string>; problems: readonly VariableProblem[] }> {
  const resolved = await resolver.resolve(`{{${line.name}}}`, line.nameSpan.start - 2, signal);
  if (resolved.problems.length) return { headers: {}, problems: resolved.problems };
  let value: unknown;
  try {
    value = JSON.parse(resolved.text);
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const message = `'...${line.name}' needs a JSON object of headers, e.g. @${line.name} = {"Accept": "application/json"}`;
    return { headers: {}, problems: [{ name: line.name, start: line.span.start, end: line.span.end, message }] };
  }
  return { headers: Object.fromEntries(Object.entries(value).map(([name, header]) => [name, asText(header)])), problems: [] };
}

/** A GraphQL body as REST Client and httpyac send it: JSON `{query, operationName, variables}`. */
async function graphqlBodyText(body: RequestBody, resolver: VariableResolver, signal?: AbortSignal): Promise<Resolved> {
  const graphql = body.graphql!;
  const slice = (part: Span) => body.text.slice(part.start - body.span.start, part.end - body.span.start);
  const problems: VariableProblem[] = [];
  const query = await resolver.resolve(slice(graphql.query).replace(/\r\n?/g, '\n'), graphql.query.start, signal);
  problems.push(...query.problems);
  const message: { query: string; operationName?: string; variables?: unknown } = { query: [query.text, ...(graphql.fragments ?? [])].join('\n') };
  if (graphql.operationName) message.operationName = graphql.operationName;
  if (graphql.variables) {
    const variables = await resolver.resolve(slice(graphql.variables), graphql.variables.start, signal);
    problems.push(...variables.problems);
    try {
      message.variables = JSON.parse(variables.text);
    } catch (error) {
      problems.push({ name: 'variables', start: graphql.variables.start, end: graphql.variables.end, message: `the GraphQL variables after the query are not JSON: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { text: JSON.stringify(message), problems };
}

/** A file a body includes; `encoding` is REST Client's `<@latin1` (utf8 when absent). */
export interface IncludedFile {
  readonly path: string;
  readonly processVariables: boolean;
  readonly encoding?: string;
}

// REST Client's include line: `< path`, `<@ path`, `<@latin1 path`, at the start of the line.
const includeLine = /^<(?:(@)(\w+)?)?\s+(.+?)\s*$/;

/** A request with every variable replaced, ready to send. */
export interface ResolvedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A `< file` body: the host reads it (substituting variables when `processVariables`). */
  readonly bodyFile?: IncludedFile;
  /**
   * Set when a longer body has `< file` lines (multipart uploads): the body to send is these parts
   * in order, each file read by the host as for `bodyFile`. `body` then still holds the lines as written.
   */
  readonly bodyParts?: readonly ({ readonly text: string } | { readonly file: IncludedFile })[];
  readonly directives: Readonly<Record<string, string>>;
  readonly problems: readonly VariableProblem[];
}

export async function resolveRequest(request: PsreqRequest, resolver: VariableResolver, signal?: AbortSignal): Promise<ResolvedRequest> {
  const problems: VariableProblem[] = [];
  const take = (resolved: Resolved) => {
    problems.push(...resolved.problems);
    return resolved.text;
  };
  let url = '';
  for (const piece of request.url.pieces) url += take(await resolver.resolve(piece.text, piece.start, signal));
  const headers: Record<string, string> = {};
  // A repeated header is joined under its first spelling, as REST Client sends it.
  const spelling = new Map<string, string>();
  // httpyac's `...name` headers come first; a written header of the same name replaces one.
  const spread = new Set<string>();
  for (const line of request.headerSpreads ?? []) {
    const spreadLine = await spreadHeaders(line, resolver, signal);
    problems.push(...spreadLine.problems);
    for (const [name, value] of Object.entries(spreadLine.headers)) {
      const first = spelling.get(name.toLowerCase()) ?? name;
      spelling.set(name.toLowerCase(), first);
      headers[first] = value;
      spread.add(name.toLowerCase());
    }
  }
  for (const header of request.headers) {
    const name = take(await resolver.resolve(header.name, header.nameSpan.start, signal));
    const value = take(await resolver.resolve(header.value, header.valueSpan.start, signal));
    const first = spelling.get(name.toLowerCase());
    if (first !== undefined && spread.delete(name.toLowerCase())) {
      delete headers[first];
      spelling.set(name.toLowerCase(), name);
      headers[name] = value;
    } else if (first === undefined) {
      spelling.set(name.toLowerCase(), name);
      headers[name] = value;
    } else {
      headers[first] += `${name.toLowerCase() === 'cookie' ? ';' : ','}${value}`;
    }
  }
  let body: string | undefined;
  let bodyFile: ResolvedRequest['bodyFile'];
  let bodyParts: ResolvedRequest['bodyParts'];
  if (request.body?.file) {
    const { file } = request.body;
    bodyFile = { path: take(await resolver.resolve(file.path, file.span.start, signal)), processVariables: file.processVariables, ...(file.encoding ? { encoding: file.encoding } : {}) };
  } else if (request.body?.graphql) {
    body = take(await graphqlBodyText(request.body, resolver, signal));
    // REST Client's marker is not part of the request; the server reads JSON.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'x-request-type') delete headers[name];
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  } else if (request.body) {
    const lines: string[] = [];
    for (const line of bodyLinesToSend(request.body.text)) lines.push(take(await resolver.resolve(line.text, request.body.span.start + line.offset, signal)));
    const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    const lineBreak = /\r\n|\r|\n/.exec(request.body.text)?.[0] ?? '\n';
    body = joinBodyLines(lines, contentType, lineBreak);
    if (lines.some((line) => includeLine.test(line))) bodyParts = splitIncludes(lines, contentType, lineBreak);
  }
  const directives: Record<string, string> = {};
  for (const directive of request.directives) directives[directive.name] = directive.value;
  return { method: request.method.text, url, headers, body, bodyFile, ...(bodyParts ? { bodyParts } : {}), directives, problems };
}
