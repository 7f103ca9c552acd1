import * as assert from 'node:assert/strict';
import { Redactor } from '../../../src/core/client';
import { Commands, type CommandHost } from '../../../src/extension/util/commands';
import { Disposables } from '../../../src/extension/util/disposables';
import { Logger, type Log } from '../../../src/extension/util/logger';
import { PendingWork } from '../../../src/extension/util/pendingWork';
import { Redaction } from '../../../src/extension/util/redaction';

// The host's lifecycle pieces import `vscode` for types only, so they run here in plain Node.

function collectingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

class Component extends Disposables {
  add(dispose: () => void): void {
    this.track({ dispose });
  }

  get wasDisposed(): boolean {
    return this.isDisposed;
  }
}

describe('host lifecycle: Disposables', () => {
  it('disposes what it tracked once, last made first', () => {
    const order: string[] = [];
    const component = new Component(collectingLog());
    component.add(() => order.push('first'));
    component.add(() => order.push('second'));
    component.dispose();
    component.dispose();
    assert.deepEqual(order, ['second', 'first']);
    assert.equal(component.wasDisposed, true);
  });

  it('disposes a registration that arrives after dispose at once, and says so in its log', () => {
    const log = collectingLog();
    const component = new Component(log);
    component.dispose();
    let disposed = 0;
    component.add(() => disposed++);
    assert.equal(disposed, 1);
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0]!, /^debug .*after dispose/);
    component.dispose();
    assert.equal(disposed, 1, 'a late registration is not kept to be disposed again');
  });
});

describe('host lifecycle: Logger', () => {
  const channel = () => {
    const lines: string[] = [];
    const write = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
    return { lines, trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
  };

  it('tags a component\'s lines and keeps each level', () => {
    const target = channel();
    const logger = new Logger(target, new Redaction());
    const tree = logger.for('tree');
    tree.trace('a');
    tree.debug('b');
    tree.info('c');
    tree.warn('d');
    tree.error('e');
    logger.info('untagged');
    assert.deepEqual(target.lines, ['trace [tree] a', 'debug [tree] b', 'info [tree] c', 'warn [tree] d', 'error [tree] e', 'info untagged']);
  });

  it('redacts every line: known secrets and tokens, and Bearer values it never saw', () => {
    const target = channel();
    const redaction = new Redaction();
    const client = new Redactor();
    client.remember('the-client-secret');
    redaction.add(client);
    new Logger(target, redaction).for('runner').warn('sent the-client-secret with Authorization: Bearer abc.def');
    assert.deepEqual(target.lines, ['warn [runner] sent *** with Authorization: Bearer ***']);
  });
});

describe('host lifecycle: Commands', () => {
  /** `choose`: the button the user presses on an error message. */
  function host(choose?: string) {
    const registered = new Map<string, (...args: unknown[]) => unknown>();
    const shown: string[] = [];
    const commandHost: CommandHost = {
      registerCommand: (id, run) => {
        registered.set(id, run);
        return { dispose: () => registered.delete(id) };
      },
      showErrorMessage: async (message, ...items) => {
        shown.push(items.length > 0 ? `${message} [${items.join(' | ')}]` : message);
        return choose;
      },
      showInformationMessage: async (message) => void shown.push(`info: ${message}`),
    };
    return { registered, shown, commandHost };
  }

  it('passes arguments through and resolves to the command\'s result', async () => {
    const { registered, commandHost } = host();
    const commands = new Commands(commandHost, collectingLog(), new Redaction());
    const registration = commands.register('powerschool.add', (a: number, b: number) => a + b);
    assert.equal(await registered.get('powerschool.add')!(2, 3), 5);
    registration.dispose();
    assert.equal(registered.size, 0);
  });

  it('reports a thrown or rejected failure once, redacted, and resolves to undefined instead of rejecting', async () => {
    const { registered, shown, commandHost } = host();
    const log = collectingLog();
    const redaction = new Redaction();
    const client = new Redactor();
    client.remember('s3cr3t-value');
    redaction.add(client);
    const commands = new Commands(commandHost, log, redaction);
    commands.register('powerschool.sync', () => {
      throw new Error('refused s3cr3t-value\nstack detail');
    });
    commands.register('powerschool.async', async () => Promise.reject(new Error('token Bearer xyz expired')));
    assert.equal(await registered.get('powerschool.sync')!(), undefined);
    assert.equal(await registered.get('powerschool.async')!(), undefined);
    assert.deepEqual(shown, ['PowerSchool: refused ***', 'PowerSchool: token Bearer *** expired']);
    assert.deepEqual(log.lines, ['error powerschool.sync: refused ***', 'error powerschool.async: token Bearer *** expired']);
    assert.deepEqual(commands.lastFailure, { source: 'powerschool.async', message: 'token Bearer *** expired' });
  });

  it('reports a failure a feature found itself the same way; a declined one as information', () => {
    const { shown, commandHost } = host();
    const log = collectingLog();
    const commands = new Commands(commandHost, log, new Redaction());
    commands.report('runner', 'This file has no requests.');
    commands.report('runner', 'Not sent: you declined.', 'declined');
    assert.deepEqual(shown, ['PowerSchool: This file has no requests.', 'info: PowerSchool: Not sent: you declined.']);
    assert.deepEqual(log.lines, ['error runner: This file has no requests.', 'info runner: Not sent: you declined.']);
    assert.deepEqual(commands.lastFailure, { source: 'runner', message: 'Not sent: you declined.' });
  });

  it('offers a failure\'s actions as buttons and runs the chosen one as a command, its own failure reported', async () => {
    const { shown, commandHost } = host('Retry');
    const commands = new Commands(commandHost, collectingLog(), new Redaction());
    let retried = false;
    commands.report('runner', "'District': 401 Unauthorized", 'failed', [
      { title: 'Edit Connection', run: () => assert.fail('not chosen') },
      { title: 'Retry', run: () => { retried = true; throw new Error('still refused'); } },
    ]);
    assert.deepEqual(commands.lastFailure, { source: 'runner', message: "'District': 401 Unauthorized", actions: ['Edit Connection', 'Retry'] });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(retried, true);
    assert.deepEqual(shown, ["PowerSchool: 'District': 401 Unauthorized [Edit Connection | Retry]", 'PowerSchool: still refused']);
  });
});

describe('host lifecycle: PendingWork', () => {
  it('settles once every write is done, including one added while waiting, and never rejects', async () => {
    const pending = new PendingWork();
    const done: string[] = [];
    let release!: () => void;
    pending.add(new Promise<void>((resolve) => (release = resolve)).then(() => {
      done.push('first');
      pending.add(Promise.resolve().then(() => done.push('added while waiting')));
    }));
    pending.add(Promise.reject(new Error('a failed save is its owner\'s to report')));
    const settled = pending.settled().then(() => done.push('settled'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(done, []);
    release();
    await settled;
    assert.deepEqual(done, ['first', 'added while waiting', 'settled']);
  });

  it('is settled at once when nothing is pending', async () => {
    await new PendingWork().settled();
  });
});
