// The one file that reads the psreq parser's shapes: the runner works on RunnableRequest, so a
// change in the parser's API is absorbed here.
import { VariableResolver, parsePsreq, resolveRequest, type PsreqRequest, type ResponseSnapshot } from '../psreq';

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface RunnableRequest extends OffsetRange {
  readonly index: number;
  readonly title?: string;
  readonly name?: string;
  readonly method: string;
  /** `# @all`: every page is fetched. */
  readonly all: boolean;
  /** The request line and its continuation lines: where a failure to send is reported. */
  readonly requestLine: OffsetRange;
  readonly url: OffsetRange;
  readonly include?: OffsetRange;
}

export interface RunnableDocument {
  readonly requests: readonly RunnableRequest[];
  readonly errors: readonly (OffsetRange & { readonly message: string })[];
  /** Replaces the variables of request `index`; `getResponse` serves `{{name.response…}}`. */
  resolve(index: number, sources: ResolveSources, signal?: AbortSignal): Promise<ResolvedParts>;
}

export interface ResolveSources {
  readonly environment?: Readonly<Record<string, string>>;
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
  readonly getResponse: (name: string, signal?: AbortSignal) => Promise<ResponseSnapshot | undefined>;
}

export interface ResolvedParts {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly bodyFile?: { readonly path: string; readonly processVariables: boolean };
  readonly directives: Readonly<Record<string, string>>;
  readonly problems: readonly (OffsetRange & { readonly message: string })[];
  /** Resolves variables in an included file's text (for `<@ file`). */
  substitute(text: string, signal?: AbortSignal): Promise<{ text: string; problem?: string }>;
}

function runnable(request: PsreqRequest): RunnableRequest {
  return {
    index: request.index,
    start: request.span.start,
    end: request.span.end,
    title: request.title?.text.trim() || undefined,
    name: request.name,
    method: request.method.text,
    all: request.directives.some((directive) => directive.name === 'all'),
    requestLine: request.requestLineSpan,
    url: request.url.span,
    include: request.body?.file?.span,
  };
}

export function readDocument(text: string): RunnableDocument {
  const parsed = parsePsreq(text);
  return {
    requests: parsed.requests.map(runnable),
    errors: parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map(({ start, end, message }) => ({ start, end, message })),
    async resolve(index, sources, signal) {
      const resolver = new VariableResolver({ fileVariables: parsed.fileVariables, environment: sources.environment, processEnv: sources.processEnv, getResponse: sources.getResponse });
      const resolved = await resolveRequest(parsed.requests[index], resolver, signal);
      return {
        ...resolved,
        async substitute(included, innerSignal) {
          const result = await resolver.resolve(included, 0, innerSignal);
          return { text: result.text, problem: result.problems[0]?.message };
        },
      };
    },
  };
}
