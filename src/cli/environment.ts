import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chooseEnvironment, fileEnvironmentOf, loadEnvironments, type ChosenEnvironment } from '../core/environments';
import { UsageError, type CliContext } from './command';
import { writeMessage } from './output';

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The environment for a `.psreq` file: `--env NAME`, else the file's `# @env`, from the
 * http-client.env.json (+ private) and .env files next to the file and in the working folder.
 */
export async function fileEnvironment(context: CliContext, path: string, document: Parameters<typeof fileEnvironmentOf>[0], requested: string | undefined, given: Readonly<Record<string, string>> = {}): Promise<ChosenEnvironment> {
  const { environments, problems } = await loadEnvironments({ root: context.cwd, directory: dirname(path) }, readIfThere);
  for (const problem of problems) writeMessage(context.stderr, `${problem.source}: warning: ${problem.message}`);
  const name = requested ?? fileEnvironmentOf(document);
  if (name !== undefined && !environments.names.includes(name)) {
    const known = environments.names.length ? `: ${environments.names.join(', ')}` : ' (no http-client.env.json next to the file or in the working folder)';
    throw new UsageError(`no environment '${name}'${requested === undefined ? ` (chosen with # @env in ${path})` : ''}${known}`);
  }
  const chosen = chooseEnvironment(environments, name);
  return { ...chosen, variables: { ...chosen.variables, ...given } };
}

/**
 * `--var NAME=VALUE` (repeatable): values given on the command line, over the environment's (a
 * file's own `@name = value` still wins, as it does over an environment). They also answer `# @prompt`,
 * which nothing can ask in a script.
 */
export function variablesOption(values: readonly string[] | undefined): Record<string, string> {
  const given: Record<string, string> = {};
  for (const value of values ?? []) {
    const equals = value.indexOf('=');
    const name = equals < 0 ? '' : value.slice(0, equals).trim();
    if (!/^[A-Za-z_$][\w.$-]*$/.test(name)) throw new UsageError(`--var takes NAME=VALUE (got '${value}')`);
    given[name] = value.slice(equals + 1);
  }
  return given;
}
