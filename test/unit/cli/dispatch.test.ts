import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { dispatch } from '../../../src/cli/dispatch';
import { UsageError, type CliCommand } from '../../../src/cli/command';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function run(argv: string[], commands: CliCommand[] = []) {
  const stdout = capture();
  const stderr = capture();
  const code = await dispatch(commands, {
    argv, stdout: stdout.stream, stderr: stderr.stream, env: {}, cwd: process.cwd(), signal: new AbortController().signal,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'prints its arguments',
  usage: 'Usage: psdev echo WORDS...',
  async run({ argv, stdout }) {
    if (argv.length === 0) throw new UsageError('echo needs a word');
    stdout.write(argv.join(' ') + '\n');
    return 0;
  },
};

describe('cli dispatch', () => {
  it('lists every command in --help', async () => {
    const result = await run(['--help'], [echo]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /echo\s+prints its arguments/);
  });

  it('prints the version from package.json', async () => {
    const result = await run(['--version']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('dispatches to the named command with the remaining arguments', async () => {
    const result = await run(['echo', 'a', 'b'], [echo]);
    assert.deepEqual(result, { code: 0, stdout: 'a b\n', stderr: '' });
  });

  it('shows a command usage on --help without running it', async () => {
    const result = await run(['echo', '--help'], [echo]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'Usage: psdev echo WORDS...\n');
  });

  it('reports an unknown command on one line with exit code 2', async () => {
    const result = await run(['frobnicate'], [echo]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "psdev: unknown command 'frobnicate' (run psdev --help for the list)\n");
  });

  it('turns a usage error into exit code 2 and a failure into 1', async () => {
    assert.equal((await run(['echo'], [echo])).code, 2);
    const failing: CliCommand = { ...echo, name: 'fail', async run() { throw new Error('boom'); } };
    const result = await run(['fail'], [failing]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'psdev: boom\n');
  });
});
