const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
// A PowerQuery is POSTed but only reads (PowerSchool runs SELECTs alone); `path` may still hold {{variables}} or a host.
const powerQueryPath = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]*|\{\{[^}]*\}\})?\/ws\/schema\/query\/[^/?#]+(?:\/count)?(?:[?#]|$)/i;

/** Whether a request only reads: GET and the like, and a PowerQuery's POST. */
function onlyReads(method: string, path: string): boolean {
  const upper = method.toUpperCase();
  return readMethods.has(upper) || (upper === 'POST' && powerQueryPath.test(path));
}

/**
 * Why a request must be confirmed before it is sent, or undefined when it may go at once:
 * `# @confirm` always asks; a request that may change data on a production connection asks (reads never do).
 * `path`: the request's URL or path, as written or resolved.
 */
export function confirmationReason(input: { method: string; path: string; directives: Readonly<Record<string, string>>; production: boolean; toConnection: boolean; connectionName: string }): string | undefined {
  if ('confirm' in input.directives) {
    const note = input.directives.confirm.trim();
    return note ? `This request is marked @confirm: ${note}` : 'This request is marked @confirm.';
  }
  if (input.production && input.toConnection && !onlyReads(input.method, input.path)) {
    return `'${input.connectionName}' is a production server and ${input.method.toUpperCase()} changes data.`;
  }
  return undefined;
}

/** A request that will ask before it is sent, found before anything is sent. */
export interface PlannedConfirmation {
  readonly index: number;
  /** `line N: METHOD url` as written in the file. */
  readonly line: string;
  readonly reason: string;
}
