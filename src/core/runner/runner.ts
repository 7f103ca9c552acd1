import { PowerSchoolError, defaultPageSize, formatBytes, isAbortError, recordsOf, walkPages, type PowerSchoolClient, type RawResponse } from '../client';
import { isSecretName } from '../environments';
import { VariableResolver, parseAssertion, resolveRequest, type PromptVariable, type PsreqDocument, type PsreqRequest, type ResolvedRequest, type ResponseSnapshot } from '../psreq';
import { evaluateAssertion, type AssertionResult } from './assertions';
import { confirmationReason, type PlannedConfirmation } from './confirm';
import { mergePages } from './mergePages';
import { isPaged, requestTitle, syntaxErrorsOf } from './requests';
import { SendPolicy } from './sendPolicy';
import { RunError, type PagingProgress, type ReceivedResponse, type RunResult, type SentRequest } from './types';

export interface RunnerDeps {
  readonly client: PowerSchoolClient;
  /** The connection is a production server: writes to it are confirmed first. */
  readonly production?: boolean;
  /** Connection or environment variables; file variables win over them. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
  /** `.env` values for `{{$dotenv NAME}}`. */
  readonly dotenv?: Readonly<Record<string, string>>;
  /**
   * Asks for a `# @prompt` variable that nothing else defines, once per Send (`secret`: mask the
   * input); undefined means the user gave none and the request is not sent.
   */
  readonly prompt?: (prompt: PromptVariable, secret: boolean) => Promise<string | undefined>;
  /** Reads a `< ./file` body; the host resolves the path against the request file. */
  readonly readFile?: (path: string) => Promise<string>;
  /** Where a `< ./file` body lies (absolute, links resolved), for the policy's include roots. */
  readonly locateInclude?: (path: string) => string;
  /** What may be sent where; kept for the session (approved hosts). Default: nothing refused, response data to another host asked. */
  readonly policy?: SendPolicy;
  /** Asks the user; false (or no confirmer) means the request is not sent. */
  readonly confirm?: (reason: string, request: SentRequest) => Promise<boolean>;
  readonly onPage?: (progress: PagingProgress) => void;
  /** Called for every request sent, dependencies included, as soon as it is answered. */
  readonly onResult?: (result: RunResult) => void;
}

/**
 * Runs the requests of one `.psreq` document against one client. Named responses are kept, so
 * `{{name.response.body…}}` reads the last answer and a dependency without one is run first.
 */
export class PsreqRunner {
  private readonly byName = new Map<string, RunResult>();
  private readonly policy: SendPolicy;

  constructor(
    private document: PsreqDocument,
    private readonly deps: RunnerDeps,
  ) {
    this.policy = deps.policy ?? new SendPolicy();
  }

  /** The file's new parse (after an edit); responses already received are kept. */
  update(document: PsreqDocument): void {
    this.document = document;
  }

  get requests(): readonly PsreqRequest[] {
    return this.document.requests;
  }

  /** The last response of the request named `name`, if it ran. */
  resultOf(name: string): RunResult | undefined {
    return this.byName.get(name);
  }

  /**
   * The requests among `indexes` (default: all) that will ask before they are sent (production
   * writes, `# @confirm`), read from the file before anything runs, so a host can ask once for a
   * batch and pass the approved indexes to run()/runAll(). A URL whose server is a variable is
   * counted as going to the connection.
   */
  plannedConfirmations(indexes?: readonly number[]): PlannedConfirmation[] {
    const client = this.deps.client;
    const connectionOrigin = client.urlFor('/').origin;
    const toConnection = (text: string) => {
      if (text.trim().startsWith('{{')) return true;
      try {
        return client.urlFor(text.trim()).origin === connectionOrigin;
      } catch {
        return true;
      }
    };
    const chosen = indexes ? indexes.map((index) => this.document.requests[index]).filter((request) => request !== undefined) : this.document.requests;
    return chosen.flatMap((request) => {
      const directives = Object.fromEntries(request.directives.map((directive) => [directive.name, directive.value]));
      const method = request.method.text;
      const reason = confirmationReason({ method, path: request.url.text, directives, production: this.deps.production ?? false, toConnection: toConnection(request.url.text), connectionName: client.name });
      return reason ? [{ index: request.index, line: `${method.toUpperCase()} ${request.url.text}`, reason }] : [];
    });
  }

  /** `approved`: indexes the user already agreed to send (see plannedConfirmations), not asked about again. */
  run(index: number, signal?: AbortSignal, approved: ReadonlySet<number> = new Set()): Promise<RunResult> {
    const request = this.document.requests[index];
    if (!request) return Promise.reject(new RunError('no-request', `there is no request #${index + 1} in this file`));
    return this.runRequest(request, [], signal, approved);
  }

  /** Every request in order; stops at the first that cannot be sent or is cancelled (an HTTP error does not stop it). */
  async runAll(signal?: AbortSignal, onEach?: (result: RunResult) => void, approved: ReadonlySet<number> = new Set()): Promise<RunResult[]> {
    const results: RunResult[] = [];
    for (const request of this.document.requests) {
      const result = await this.runRequest(request, [], signal, approved);
      results.push(result);
      onEach?.(result);
      if (result.paging?.cancelled) break;
    }
    return results;
  }

