/** A half-open range of offsets into the document text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type PsreqSeverity = 'error' | 'warning' | 'info';

export interface PsreqDiagnostic extends Span {
  readonly severity: PsreqSeverity;
  readonly code: string;
  readonly message: string;
}

/** `{{name}}` somewhere in the document: `span` covers the braces, `nameSpan` the trimmed name. */
export interface VariableReference {
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
}

/** `@name = value` */
export interface FileVariable {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly valueSpan: Span;
}

/** `# @name value` or `// @name value` above a request. */
export interface Directive {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly valueSpan: Span;
}

export interface QueryParameter {
  /** Raw (still percent-encoded) key and value as written. */
  readonly key: string;
  readonly value: string;
  readonly keySpan: Span;
  /** Empty span right after the key when the parameter has no `=`. */
  readonly valueSpan: Span;
  readonly hasEquals: boolean;
}

/** One physical piece of the URL: the request line's part or a `?…`/`&…` continuation line. */
export interface UrlPiece {
  readonly text: string;
  readonly start: number;
}

export interface RequestUrl {
  /** The pieces joined (continuation lines appended without their indentation). */
  readonly text: string;
  /** From the first character of the URL to the last of its last continuation line. */
  readonly span: Span;
  readonly pieces: readonly UrlPiece[];
  /** The path part (before `?`), with its document span when it lies on one line. */
  readonly path: string;
  readonly pathSpan: Span;
  readonly query: readonly QueryParameter[];
}

export interface Header {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly valueSpan: Span;
}

export interface RequestBody {
  /** The body exactly as written (without the trailing blank lines). */
  readonly text: string;
  readonly span: Span;
  /** `< ./file` (or `<@ ./file` to substitute variables inside it). */
  readonly file?: { readonly path: string; readonly span: Span; readonly processVariables: boolean; readonly encoding?: string };
  /** Every include line of a longer body (multipart parts `< ./photo.png`), as REST Client reads them. */
  readonly includes?: readonly BodyInclude[];
  /**
   * A GraphQL body (REST Client's `X-Request-Type: GraphQL`, or httpyac's `query`/`mutation` first
   * line): sent as JSON `{query, operationName, variables}`, the file's fragments it uses appended.
   */
  readonly graphql?: GraphqlBody;
}

export interface GraphqlBody {
  /** The query text: the body up to its first blank line. */
  readonly query: Span;
  /** JSON after the blank line, if any. */
  readonly variables?: Span;
  readonly operationName?: string;
  /** The text of the file's httpyac `fragment Name on Type { … }` blocks the query spreads (`...Name`). */
  readonly fragments?: readonly string[];
}

/** httpyac's `...name` header line: the headers of a variable holding a JSON object. */
export interface HeaderSpread {
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
}

/** httpyac's `# @prompt name [description]`: the host asks for the value once per Send. */
export interface PromptVariable {
  readonly name: string;
  readonly description?: string;
  readonly nameSpan: Span;
}

export interface BodyInclude {
  readonly path: string;
  /** The path's range. */
  readonly span: Span;
  readonly processVariables: boolean;
  readonly encoding?: string;
}

/**
 * httpyac / IntelliJ lines that are not part of the HTTP message: kept (so such files parse
 * without errors) but never run.
 */
export interface PsreqScript {
  readonly kind: 'pre-request' | 'response-handler' | 'output-redirect' | 'assertion';
  readonly span: Span;
  /** The script's text as written (an assertion's `?? …` line). */
  readonly text: string;
}

export interface PsreqRequest {
  readonly index: number;
  /** From the separator line (or file start) to the end of the block. */
  readonly span: Span;
  /** Text after `###`, if any. */
  readonly title?: { readonly text: string; readonly span: Span };
  readonly directives: readonly Directive[];
  /** Value of `# @name`, the handle other requests use in `{{name.response…}}`. */
  readonly name?: string;
  readonly method: { readonly text: string; readonly span: Span; readonly implicit: boolean };
  readonly url: RequestUrl;
  readonly httpVersion?: { readonly text: string; readonly span: Span };
  /** The request line and its continuation lines. */
  readonly requestLineSpan: Span;
  readonly headers: readonly Header[];
  /** `...name` lines among the headers, applied before the written headers (which win). */
  readonly headerSpreads?: readonly HeaderSpread[];
  /** `# @prompt` variables of this request. */
  readonly prompts?: readonly PromptVariable[];
  readonly body?: RequestBody;
  /** httpyac `{{ }}` scripts, `> {% %}` handlers, `>> file` redirects and `??` assertions of this request. */
  readonly scripts?: readonly PsreqScript[];
  /** File variables declared inside this request's block (before its request line). */
  readonly variables: readonly FileVariable[];
  /** Every `{{…}}` in the request line, headers and body. */
  readonly references: readonly VariableReference[];
}

export interface PsreqDocument {
  readonly requests: readonly PsreqRequest[];
  /** Every `@name = value` in the file, in order; later ones win. */
  readonly fileVariables: readonly FileVariable[];
  /** Directives in a block without a request (`# @env dev` above the first `###`). */
  readonly fileDirectives?: readonly Directive[];
  readonly diagnostics: readonly PsreqDiagnostic[];
}
