const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request must be confirmed before it is sent, or undefined when it may go at once:
 * `# @confirm` always asks; any non-GET to a production connection asks (reads never do).
 */
export function confirmationReason(input: { method: string; directives: Readonly<Record<string, string>>; production: boolean; toConnection: boolean; connectionName: string }): string | undefined {
  if ('confirm' in input.directives) {
    const note = input.directives.confirm.trim();
    return note ? `This request is marked @confirm: ${note}` : 'This request is marked @confirm.';
  }
  if (input.production && input.toConnection && !readMethods.has(input.method.toUpperCase())) {
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