  private async runRequest(request: PsreqRequest, chain: readonly string[], signal: AbortSignal | undefined, approved: ReadonlySet<number>): Promise<RunResult> {
    const syntax = syntaxErrorsOf(this.document).find((error) => error.start >= request.span.start && error.start <= request.span.end);
    if (syntax) throw new RunError('syntax', syntax.message, syntax.start, syntax.end);
    const ownChain = request.name ? [...chain, request.name] : chain;
    const prompted = await this.askPrompts(request);
    const resolver = new VariableResolver({
      fileVariables: this.document.fileVariables,
      environment: this.deps.environment,
      processEnv: this.deps.processEnv,
      dotenv: this.deps.dotenv,
      prompted,
      getResponse: (name, innerSignal) => this.responseFor(name, ownChain, innerSignal ?? signal, approved),
    });
    const resolved = await resolveRequest(request, resolver, signal);
    if (resolved.problems.length > 0) {
      const [first] = resolved.problems;
      throw new RunError('variables', first.message, first.start, first.end);
    }
    const client = this.deps.client;
    const url = this.urlOf(resolved.url, request);
    const body = await this.bodyOf(request, resolved, resolver, signal);
    const connectionOrigin = client.urlFor('/').origin;
    const userAuthorization = Object.keys(resolved.headers).some((name) => name.toLowerCase() === 'authorization');
    const withToken = url.origin === connectionOrigin && !userAuthorization;
    const all = isPaged(request);
    const sent = this.describe(request, resolved, url, body, withToken);
    const { start, end } = request.requestLineSpan;
    const verdict = this.policy.judge({ url, connection: { name: client.name, origin: connectionOrigin }, uses: resolver.uses });
    if (verdict.action === 'refuse') throw new RunError('refused', verdict.reason, start, end);
    if (verdict.action === 'ask') {
      if (!(await this.deps.confirm?.(verdict.reason, sent))) throw new RunError('declined', `not sent: ${verdict.reason}`, start, end);
      this.policy.approve(verdict.origin);
    }
    const reason = confirmationReason({ method: resolved.method, path: url.href, directives: resolved.directives, production: this.deps.production ?? false, toConnection: url.origin === connectionOrigin, connectionName: client.name });
    if (reason && !approved.has(request.index) && !(await this.deps.confirm?.(reason, sent))) throw new RunError('declined', `not sent: ${reason}`, start, end);

    const options = { method: resolved.method, headers: resolved.headers, body, signal };
    const answered: RunResult = all ? await this.followPages(request, url, options, sent) : { request: sent, response: received(await client.request({ ...options, path: url.href }), client) };
    const assertions = await assertionsOf(request, answered, resolver, signal);
    const result: RunResult = assertions.length ? { ...answered, assertions } : answered;
    // A cancelled @all holds only some pages: a later request must not read it as the answer.
    if (request.name && !result.paging?.cancelled) this.byName.set(request.name, result);
    this.deps.onResult?.(result);
    return result;
  }

  /** Answers to the request's `# @prompt` lines whose names no file or environment variable defines. */
  private async askPrompts(request: PsreqRequest): Promise<Record<string, string>> {
    const answers: Record<string, string> = {};
    for (const prompt of request.prompts ?? []) {
      const defined = this.deps.environment?.[prompt.name] !== undefined || this.document.fileVariables.some((variable) => variable.name === prompt.name);
      if (defined) continue;
      const { start, end } = prompt.nameSpan;
      if (!this.deps.prompt) throw new RunError('variables', `'${prompt.name}' is asked with # @prompt, and nothing can ask here: define it in the environment`, start, end);
      const answer = await this.deps.prompt(prompt, isSecretName(prompt.name));
      if (answer === undefined) throw new RunError('declined', `not sent: no value given for '${prompt.name}'`, start, end);
      answers[prompt.name] = answer;
    }
    return answers;
  }

  private async responseFor(name: string, chain: readonly string[], signal: AbortSignal | undefined, approved: ReadonlySet<number>): Promise<ResponseSnapshot | undefined> {
    const known = this.byName.get(name);
    if (known) return snapshot(known);
    const dependency = this.document.requests.find((request) => request.name === name);
    if (!dependency) return undefined;
    if (chain.includes(name)) throw new RunError('cycle', `${[...chain, name].join(' → ')} refers back to itself`);
    return snapshot(await this.runRequest(dependency, chain, signal, approved));
  }

