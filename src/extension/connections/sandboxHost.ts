import * as vscode from 'vscode';
import { startSandbox } from '../../sandbox';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';

export interface SandboxEndpoint {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

type RunningSandbox = SandboxEndpoint & { close(): Promise<void> | void };

/**
 * The "Local sandbox" connection: the embedded emulator started in-process on a free port, once,
 * on first use. `npm start` may hand over an already running one through PSDEV_SANDBOX_* variables.
 */
export class SandboxHost extends Disposables {
  private starting: Promise<RunningSandbox> | undefined;
  private readonly started = this.track(new vscode.EventEmitter<void>());
  /** Fires when the sandbox listens: editor features that would not start it may ask it now. */
  readonly onDidStart = this.started.event;

  constructor(log: Log) {
    super(log);
    this.track({
      dispose: () => {
        const starting = this.starting;
        this.starting = undefined;
        void starting?.then((sandbox) => sandbox.close()).catch(() => undefined);
      },
    });
  }

  endpoint(): Promise<SandboxEndpoint> {
    // After deactivation nothing would ever close a new server: refuse instead of leaking one.
    if (this.isDisposed) return Promise.reject(new Error('the PowerSchool sandbox host was shut down with the extension'));
    if (!this.starting) {
      const attempt: Promise<RunningSandbox> = this.start().then((sandbox) => {
        this.started.fire();
        return sandbox;
      }, (error: unknown) => {
        // A failed start leaves nothing behind, so the next call tries again.
        if (this.starting === attempt) this.starting = undefined;
        throw error;
      });
      this.starting = attempt;
    }
    return this.starting;
  }

  get isRunning(): boolean {
    return this.starting !== undefined;
  }

  private async start(): Promise<RunningSandbox> {
    const external = process.env.PSDEV_SANDBOX_URL;
    if (external && process.env.PSDEV_SANDBOX_CLIENT_ID && process.env.PSDEV_SANDBOX_CLIENT_SECRET) {
      this.log.info(`using the sandbox at ${external}`);
      return { url: external, clientId: process.env.PSDEV_SANDBOX_CLIENT_ID, clientSecret: process.env.PSDEV_SANDBOX_CLIENT_SECRET, close() {} };
    }
    const configuration = vscode.workspace.getConfiguration('powerschool.sandbox');
    const started = Date.now();
    const sandbox = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Starting the PowerSchool sandbox…' },
      () =>
        startSandbox({
          port: 0,
          seed: configuration.get<number>('seed', 1),
          students: configuration.get<number>('students', 2000),
          log: (line: string) => this.log.debug(line),
          warn: (line: string) => this.log.warn(line),
        }),
    );
    this.log.info(`listening on ${sandbox.url} (started in ${Date.now() - started} ms)`);
    return sandbox;
  }
}
