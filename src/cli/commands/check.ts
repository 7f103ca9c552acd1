import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PsreqAssist } from '../../core/assist';
import { checkPsreq, formatFinding, psreqChecks } from '../../core/check';
import { createPayloadValidator } from '../../core/payload';
import { PsreqBlocks } from '../../core/psreq';
import { createLineIndex } from '../../core/text';
import { parseCommandLine, UsageError, type CliCommand, type CliContext } from '../command';
import { terminalFilter, writeMessage } from '../output';
import { fileEnvironment, variablesOption } from '../environment';
import { readPluginOption } from '../pluginOption';

const usage = `Usage: psdev check FILE.psreq... [--json] [--env NAME] [--var NAME=VALUE]... [--allow-outside] [--plugin DIR]

Checks request files without sending anything: syntax, variables, q-expressions, URLs and
payload bodies, and what a file would send elsewhere: a $processEnv value or data from a
response going to a server other than PS_URL's (any absolute URL's when PS_URL is not set),
and '< file' bodies outside the file's folder. Prints file:line:col: severity: message for
each finding.

Options:
  --json           one JSON object per finding ({file, line, column, endLine, endColumn, severity, message, code})
  --env NAME       check variables against environment NAME (http-client.env.json next to each file or in
                   the working folder; default: each file's '# @env')
  --var NAME=VALUE a variable over the environment's (repeatable), as psdev run --var gives it
  --allow-outside  do not report '< file' bodies outside the file's folder (psdev run --allow-outside reads them)
  --plugin DIR     the requests run as the plugin whose plugin.xml is in DIR: report /ws/schema/table
                   columns it was not granted, naming the <access_request> line to add

Exit status: 1 when any file has an error (or cannot be read), 0 otherwise.`;

async function run(context: CliContext): Promise<number> {
  const parsed = parseCommandLine(context.argv, { allowPositionals: true, options: { json: { type: 'boolean' }, env: { type: 'string' }, 'allow-outside': { type: 'boolean' }, plugin: { type: 'string' }, var: { type: 'string', multiple: true } } });
  const given = variablesOption(parsed.values.var);
  if (parsed.positionals.length === 0) throw new UsageError('name at least one .psreq file (see psdev check --help)');
  // Messages quote the file's own text: inert on a terminal.
  const shown = terminalFilter(context.stdout);
  const plugin = readPluginOption(context.cwd, parsed.values.plugin);
  // Built-in catalogs and rules only: no connection here.
  const checks = psreqChecks({
    assist: new PsreqAssist(), payloadValidator: createPayloadValidator, connectionUrl: () => context.env.PS_URL, allowOutsideIncludes: parsed.values['allow-outside'] === true, plugin: () => plugin,
    environmentFor: ({ path, parsed: blocks }) => fileEnvironment(context, path ?? context.cwd, blocks.directives, parsed.values.env, given),
  });
  let errors = 0;
  let warnings = 0;
  for (const file of parsed.positionals) {
    const path = resolve(context.cwd, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      writeMessage(context.stderr, `${file}: error: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      errors++;
      continue;
    }
    const at = createLineIndex(text);
    for (const finding of await checkPsreq({ parsed: PsreqBlocks.parse(text), path }, checks)) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      if (parsed.values.json) {
        const start = at(finding.start);
        const end = at(finding.end);
        context.stdout.write(JSON.stringify({ file, line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1, severity: finding.severity, message: finding.message, code: finding.code }) + '\n');
      } else {
        context.stdout.write(shown(formatFinding(file, text, finding, at)) + '\n');
      }
    }
  }
  if (!parsed.values.json) context.stderr.write(`${parsed.positionals.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}

export const checkCommand: CliCommand = { name: 'check', summary: 'check .psreq files (syntax, variables, q, payloads) without sending', usage, run };
