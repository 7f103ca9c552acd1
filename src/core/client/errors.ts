/** PowerSchool's own explanation of a failure, when the body carries one. */
export interface PowerSchoolErrorDetail {
  readonly resource?: string;
  readonly field?: string;
  readonly code?: string;
  readonly message?: string;
}

/**
 * What went wrong: an HTTP error status, refused credentials, no connection, no answer in time,
 * a cleartext URL refused, a body that is not what the API documents, pages that disagree
 * with the count (the data changed while paging), or a body or page run past the size limit.
 */
export type PowerSchoolErrorKind = 'http' | 'auth' | 'network' | 'timeout' | 'insecure' | 'malformed' | 'inconsistent' | 'limit';

/**
 * A failed call, readable in one line: `GET /ws/v1/student/9 → 404 Not Found: Student not found`.
 * Built only from the method, the path without query secrets, the status and the server's message;
 * never from request headers, so neither the secret nor the token can end up in it.
 */
export class PowerSchoolError extends Error {
  override readonly name = 'PowerSchoolError';

  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly serverMessage: string | undefined,
    readonly errors: readonly PowerSchoolErrorDetail[] = [],
    readonly kind: PowerSchoolErrorKind = 'http',
    /** A dropped connection: worth one more try when the request is safe to repeat. */
    readonly transient = false,
  ) {
    super(PowerSchoolError.describe(status, method, path, serverMessage, errors, kind));
  }

  private static describe(status: number, method: string, path: string, serverMessage: string | undefined, errors: readonly PowerSchoolErrorDetail[], kind: string): string {
    const head = `${method} ${path}`;
    // Servers put newlines in messages (stack traces, HTML); the error stays one line regardless.
    const detail = [serverMessage, ...errors.map((error) => [error.field, error.code, error.message].filter(Boolean).join(' '))].filter(Boolean).join('; ').replace(/\s+/g, ' ').trim();
    if (kind === 'network' || kind === 'timeout' || kind === 'insecure' || kind === 'inconsistent' || kind === 'limit') return `${head}: ${detail}`;
    return `${head} → ${status}${statusWords(status)}${detail ? `: ${detail}` : ''}`;
  }
}

function statusWords(status: number): string {
  const words: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return words[status] ? ` ${words[status]}` : '';
}

/** Reads PowerSchool's `{message, errors:[…]}` and OAuth's `{error, error_description}` shapes. */
export function errorDetailsFrom(body: unknown): { message?: string; errors: PowerSchoolErrorDetail[] } {
  if (!body || typeof body !== 'object') return { message: typeof body === 'string' && body.trim() && body.length < 300 ? body.trim() : undefined, errors: [] };
  const record = body as Record<string, unknown>;
  const message = typeof record.message === 'string' ? record.message : typeof record.error_description === 'string' ? `${String(record.error ?? '')}: ${record.error_description}`.replace(/^: /, '') : typeof record.error === 'string' ? record.error : undefined;
  const rawErrors = Array.isArray(record.errors) ? record.errors : record.errors && typeof record.errors === 'object' ? [record.errors] : [];
  const errors = rawErrors
    .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
    .map((item) => ({
      resource: typeof item.resource === 'string' ? item.resource : undefined,
      field: typeof item.field === 'string' ? item.field : undefined,
      code: typeof item.code === 'string' ? item.code : undefined,
      message: typeof item.message === 'string' ? item.message : typeof item.description === 'string' ? item.description : undefined,
    }));
  return { message, errors };
}

export function isAbortError(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { name?: string }).name === 'AbortError';
}

/** The error an aborted operation rejects with, whatever the signal's reason was. */
export function abortError(signal?: AbortSignal): Error {
  const reason = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error('The operation was cancelled');
  error.name = 'AbortError';
  return error;
}