  private async bodyOf(request: PsreqRequest, resolved: ResolvedRequest, resolver: VariableResolver, signal?: AbortSignal): Promise<string | undefined> {
    if (!resolved.bodyFile) return resolved.body;
    const span = request.body?.file?.span;
    if (!this.deps.readFile) throw new RunError('include', `cannot read ${resolved.bodyFile.path} here`, span?.start, span?.end);
    const refusal = this.policy.includeRefusal(this.deps.locateInclude?.(resolved.bodyFile.path) ?? resolved.bodyFile.path);
    if (refusal) throw new RunError('refused', refusal, span?.start, span?.end);
    let text: string;
    try {
      text = await this.deps.readFile(resolved.bodyFile.path);
    } catch (error) {
      throw new RunError('include', `cannot read ${resolved.bodyFile.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, span?.start, span?.end);
    }
    if (!resolved.bodyFile.processVariables) return text;
    const substituted = await resolver.resolve(text, 0, signal);
    const [problem] = substituted.problems;
    if (problem) throw new RunError('variables', `${resolved.bodyFile.path}: ${problem.message}`, span?.start, span?.end);
    return substituted.text;
  }

  private urlOf(text: string, request: PsreqRequest): URL {
    try {
      return this.deps.client.urlFor(text.trim());
    } catch {
      throw new RunError('syntax', `'${text}' is not a URL`, request.url.span.start, request.url.span.end);
    }
  }

  private describe(request: PsreqRequest, resolved: ResolvedRequest, url: URL, body: string | undefined, withToken: boolean): SentRequest {
    const redactor = this.deps.client.redactor;
    const headers: Record<string, string> = { Accept: 'application/json', ...resolved.headers };
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    if (withToken) headers.Authorization = 'Bearer ***';
    return {
      index: request.index,
      name: request.name,
      title: requestTitle(request),
      method: resolved.method,
      url: redactor.redact(url.href),
      headers: redactor.redactHeaders(headers),
      body: body === undefined ? undefined : redactor.redact(body),
      withToken,
    };
  }

  /** `@all`: every page through the client's paging walk, merged into one answer. */
  private async followPages(request: PsreqRequest, url: URL, options: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }, sent: SentRequest): Promise<RunResult> {
    const client = this.deps.client;
    const asked = Number(url.searchParams.get('pagesize')) || defaultPageSize;
    const pageUrl = (page: number) => {
      const paged = new URL(url);
      paged.searchParams.set('page', String(page));
      paged.searchParams.set('pagesize', String(asked));
      return paged;
    };
    const records: unknown[] = [];
    let first: RawResponse | undefined;
    let failed: { response: RawResponse; url: URL } | undefined;
    let timeMs = 0;
    let sizeBytes = 0;
    let pages = 0;
    const read = async (page: number) => {
      const response = await client.request({ ...options, path: pageUrl(page).href });
      timeMs += response.timeMs;
      sizeBytes += response.sizeBytes;
      // The merged answer is held whole: endless distinct pages stop at the client's body limit.
      if (sizeBytes > client.maxBodyBytes) throw new PowerSchoolError(200, options.method, url.pathname, `the pages add up to more than the ${formatBytes(client.maxBodyBytes)} limit; stopped at page ${page}`, [], 'limit');
      if (response.status >= 400) {
        failed = { response, url: pageUrl(page) };
        return { page, records: [] };
      }
      first ??= response;
      return { page, records: recordsOf(response.body) };
    };
    let cancelled = false;
    try {
      for await (const page of walkPages(read, (page) => page.records, { method: options.method, path: url.pathname }, asked)) {
        pages++;
        records.push(...page.records);
        this.deps.onPage?.({ request, page: page.page, records: records.length });
      }
    } catch (error) {
      // Cancelled after some pages: what arrived is kept and shown, marked as cut short.
      if (!(isAbortError(error) || options.signal?.aborted) || first === undefined || failed) throw error;
      cancelled = true;
    }
    // A failed page is the answer to show: the run stops there, as it came.
    if (failed) return { request: { ...sent, url: client.redactor.redact(failed.url.href) }, response: received(failed.response, client), paging: { pages, records: records.length } };
    const body = mergePages(first!.body, records);
    return {
      request: { ...sent, url: client.redactor.redact(pageUrl(1).href) },
      response: { ...received(first!, client), body, rawText: JSON.stringify(body), timeMs, sizeBytes },
      paging: cancelled ? { pages, records: records.length, cancelled } : { pages, records: records.length },
    };
  }
}

function received(response: RawResponse, client: PowerSchoolClient): ReceivedResponse {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: client.redactor.redactHeaders(response.headers),
    body: response.body,
    rawText: response.rawText,
    timeMs: response.timeMs,
    sizeBytes: response.sizeBytes,
  };
}

function snapshot(result: RunResult): ResponseSnapshot {
  return { status: result.response.status, headers: result.response.headers, body: result.response.body };
}

/** The request's `??` lines evaluated against its response, `{{variables}}` in them resolved first. */
async function assertionsOf(request: PsreqRequest, result: RunResult, resolver: VariableResolver, signal?: AbortSignal): Promise<AssertionResult[]> {
  const results: AssertionResult[] = [];
  for (const script of request.scripts ?? []) {
    if (script.kind !== 'assertion') continue;
    const resolved = await resolver.resolve(script.text, script.span.start, signal);
    const [problem] = resolved.problems;
    const parsed = parseAssertion(resolved.text);
    const outcome = problem ? { passed: false, message: problem.message } : 'error' in parsed ? { passed: false, message: parsed.error } : evaluateAssertion(parsed, result.response);
    results.push({ text: script.text, span: script.span, ...outcome });
  }
  return results;
}
