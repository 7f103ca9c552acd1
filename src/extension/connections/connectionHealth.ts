import * as vscode from 'vscode';
import type { Reachability } from '../../core/client';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';

/** What is known of a connection: the last exchange's outcome, or nothing yet. */
export type Health = Reachability | 'unknown';

interface Known {
  readonly reachability: Reachability;
  readonly at: number;
}

const words: Readonly<Record<Health, string>> = {
  reachable: 'reachable',
  authFailed: 'authentication failed',
  unreachable: 'unreachable',
  unknown: 'not checked yet',
};

const explanations: Readonly<Record<Health, string>> = {
  reachable: 'the server answered and accepted the client ID and secret',
  authFailed: 'the server refused the client ID and secret: Edit Connection to correct them',
  unreachable: 'the server did not answer: check the URL, the network or the VPN',
  unknown: 'no request has gone to it in this window: Test Connection checks it',
};

// A dot whose colour says the state; the shape differs too, so it reads without colour.
const icons: Readonly<Record<Health, readonly [icon: string, color: string]>> = {
  reachable: ['pass-filled', 'testing.iconPassed'],
  authFailed: ['error', 'testing.iconFailed'],
  unreachable: ['circle-slash', 'testing.iconFailed'],
  unknown: ['circle-outline', 'disabledForeground'],
};

/**
 * Each connection's health as the last Test Connection or request showed it, kept in memory for
 * this window (a stored "reachable" from yesterday would be a guess). A changed connection starts
 * unknown again.
 */
export class ConnectionHealth extends Disposables {
  private readonly known = new Map<string, Known>();
  private readonly changed = this.track(new vscode.EventEmitter<string>());
  readonly onDidChange = this.changed.event;

  constructor(log: Log, private readonly now: () => number = Date.now) {
    super(log);
  }

  of(connection: string): Health {
    return this.known.get(connection)?.reachability ?? 'unknown';
  }

  /** When the health was last learnt (undefined while unknown). */
  checkedAt(connection: string): number | undefined {
    return this.known.get(connection)?.at;
  }

  note(connection: string, reachability: Reachability): void {
    const previous = this.known.get(connection)?.reachability;
    this.known.set(connection, { reachability, at: this.now() });
    if (previous !== reachability) {
      this.log.info(`'${connection}' is ${words[reachability]}`);
      this.changed.fire(connection);
    }
  }

  forget(connection: string): void {
    if (this.known.delete(connection)) this.changed.fire(connection);
  }
}

/** The health in words ("authentication failed") for a description; empty while nothing is known (a list shows nothing then). */
export function healthWords(health: Health): string {
  return health === 'unknown' ? '' : words[health];
}

/** One sentence: the state and what it means for the user. */
export function healthExplanation(health: Health): string {
  return `${words[health][0]!.toUpperCase()}${words[health].slice(1)}: ${explanations[health]}.`;
}

export function healthIcon(health: Health): vscode.ThemeIcon {
  const [icon, color] = icons[health];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}
