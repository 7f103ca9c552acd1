import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { PowerSchoolError } from '../../core/client';
import { parsePsreq } from '../../core/psreq';
import { RunError, failureLines, isTestRequest, junitXml, syntaxErrorsOf, testLabel, testPassed, type TestOutcome, type TestSuite } from '../../core/runner';
import { createLineIndex } from '../../core/text';
import { parseCommandLine, UsageError, type CliCommand, type CliContext } from '../command';
import { maxBodyOption, timeoutOption, withClients } from '../connection';
import { fileEnvironment, variablesOption } from '../environment';
import { fileRunner } from '../fileRunner';
import { outputFilter, writeMessage } from '../output';

const usage = `Usage: psdev test FILE.psreq...|DIR [options]

Runs .psreq files as tests: every request with '??' assertions is a test; it passes when the
server answers below 400 and every assertion holds. All requests of a file run in order (those
without assertions too: they set up data and named responses). A folder means every .psreq
file under it.
The connection comes from PS_URL, PS_CLIENT_ID and PS_CLIENT_SECRET, or --sandbox; a file whose
environment pins the local sandbox ("$connection": "Local sandbox") runs on an embedded one.

Options:
  --env NAME            use environment NAME from http-client.env.json (+ private) (default: each file's '# @env')
  --var NAME=VALUE      a variable over the environment's (repeatable); answers '# @prompt NAME'
  --sandbox             start an embedded sandbox for this run
  --reporter junit      also write a JUnit XML report (with --out FILE.xml), as CI systems read it
  --out FILE.xml        where the JUnit report goes
  --yes                 send requests marked '# @confirm' without asking
  --allow-outside       read '< file' bodies from outside each file's folder
  --timeout SECONDS     fail a request that has not answered within SECONDS (default 60)
  --max-body MB         stop reading a response past MB megabytes (default 256)

Exit status: 0 when every test passed; 1 when one failed, could not be sent, or a file has
errors; 2 on a usage error.`;

/** The .psreq files under `path` (itself when it is one), sorted. */
async function psreqFiles(path: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return [path];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await psreqFiles(child)));
    else if (entry.name.endsWith('.psreq')) files.push(child);
  }
  return files;
}

async function run(context: CliContext): Promise<number> {
  const parsed = parseCommandLine(context.argv, { allowPositionals: true, options: {
    env: { type: 'string' }, sandbox: { type: 'boolean' }, reporter: { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean' },
    'allow-outside': { type: 'boolean' }, timeout: { type: 'string' }, 'max-body': { type: 'string' },
    var: { type: 'string', multiple: true },
  } });
  const given = variablesOption(parsed.values.var);
  if (parsed.positionals.length === 0) throw new UsageError('name .psreq files or a folder (see psdev test --help)');
  if (parsed.values.reporter !== undefined && parsed.values.reporter !== 'junit') throw new UsageError(`unknown reporter '${parsed.values.reporter}' (junit)`);
  if ((parsed.values.reporter === 'junit') !== (parsed.values.out !== undefined)) throw new UsageError('--reporter junit and --out FILE.xml go together');
  const files: string[] = [];
  for (const positional of parsed.positionals) {
    try {
      files.push(...(await psreqFiles(resolve(context.cwd, positional))));
    } catch (error) {
      throw new UsageError(`cannot read ${positional} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (files.length === 0) throw new UsageError(`no .psreq files in ${parsed.positionals.join(', ')}`);
  const timeoutSeconds = timeoutOption(parsed.values.timeout);
  const maxBodyBytes = maxBodyOption(parsed.values['max-body']);
  const started = new Date();
  return withClients(context, { sandbox: parsed.values.sandbox, timeoutSeconds, maxBodyBytes }, async (clients) => {
    const suites: TestSuite[] = [];
    let fileErrors = 0;
    for (const path of files) {
      if (context.signal.aborted) break;
      const name = relative(context.cwd, path) || path;
      const text = await readFile(path, 'utf8');
      const document = parsePsreq(text);
      const at = createLineIndex(text);
      const lineOf = (offset: number) => at(offset).line + 1;
      const errors = syntaxErrorsOf(document);
      for (const error of errors) writeMessage(context.stderr, `${name}:${lineOf(error.start)}:${at(error.start).column + 1}: error: ${error.message}`);
      if (errors.length > 0) {
        fileErrors++;
        continue;
      }
      const environment = await fileEnvironment(context, path, document, parsed.values.env, given);
      let client;
      try {
        client = await clients.clientFor(environment.connection);
      } catch (error) {
        // A file pinning a connection psdev cannot reach is that file's error: the others still run and the
        // report is still written. No connection at all stays a usage error.
        if (!(error instanceof UsageError) || environment.connection === undefined) throw error;
        writeMessage(context.stderr, `${name}: error: ${error.message}`);
        fileErrors++;
        continue;
      }
      const shown = outputFilter(context.stdout, client.redactor);
      const runner = fileRunner(context, path, document, client, environment, { yes: parsed.values.yes === true, allowOutside: parsed.values['allow-outside'] === true });
      const fileStarted = Date.now();
      const outcomes: TestOutcome[] = [];
      context.stdout.write(`${name}\n`);
      for (const request of document.requests) {
        if (context.signal.aborted) break;
        let outcome: TestOutcome;
        try {
          outcome = { label: testLabel(request), request, result: await runner.run(request.index) };
        } catch (error) {
          if (!(error instanceof RunError) && !(error instanceof PowerSchoolError)) throw error;
          outcome = { label: testLabel(request), request, error: error.message };
        }
        if (!isTestRequest(request)) {
          // Set-up requests are not tests, but one that cannot be sent is reported.
          if (outcome.error !== undefined) writeMessage(context.stderr, `${name}:${lineOf(request.requestLineSpan.start)}: error: ${outcome.error}`);
          continue;
        }
        outcomes.push(outcome);
        const passed = testPassed(outcome);
        const time = outcome.result ? ` (${Math.round(outcome.result.response.timeMs)} ms)` : '';
        context.stdout.write(shown(`  ${passed ? '✓' : '✗'} ${outcome.label}${time}\n`));
        if (!passed) for (const line of failureLines(outcome)) context.stdout.write(shown(`      ${name}:${lineOf(request.requestLineSpan.start)}: ${line}\n`));
      }
      suites.push({ file: name, lineOf, outcomes, timeMs: Date.now() - fileStarted });
    }
    const tests = suites.reduce((sum, suite) => sum + suite.outcomes.length, 0);
    const failed = suites.reduce((sum, suite) => sum + suite.outcomes.filter((outcome) => !testPassed(outcome)).length, 0);
    if (parsed.values.out !== undefined) await writeFile(resolve(context.cwd, parsed.values.out), junitXml(suites, started));
    context.stderr.write(`${tests} test(s) in ${suites.length} file(s): ${tests - failed} passed, ${failed} failed${fileErrors ? `; ${fileErrors} file(s) with errors` : ''}\n`);
    return failed > 0 || fileErrors > 0 ? 1 : 0;
  });
}

export const testCommand: CliCommand = { name: 'test', summary: 'run the ?? assertions of .psreq files as tests (JUnit report for CI)', usage, run };
