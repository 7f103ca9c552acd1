import type * as vscode from 'vscode';

/** One component's lines in the PowerSchool log. */
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

const levels = ['trace', 'debug', 'info', 'warn', 'error'] as const;

/**
 * The extension's one "PowerSchool" log. `for('tree')` gives a component its lines, prefixed
 * `[tree] `; every line is redacted here, so no call site has to remember to.
 */
export class Logger implements Log {
  constructor(
    private readonly channel: Pick<vscode.LogOutputChannel, (typeof levels)[number]>,
    private readonly redaction: Redacting,
  ) {}

  for(tag: string): Log {
    const tagged = {} as Record<(typeof levels)[number], (message: string) => void>;
    for (const level of levels) tagged[level] = (message) => this[level](`[${tag}] ${message}`);
    return tagged;
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
