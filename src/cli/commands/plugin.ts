import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { checkPlugin, formatPluginFinding, packagedTexts, PluginFileError, readPackagedFiles, readPlugin, readPluginFolder, zipPackagedFiles, type Plugin, type PluginCatalog, type PluginFinding } from '../../core/plugin';
import { builtInPluginCatalog } from '../../sandbox';
import { parseCommandLine, UsageError, type CliCommand, type CliContext } from '../command';
import { terminalFilter, writeMessage } from '../output';
import { runPluginQuery } from './pluginRun';

const usage = `Usage: psdev plugin check DIR... [--json]
       psdev plugin package DIR [--out FILE.zip]
       psdev plugin run DIR QUERY [--args JSON] [--students N] [--seed N]

check    Checks PowerSchool plugin folders without installing them: well-formed XML, required
         elements and values, query names, every :bind declared as an arg, <columns> against
         the SELECT list, declared columns granted in plugin.xml's <access_request>, tables and
         columns against the built-in catalog, permission mappings naming the plugin's queries,
         extension tables. Prints file:line:col: severity: message for each finding.
package  Checks the folder, then zips what PowerSchool installs: plugin.xml and the
         permissions_root, queries_root, user_schema_root and web_root folders, without .git,
         editor backups or OS junk. Refuses when the check finds an error.
run      Starts a sandbox with the plugin installed, runs the named query with the plugin's own
         client (its grants apply) and prints the JSON answer: every record, or the error
         (403 NoAccess, 400 for an argument or SQL the sandbox cannot run).

Options:
  --json        (check) one JSON object per finding ({file, line, column, endLine, endColumn, severity, code, message})
  --out FILE    (package) where to write the zip; default NAME-VERSION.zip from plugin.xml, in the current folder
  --args JSON   (run) the query's arguments as a JSON object, e.g. {"schoolid":"100","terms":[2400,2401]}
  --students N  (run) students in the sandbox's district (default 2000); --seed N its seed

Exit status: 1 when a plugin has an error (or cannot be read), or the query run answers an error; 0 otherwise.`;

interface Tally {
  errors: number;
  warnings: number;
}

/** Prints one plugin's findings (paths shown relative to how DIR was given) and counts them. */
function report(context: CliContext, dir: string, findings: readonly PluginFinding[], json: boolean, tally: Tally): void {
  const shown = terminalFilter(context.stdout);
  for (const finding of findings) {
    if (finding.severity === 'error') tally.errors++;
    else if (finding.severity === 'warning') tally.warnings++;
    if (json) {
      const { start, end } = finding.range;
      context.stdout.write(JSON.stringify({ file: `${dir.replace(/\/+$/, '')}/${finding.file}`, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: finding.severity, code: finding.code, message: finding.message }) + '\n');
    } else {
      context.stdout.write(shown(formatPluginFinding(finding, dir)) + '\n');
    }
  }
}

function checkFolder<T extends Plugin>(context: CliContext, dir: string, catalog: PluginCatalog, json: boolean, tally: Tally, read: (path: string) => T): T | undefined {
  try {
    const plugin = read(resolve(context.cwd, dir));
    report(context, dir, checkPlugin(plugin, { catalog }), json, tally);
    return plugin;
  } catch (error) {
    if (!(error instanceof PluginFileError)) throw error;
    writeMessage(context.stderr, `${dir}: error: ${error.message}`);
    tally.errors++;
    return undefined;
  }
}

async function check(context: CliContext, argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (parsed.positionals.length === 0) throw new UsageError('name at least one plugin folder (see psdev plugin --help)');
  const catalog = builtInPluginCatalog();
  const tally: Tally = { errors: 0, warnings: 0 };
  for (const dir of parsed.positionals) checkFolder(context, dir, catalog, parsed.values.json === true, tally, readPluginFolder);
  if (!parsed.values.json) context.stderr.write(`${parsed.positionals.length} plugin(s) checked: ${tally.errors} error(s), ${tally.warnings} warning(s)\n`);
  return tally.errors > 0 ? 1 : 0;
}

async function packageFolder(context: CliContext, argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { allowPositionals: true, options: { out: { type: 'string' } } });
  if (parsed.positionals.length !== 1) throw new UsageError('name one plugin folder (see psdev plugin --help)');
  const dir = parsed.positionals[0]!;
  const tally: Tally = { errors: 0, warnings: 0 };
  // Read once: the zip holds exactly the bytes that were checked, even if the folder changes meanwhile.
  const plugin = checkFolder(context, dir, builtInPluginCatalog(), false, tally, (path) => {
    const files = readPackagedFiles(path);
    return Object.assign(readPlugin(packagedTexts(files)), { packaged: files });
  });
  if (!plugin) return 1;
  if (!plugin.manifest) {
    writeMessage(context.stderr, `${dir}: error: no plugin.xml at the top of the folder; PowerSchool installs only a zip with one`);
    return 1;
  }
  if (tally.errors > 0) {
    writeMessage(context.stderr, `not packaged: ${tally.errors} error(s) to fix first (${tally.warnings} warning(s))`);
    return 1;
  }
  const { zip, paths } = zipPackagedFiles(plugin.packaged);
  const slug = (text: string) => text.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'plugin';
  const out = resolve(context.cwd, parsed.values.out ?? `${slug(plugin.manifest.name || basename(resolve(context.cwd, dir)))}-${slug(plugin.manifest.version)}.zip`);
  await writeFile(out, zip);
  context.stderr.write(`wrote ${out}: ${paths.length} file(s), ${zip.length} bytes (${tally.warnings} warning(s))\n`);
  return 0;
}

async function run(context: CliContext): Promise<number> {
  const [action, ...rest] = context.argv;
  if (action === 'check') return check(context, rest);
  if (action === 'package') return packageFolder(context, rest);
  if (action === 'run') return runPluginQuery(context, rest);
  throw new UsageError(action === undefined ? 'name an action: check, package or run (see psdev plugin --help)' : `unknown action '${action}': use check, package or run`);
}

export const pluginCommand: CliCommand = { name: 'plugin', summary: 'check a PowerSchool plugin folder, zip it for installing, or run its queries on a sandbox', usage, run };
