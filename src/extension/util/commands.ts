import type * as vscode from 'vscode';
import { describeError } from './errors';
import type { Log, Redacting } from './logger';

/** What commands need of VS Code: `vscode.commands.registerCommand` and two of `vscode.window`'s messages. */
export interface CommandHost {
  /** VS Code's own signature: a command takes whatever its caller passes. */
  registerCommand(id: string, run: (...args: any[]) => unknown): vscode.Disposable;
  /** Resolves to the chosen item, if any. */
  showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  showInformationMessage(message: string): Thenable<unknown>;
}

/** The last failure reported (tests read it): the command id, or the feature that reported it. */
export interface CommandFailure {
  readonly source: string;
  readonly message: string;
  /** The buttons the message offered (Edit Connection, Retry, …), when it offered any. */
  readonly actions?: readonly string[];
}

/** A button on a failure message and what it does. */
export interface FailureAction {
  readonly title: string;
  readonly run: () => unknown;
}

/**
 * Every command of the extension is registered here. A failure, thrown or rejected, is
 * redacted, logged, shown as one line, and the command resolves to undefined: no rejection
 * reaches the extension host. Features that stop a command themselves (the runner) say why
 * through report(), so every failure reads and logs alike.
 */
export class Commands {
  private failure: CommandFailure | undefined;

  constructor(
    private readonly host: CommandHost,
    private readonly log: Log,
    private readonly redaction: Redacting,
  ) {}

  get lastFailure(): CommandFailure | undefined {
    return this.failure;
  }

  register<A extends unknown[], R>(id: string, run: (...args: A) => R | Thenable<R>): vscode.Disposable {
    return this.host.registerCommand(id, (...args: A) => this.run(id, () => run(...args)));
  }

  /** Runs what a command (or a button standing in for one) does, reporting a failure as a command's. */
  async run<R>(command: string, work: () => R | Thenable<R>): Promise<R | undefined> {
    try {
      return await work();
    } catch (error) {
      this.report(command, describeError(error));
      return undefined;
    }
  }

  /**
   * Says why `source` could not do its work; `declined` (the user's own choice) is shown as
   * information. A failure may offer `actions` (Edit Connection, Retry, …): the chosen one runs
   * as a command does, its own failure reported in turn.
   */
  report(source: string, reason: string, severity: 'failed' | 'declined' = 'failed', actions: readonly FailureAction[] = []): void {
    const message = this.redaction.redact(reason);
    this.failure = { source, message, ...(actions.length > 0 ? { actions: actions.map((action) => action.title) } : {}) };
    if (severity === 'declined') {
      this.log.info(`${source}: ${message}`);
      void this.host.showInformationMessage(`PowerSchool: ${message}`);
      return;
    }
    this.log.error(`${source}: ${message}`);
    void Promise.resolve(this.host.showErrorMessage(`PowerSchool: ${message}`, ...actions.map((action) => action.title))).then((chosen) => {
      const action = actions.find((candidate) => candidate.title === chosen);
      if (action) return this.run(`${source}: ${action.title}`, action.run);
      return undefined;
    });
  }
}
