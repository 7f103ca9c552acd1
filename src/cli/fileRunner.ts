import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { PowerSchoolClient } from '../core/client';
import type { ChosenEnvironment } from '../core/environments';
import type { PsreqDocument } from '../core/psreq';
import { PsreqRunner, SendPolicy, realPath, type RunResult } from '../core/runner';
import type { CliContext } from './command';

export interface FileRunnerOptions {
  /** Send `# @confirm` requests and response data to another server without asking. */
  readonly yes: boolean;
  /** Read `< file` bodies from outside the file's folder. */
  readonly allowOutside: boolean;
  readonly onResult?: (result: RunResult) => void;
}

/** The runner `psdev run` and `psdev test` use for one file: its folder bounds `< file` bodies. */
export function fileRunner(context: CliContext, path: string, document: PsreqDocument, client: PowerSchoolClient, environment: ChosenEnvironment, options: FileRunnerOptions): PsreqRunner {
  const includeRoots = options.allowOutside ? undefined : [realPath(dirname(path))];
  const locate = (include: string) => realPath(resolve(dirname(path), include));
  const policy = new SendPolicy(() => ({ connectionOnly: false, noEnvironmentReads: false, includeRoots, remedy: 'Pass --allow-outside to read it.' }));
  return new PsreqRunner(document, {
    client,
    policy,
    processEnv: context.env,
    environment: environment.variables,
    dotenv: environment.dotenv,
    readFile: (include) => readFile(locate(include), 'utf8'),
    locateInclude: locate,
    confirm: async () => options.yes,
    onResult: options.onResult,
  });
}
