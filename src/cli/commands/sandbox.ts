import { resolve } from 'node:path';
import { parseCommandLine, UsageError, type CliCommand, type CliContext } from '../command';
import { terminalFilter, writeMessage } from '../output';
import { readPluginFolderOption } from '../pluginOption';
import { productCacheDir } from '../../core/userCacheDir';
import { faultSpecHelp, parseFaultSpec, sandboxDefaults, startSandbox, type Fault } from '../../sandbox';

const usage = `Usage: psdev sandbox [options]

Runs the embedded PowerSchool emulator on 127.0.0.1 until Ctrl+C.

Options:
  --port N             port to listen on (default ${sandboxDefaults.port}: any free port)
  --seed N             seed of the generated district (default ${sandboxDefaults.seed})
  --schools N          number of schools (default ${sandboxDefaults.schools})
  --students N         number of students (default ${sandboxDefaults.students}; up to 1,000,000)
  --latency MS         delay every response by MS milliseconds
  --fault SPEC         inject a fault; repeat for several:
${faultSpecHelp.split('\n').map((line) => `                         ${line}`).join('\n')}
  --data FILE          keep the district in FILE: loaded if present (an empty file starts a new one);
                         every write is journalled to FILE.journal before it is answered, so
                         acknowledged writes survive a crash; FILE.lock keeps a second sandbox off FILE
  --client-id X        OAuth client id (default ${sandboxDefaults.clientId})
  --client-secret Y    OAuth client secret (default ${sandboxDefaults.clientSecret})
  --plugin DIR         install the plugin in folder DIR (repeat for several): its own client id and
                       secret (printed below the default ones) under its access_request grants and
                       oauth accessLevelV1Api, its named queries at /ws/schema/query/<name>, its
                       user_schema_root tables; the default client runs as the first plugin given
                       (default: every grant, FULL)
  --catalog large      serve ~1,000 tables (synthetic state extensions) instead of the standard catalog
  --no-cache           generate the district even when the district cache holds it, and keep none
                       (districts from 20,000 students are kept in ${'$'}XDG_CACHE_HOME/powerschool-devtools/districts,
                       or ~/.cache/…, by seed, schools, students, catalog, plugins' tables and psdev's version;
                       the 3 used last are kept, 1 GB at most)
  --quiet              do not print one line per request
`;

function whole(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} needs a whole number, got '${text}'`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${value}`);
  return value;
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolvePromise) => signal.addEventListener('abort', () => resolvePromise(), { once: true }));
}

async function run(context: CliContext): Promise<number> {
  const parsed = parseCommandLine(context.argv, { allowPositionals: false,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        schools: { type: 'string' },
        students: { type: 'string' },
        latency: { type: 'string' },
        fault: { type: 'string', multiple: true },
        data: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        catalog: { type: 'string' },
        plugin: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
      } });
  const values = parsed.values;
  const faults: Fault[] = (values.fault ?? []).map((spec) => {
    const result = parseFaultSpec(spec);
    if ('error' in result) throw new UsageError(result.error);
    return result.fault;
  });
  if (values.catalog !== undefined && values.catalog !== 'large' && values.catalog !== 'standard') {
    throw new UsageError(`--catalog must be 'standard' or 'large', got '${values.catalog}'`);
  }
  for (const name of ['client-id', 'client-secret'] as const) {
    if (values[name] !== undefined && values[name]!.length === 0) throw new UsageError(`--${name} may not be empty`);
  }
  // Request lines carry paths clients chose: inert on a terminal.
  const shownLine = terminalFilter(context.stdout);
  const plugins = (values.plugin ?? []).map((dir) => readPluginFolderOption(context.cwd, dir));
  const plugin = plugins[0]?.manifest;
  const started = performance.now();
  const sandbox = await startSandbox({
    port: whole('port', values.port, 0, 65535),
    seed: whole('seed', values.seed, -(2 ** 31), 2 ** 32),
    schools: whole('schools', values.schools, 1, 500),
    students: whole('students', values.students, 0, 1_000_000),
    latency: whole('latency', values.latency, 0, 600_000),
    faults,
    dataFile: values.data === undefined ? undefined : resolve(context.cwd, values.data),
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    catalog: values.catalog as 'standard' | 'large' | undefined,
    plugin,
    plugins,
    logger: values.quiet ? undefined : (line) => context.stdout.write(`${shownLine(line)}\n`),
    warn: (line) => writeMessage(context.stderr, `psdev sandbox: ${line}`),
    districtCache: values['no-cache'] ? undefined : { dir: productCacheDir('districts', context.env) },
  });
  context.stdout.write(`PowerSchool sandbox listening on ${sandbox.url}\n`);
  context.stdout.write(`client id: ${sandbox.clientId}\n`);
  context.stdout.write(`client secret: ${sandbox.clientSecret}\n`);
  if (plugin) context.stdout.write(`plugin: ${plugin.name} ${plugin.version} (${plugin.fieldGrants.length} field grant(s), accessLevelV1Api ${plugin.accessLevelV1Api ?? 'none'})\n`);
  for (const installed of sandbox.plugins) {
    context.stdout.write(`plugin ${installed.name} ${installed.version}:\n`);
    context.stdout.write(`client id: ${installed.clientId}\n`);
    context.stdout.write(`client secret: ${installed.clientSecret}\n`);
    for (const query of installed.unsupportedQueries) writeMessage(context.stderr, `psdev sandbox: ${query.name}: ${query.reason}`);
  }
  const origin = sandbox.origin === 'cache' ? ', district from the cache' : sandbox.origin === 'saved' ? ', district from the data file' : '';
  context.stdout.write(`(started in ${Math.round(performance.now() - started)} ms${origin}; Ctrl+C to stop)\n`);
  await waitForAbort(context.signal);
  await sandbox.close();
  context.stdout.write('sandbox stopped\n');
  return 0;
}

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'run the embedded PowerSchool emulator locally',
  usage,
  run,
};
