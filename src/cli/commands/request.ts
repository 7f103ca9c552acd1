import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fetchAll, ndjsonFileSink, streamSink, textFileWriter, type PagedResource, type PowerSchoolClient, type RawResponse } from '../../core/client';
import { parseCommandLine, UsageError, wholeOption, type CliCommand, type CliContext } from '../command';
import { maxBodyOption, timeoutOption, withClient } from '../connection';
import { outputFilter, writeMessage } from '../output';

const usage = `Usage: psdev request METHOD PATH [options]

Sends one request to PowerSchool and prints the JSON body on stdout.
The connection comes from PS_URL, PS_CLIENT_ID and PS_CLIENT_SECRET, or --sandbox.

Options:
  --body FILE      request body (JSON) from FILE; - reads stdin
  --all            follow every page (v1 lists, schema tables, PowerQueries); prints a JSON array
  --pagesize N     page size for --all (default 100; a server that caps it lower is followed)
  --concurrency N  pages in flight at once for --all (default 4); records stay in order
  --out FILE       write the body as it comes (with --all: NDJSON, one record a line) to FILE
                   instead of stdout, in bounded memory
  --timeout SECS   fail an exchange that has not answered (body included) within SECS seconds (default 60)
  --max-body MB    stop reading a response whose decoded body passes MB megabytes (default 256)
  --sandbox        start an embedded sandbox for this call

Secrets and tokens in what the server sends back are masked (***); on a terminal, control
characters in it are shown escaped (\\u001b).

Exit status: 0 on success, 1 on an HTTP error (reason on stderr), 2 on a usage error.

Examples:
  psdev request GET /ws/v1/district/student --sandbox
  psdev request GET '/ws/v1/district/student?q=name.last_name==S*' --all --out students.ndjson
  psdev request POST /ws/schema/query/com.pearson.core.student.student_dcid_id_map --body args.json --all`;

async function readBody(file: string | undefined, context: CliContext): Promise<unknown> {
  if (file === undefined) return undefined;
  const text = file === '-' ? await readStdin() : await readFile(resolve(context.cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --body ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--body ${file} is not JSON: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function splitPath(path: string): { path: string; query: Record<string, string> } {
  const url = new URL(path, 'http://placeholder');
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  return { path: /^https?:/i.test(path) ? `${url.origin}${url.pathname}` : url.pathname, query };
}

async function run(context: CliContext): Promise<number> {
  const parsed = parseCommandLine(context.argv, { allowPositionals: true,
      options: { body: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string' }, sandbox: { type: 'boolean' }, pagesize: { type: 'string' }, concurrency: { type: 'string' }, timeout: { type: 'string' }, 'max-body': { type: 'string' } } });
  const [method, rawPath, ...extra] = parsed.positionals;
  if (!method || !rawPath || extra.length > 0) throw new UsageError('expected METHOD PATH (see psdev request --help)');
  if (!/^(GET|POST|PUT|DELETE|PATCH|HEAD)$/i.test(method)) throw new UsageError(`unknown method '${method}'`);
  const pageSize = wholeOption('--pagesize', parsed.values.pagesize);
  const concurrency = wholeOption('--concurrency', parsed.values.concurrency);
  if (!parsed.values.all && (pageSize !== undefined || concurrency !== undefined)) throw new UsageError('--pagesize and --concurrency go with --all');
  const body = await readBody(parsed.values.body, context);
  const { path, query } = splitPath(rawPath);
  const out = parsed.values.out ? resolve(context.cwd, parsed.values.out) : undefined;

  const timeoutSeconds = timeoutOption(parsed.values.timeout);
  const maxBodyBytes = maxBodyOption(parsed.values['max-body']);

  return withClient(context, { sandbox: parsed.values.sandbox, timeoutSeconds, maxBodyBytes }, async (client) => {
    const shown = outputFilter(context.stdout, client.redactor);
    if (parsed.values.all) {
      const resource: PagedResource = { method: method.toUpperCase() === 'POST' ? 'POST' : 'GET', path, query, body };
      const showProgress = (context.stderr as NodeJS.WriteStream).isTTY === true;
      const onProgress = (done: number, total: number | undefined) => {
        if (showProgress) context.stderr.write(`\r${done}${total === undefined ? '' : ` / ${total}`} records`);
      };
      // Records stream out as pages arrive: a 100,000-student export never sits in memory whole.
      const sink = out ? ndjsonFileSink(out, (text) => client.redactor.redact(text)) : streamSink(context.stdout, 'json-array', shown);
      try {
        const result = await fetchAll(client, resource, sink, { pageSize, concurrency, signal: context.signal, onProgress });
        if (out) context.stderr.write(`${showProgress ? '\n' : ''}${sink.written()} of ${result.total} records written to ${parsed.values.out}\n`);
        else if (showProgress) context.stderr.write(`\n${result.total} records\n`);
      } catch (error) {
        if (showProgress) context.stderr.write('\n');
        // The reader went away (`| head`): not a failure worth a message.
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
        throw error;
      }
      return 0;
    }
    if (out) return download(client, { method: method.toUpperCase(), path, query, body }, out, parsed.values.out!, context);
    const response = await client.request({ method: method.toUpperCase(), path, query, body, signal: context.signal });
    if (response.status >= 400) return printFailure(client, response, context);
    const text = typeof response.body === 'object' ? JSON.stringify(response.body, null, 2) : response.rawText;
    if (text) context.stdout.write(shown(text) + '\n');
    return 0;
  });
}

/** An error answer: the one-line reason on stderr, the body as it came on stdout; exit code 1. */
function printFailure(client: PowerSchoolClient, response: RawResponse, context: CliContext): number {
  writeMessage(context.stderr, `psdev: ${client.errorFor(response).message}`);
  if (response.rawText) context.stdout.write(outputFilter(context.stdout, client.redactor)(response.rawText) + '\n');
  return 1;
}

/**
 * `--out FILE`: the body goes to the file as it arrives, secrets masked, so a body of any size
 * up to the limit costs a chunk of memory. An error answer is printed, not saved.
 */
async function download(client: PowerSchoolClient, request: { method: string; path: string; query: Record<string, string>; body: unknown }, out: string, shownName: string, context: CliContext): Promise<number> {
  const file = textFileWriter(out);
  const decoder = new TextDecoder();
  const redaction = client.redactor.streaming();
  let response;
  try {
    response = await client.request({ ...request, signal: context.signal, streamBodyTo: (chunk) => file.write(redaction.push(decoder.decode(chunk, { stream: true }))) });
    await file.write(redaction.push(decoder.decode()) + redaction.end());
    await file.close();
  } catch (error) {
    // A body cut short (limit, timeout, Ctrl+C) leaves no half file behind.
    await file.close().catch(() => undefined);
    await rm(out, { force: true });
    throw error;
  }
  if (response.status >= 400) {
    await rm(out, { force: true });
    return printFailure(client, response, context);
  }
  writeMessage(context.stderr, `${response.status} ${response.statusText}, ${response.sizeBytes} bytes written to ${shownName}`);
  return 0;
}

export const requestCommand: CliCommand = { name: 'request', summary: 'send one request (optionally following every page)', usage, run };
