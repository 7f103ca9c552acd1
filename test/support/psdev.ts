import { PassThrough } from 'node:stream';
import { commands } from '../../src/cli/commands';
import { dispatch } from '../../src/cli/dispatch';

/** Runs `psdev ARGV` in-process through the real dispatcher and captures what it printed. */
export async function psdev(argv: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd(), signal: AbortSignal = new AbortController().signal) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (chunk: Buffer) => (stdout += chunk));
  const err = new PassThrough().on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await dispatch(commands, { argv, stdout: out, stderr: err, env, cwd, signal });
  return { code, stdout, stderr };
}
