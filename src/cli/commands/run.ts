import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PowerSchoolError } from '../../core/client';
import { parsePsreq } from '../../core/psreq';
import { RunError, assertionLines, isFailure, prettyBody, statusLine, syntaxErrorsOf, type RunResult } from '../../core/runner';
import { parseCommandLine, UsageError, type CliCommand, type CliContext } from '../command';
import { maxBodyOption, timeoutOption, withClients } from '../connection';
import { fileEnvironment, variablesOption } from '../environment';
import { fileRunner } from '../fileRunner';
import { outputFilter, writeMessage } from '../output';
import { createLineIndex, type LineColumn } from '../../core/text';

const usage = `Usage: psdev run FILE.psreq [options]

Sends the requests of a .psreq file in order (or the one named with --name) and prints each
status line and body. Named requests that others read ({{name.response.body…}}) run first
when they have not answered yet.
The connection comes from PS_URL, PS_CLIENT_ID and PS_CLIENT_SECRET, or --sandbox; an environment
pinning the local sandbox ("$connection": "Local sandbox") runs on an embedded one.

Options:
  --name NAME        run only the request marked '# @name NAME' (and what it depends on)
  --env NAME         use environment NAME from http-client.env.json (+ private) next to the file or
                     in the working folder (default: the file's '# @env', else only $shared and .env)
  --var NAME=VALUE   a variable over the environment's (repeatable); answers '# @prompt NAME'
  --json             one JSON object per request and line: {index, name, title, method, url, status,
                     statusText, timeMs, sizeBytes, headers, body, paging}
  --yes              send requests marked '# @confirm', and data from a response to another server,
                     without asking (they are refused otherwise)
  --allow-outside    read '< file' bodies from outside the folder of FILE.psreq (refused otherwise)
  --timeout SECONDS  fail a request that has not answered (body included) within SECONDS (default 60)
  --max-body MB      stop reading a response (or the pages of an @all) past MB megabytes (default 256)
  --sandbox          start an embedded sandbox for this run

Exit status: 0 when every request answered below 400; 1 when one failed, could not be sent, or
the file has errors; 2 on a usage error.`;

/** `file:line:col` (1-based) of an offset, as an editor shows it. */
function where(file: string, at: (offset: number) => LineColumn, offset: number | undefined): string {
  if (offset === undefined) return file;
  const { line, column } = at(offset);
  return `${file}:${line + 1}:${column + 1}`;
}

/** `shown` masks secrets (and escapes control characters on a terminal) in what the server sent. */
function print(context: CliContext, result: RunResult, json: boolean, shown: (text: string) => string): void {
  const { request, response } = result;
  if (json) {
    context.stdout.write(shown(JSON.stringify({
      index: request.index, name: request.name, title: request.title, method: request.method, url: request.url,
      status: response.status, statusText: response.statusText, timeMs: response.timeMs, sizeBytes: response.sizeBytes,
      headers: response.headers, body: response.body ?? null, paging: result.paging, assertions: result.assertions,
    })) + '\n');
    return;
  }
  const label = request.title ?? request.name;
  context.stdout.write(shown(`${label ? `### ${label}\n` : ''}${request.method} ${request.url}\n${statusLine(result)}\n`));
  const body = prettyBody(response.body, response.rawText);
  context.stdout.write(body ? `${shown(body)}\n` : '');
  for (const line of assertionLines(result)) context.stdout.write(`${shown(line)}\n`);
  context.stdout.write('\n');
}

async function run(context: CliContext): Promise<number> {
  const parsed = parseCommandLine(context.argv, { allowPositionals: true,
      options: { name: { type: 'string' }, env: { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean' }, sandbox: { type: 'boolean' }, timeout: { type: 'string' }, 'max-body': { type: 'string' }, 'allow-outside': { type: 'boolean' }, var: { type: 'string', multiple: true } } });
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError('name one .psreq file (see psdev run --help)');
  const path = resolve(context.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    context.stderr.write(`${file}: error: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return 1;
  }
  const document = parsePsreq(text);
  const at = createLineIndex(text);
  const errors = syntaxErrorsOf(document);
  for (const error of errors) writeMessage(context.stderr, `${where(file, at, error.start)}: error: ${error.message}`);
  if (errors.length > 0) return 1;
  const json = parsed.values.json === true;
  const targets = parsed.values.name === undefined ? document.requests : document.requests.filter((request) => request.name === parsed.values.name);
  if (parsed.values.name !== undefined && targets.length === 0) throw new UsageError(`${file} has no request named '${parsed.values.name}'`);
  if (targets.length === 0) {
    context.stderr.write(`${file}: no requests\n`);
    return 0;
  }

  const environment = await fileEnvironment(context, path, document, parsed.values.env, variablesOption(parsed.values.var));
  const timeoutSeconds = timeoutOption(parsed.values.timeout);
  const maxBodyBytes = maxBodyOption(parsed.values['max-body']);
  return withClients(context, { sandbox: parsed.values.sandbox, timeoutSeconds, maxBodyBytes }, async (clients) => {
    const client = await clients.clientFor(environment.connection);
    const shown = outputFilter(context.stdout, client.redactor);
    let failures = 0;
    const runner = fileRunner(context, path, document, client, environment, {
      yes: parsed.values.yes === true,
      allowOutside: parsed.values['allow-outside'] === true,
      onResult: (result) => {
        if (isFailure(result)) failures++;
        print(context, result, json, shown);
      },
    });
    for (const request of targets) {
      if (context.signal.aborted) break;
      try {
        await runner.run(request.index);
      } catch (error) {
        failures++;
        if (error instanceof RunError) {
          const hint = error.kind === 'declined' ? ' (pass --yes to send it)' : error.kind === 'variables' && /# @prompt/.test(error.message) ? ' or pass --var NAME=VALUE' : '';
          writeMessage(context.stderr, `${where(file, at, error.start ?? request.requestLineSpan.start)}: error: ${error.message}${hint}`);
        } else if (error instanceof PowerSchoolError) {
          writeMessage(context.stderr, `${where(file, at, request.requestLineSpan.start)}: error: ${error.message}`);
        } else {
          throw error;
        }
      }
    }
    if (!json) context.stderr.write(`${targets.length} request(s) run: ${failures} failed\n`);
    return failures > 0 ? 1 : 0;
  });
}

export const runCommand: CliCommand = { name: 'run', summary: 'run the requests of a .psreq file (chained, paged with @all)', usage, run };
