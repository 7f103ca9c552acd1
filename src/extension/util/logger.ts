/** One component's lines in the PowerSchool log (a `vscode.LogOutputChannel` is one too). */
export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Masks secrets and tokens in a line before anyone sees it. */
export interface Redacting {
  redact(text: string): string;
}

/**
 * The extension's one "PowerSchool" log. `for('tree')` gives a component its lines, prefixed
 * `[tree] `; every line is redacted here, so no call site has to remember to.
 */
export class Logger implements Log {
  constructor(
    private readonly channel: Log,
    private readonly redaction: Redacting,
  ) {}

  for(tag: string): Log {
    const prefix = `[${tag}] `;
    return {
      trace: (message) => this.trace(prefix + message),
      debug: (message) => this.debug(prefix + message),
      info: (message) => this.info(prefix + message),
      warn: (message) => this.warn(prefix + message),
      error: (message) => this.error(prefix + message),
    };
  }

  trace(message: string): void {
    this.channel.trace(this.redaction.redact(message));
  }

  debug(message: string): void {
    this.channel.debug(this.redaction.redact(message));
  }

  info(message: string): void {
    this.channel.info(this.redaction.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redaction.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redaction.redact(message));
  }
}
