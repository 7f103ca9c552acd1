import { productCacheDir } from '../../core/userCacheDir';
import { startSandbox } from '../../sandbox';
import { parseCommandLine, UsageError, type CliContext } from '../command';
import { writeMessage } from '../output';
import { readPluginFolderOption } from '../pluginOption';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function readArgs(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let args: unknown;
  try {
    args = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--args must be a JSON object: ${(error as Error).message}`);
  }
  if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new UsageError('--args must be a JSON object, e.g. {"schoolid":"100"}');
  return args as Record<string, unknown>;
}

/**
 * `psdev plugin run DIR QUERY [--args JSON]`: a sandbox with the plugin installed, the query run
 * with the plugin's own client (so its grants apply), every record printed as JSON.
 */
export async function runPluginQuery(context: CliContext, argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { allowPositionals: true, options: { args: { type: 'string' }, students: { type: 'string' }, seed: { type: 'string' } } });
  const [dir, name, ...extra] = parsed.positionals;
  if (dir === undefined || name === undefined || extra.length) throw new UsageError('name a plugin folder and one query: psdev plugin run DIR QUERY [--args JSON]');
  const args = readArgs(parsed.values.args);
  const whole = (option: 'students' | 'seed', text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new UsageError(`--${option} needs a whole number, got '${text}'`);
    return Number(text);
  };
  const plugin = readPluginFolderOption(context.cwd, dir);
  if (!plugin.queries.some((query) => query.name.toLowerCase() === name.toLowerCase())) {
    throw new UsageError(`${dir} has no query named ${name} (queries: ${plugin.queries.map((query) => query.name).join(', ') || 'none'})`);
  }
  const sandbox = await startSandbox({ plugins: [plugin], students: whole('students', parsed.values.students), seed: whole('seed', parsed.values.seed),
    districtCache: { dir: productCacheDir('districts', context.env) } });
  try {
    const { clientId, clientSecret } = sandbox.plugins[0]!;
    const tokenResponse = await fetch(`${sandbox.url}/oauth/access_token`, {
      method: 'POST',
      headers: { Authorization: basic(clientId, clientSecret), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const response = await fetch(`${sandbox.url}/ws/schema/query/${encodeURIComponent(name)}?pagesize=0`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const text = await response.text();
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // not JSON: print as answered
    }
    context.stdout.write(`${shown}\n`);
    if (!response.ok) {
      writeMessage(context.stderr, `psdev plugin run: ${name} answered ${response.status}`);
      return 1;
    }
    return 0;
  } finally {
    await sandbox.close();
  }
}
