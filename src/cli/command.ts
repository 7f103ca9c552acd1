import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Writable } from 'node:stream';

/** What a sub-command gets from the host process: its arguments and where to write. */
export interface CliContext {
  readonly argv: readonly string[];
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted on Ctrl+C; long-running commands stop when it fires. */
  readonly signal: AbortSignal;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `psdev --help`. */
  readonly summary: string;
  /** Full usage text for `psdev NAME --help`. */
  readonly usage: string;
  /** Resolves to the process exit code. */
  run(context: CliContext): Promise<number>;
}

/** A user mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * `node:util` parseArgs (strict) over a command's arguments; a mistake becomes a one-line
 * UsageError (exit code 2) instead of Node's multi-line TypeError.
 */
export function parseCommandLine<const T extends Omit<ParseArgsConfig, 'args' | 'strict'>>(
  argv: readonly string[],
  config: T,
): ReturnType<typeof parseArgs<T & { args: string[]; strict: true }>> {
  try {
    return parseArgs({ ...config, args: [...argv], strict: true as const });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
}

/** A `--name N` option that must be a whole number ≥ 1; undefined when not given. */
export function wholeOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${name} needs a whole number ≥ 1, got '${value}'`);
  return number;
}
