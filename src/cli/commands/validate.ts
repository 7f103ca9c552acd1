import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandLine, UsageError, wholeOption, type CliCommand, type CliContext } from '../command';
import { terminalFilter, writeMessage } from '../output';
import { createPayloadValidator, detectPayloadKind, type PayloadFinding, type PayloadValidator } from '../../core/payload';
import { tablesFromMetadataJson, type TableMetadata } from '../../core/schema';
import { createLineIndex } from '../../core/text';

const defaultMaxFindings = 200;

const usage = `Usage: psdev validate FILE... [--table NAME] [--catalog FILE] [--max-findings N] [--json]

Checks payload files before they are sent: student POST bodies ({"students":{"student":…}},
for POST /ws/v1/student) against the data dictionary and PowerSchool's rules, and table
record bodies ({"tables":{"<table>":{…}}}, for /ws/schema/table/{table}) against the table's
columns. The kind is detected from the content.

Prints file:line:col: severity: message [rule]. Exit code 1 when any error is found.

Options:
  --table NAME     the table a table-record body is for (default: the table named in the body)
  --catalog FILE   table metadata: one table's GET /ws/schema/table/{t}/metadata response, or
                   {"tables":[…]} lists such as the shared ps-tables.json. Table bodies are
                   checked against its columns; student _extension_data against its
                   extension tables of STUDENTS.
  --max-findings N print at most N findings per file (default ${defaultMaxFindings}), then how many more
  --json           print the findings as JSON instead
`;

interface FileReport {
  readonly file: string;
  readonly findings: readonly (PayloadFinding & { line: number; column: number; endLine: number; endColumn: number })[];
  /** Findings past --max-findings, counted but not listed. */
  readonly more: number;
  readonly hasErrors: boolean;
  readonly notes: readonly string[];
}

function tableNameIn(text: string): string | undefined {
  try {
    const tables = (JSON.parse(text) as { tables?: unknown }).tables;
    return tables && typeof tables === 'object' ? Object.keys(tables)[0] : undefined;
  } catch {
    return undefined;
  }
}

function validateOne(validator: PayloadValidator, file: string, text: string, table: string | undefined, catalog: readonly TableMetadata[] | undefined, maxFindings: number): FileReport {
  const notes: string[] = [];
  const kind = table ? 'tables' : detectPayloadKind(text);
  let findings: PayloadFinding[];
  if (kind === 'tables') {
    const name = table ?? tableNameIn(text) ?? '';
    const described = catalog?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!described) notes.push(catalog ? `no metadata for table '${name}' in the catalog: only the body's shape was checked` : 'no --catalog: columns were not checked, only the body\'s shape');
    findings = validator.validateTableText(text, name, described?.columns ?? []);
  } else if (kind === 'students') {
    const extensions = catalog?.filter((candidate) => candidate.parent?.toLowerCase() === 'students');
    const extensionTables = extensions && extensions.length > 0 ? extensions : catalog;
    findings = validator.validateStudentText(text, extensionTables ? { extensionCatalog: { tables: extensionTables } } : {});
  } else {
    findings = validator.validateStudentText(text).filter((finding) => finding.code === 'json-syntax');
    if (findings.length === 0) {
      findings = [{ pointer: '', start: 0, end: Math.min(1, text.length), severity: 'error', code: 'payload-kind', message: 'neither a student POST body ({"students":{"student":…}}) nor a table record body ({"tables":{…}})' }];
    }
  }
  const at = createLineIndex(text);
  return {
    file,
    notes,
    more: Math.max(0, findings.length - maxFindings),
    hasErrors: findings.some((finding) => finding.severity === 'error'),
    findings: findings.slice(0, maxFindings).map((finding) => {
      const start = at(finding.start);
      const end = at(finding.end);
      return { ...finding, line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1 };
    }),
  };
}

async function loadCatalog(path: string, cwd: string): Promise<TableMetadata[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(resolve(cwd, path), 'utf8'));
  } catch (error) {
    throw new UsageError(`--catalog ${path}: ${(error as Error).message}`);
  }
  const tables = tablesFromMetadataJson(value);
  if (tables.length === 0) throw new UsageError(`--catalog ${path}: no table metadata found (expected {name, columns} or {"tables":[…]})`);
  return tables;
}

async function run(context: CliContext): Promise<number> {
  const parsed = parseCommandLine(context.argv, { allowPositionals: true,
      options: { table: { type: 'string' }, catalog: { type: 'string' }, json: { type: 'boolean' }, 'max-findings': { type: 'string' } } });
  const { values, positionals } = parsed;
  const maxFindings = wholeOption('--max-findings', values['max-findings']) ?? defaultMaxFindings;
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE (psdev validate --help)');
  const catalog = values.catalog !== undefined ? await loadCatalog(values.catalog, context.cwd) : undefined;
  const validator = createPayloadValidator();
  const reports: FileReport[] = [];
  let failed = false;
  for (const file of positionals) {
    let text: string;
    try {
      text = await readFile(resolve(context.cwd, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      writeMessage(context.stderr, `${file}: error: cannot read the file${code ? ` (${code})` : ''}`);
      failed = true;
      continue;
    }
    let report: FileReport;
    try {
      report = validateOne(validator, file, text, values.table, catalog, maxFindings);
    } catch (error) {
      // One file the checks cannot handle must not cost the other files their findings.
      writeMessage(context.stderr, `${file}: error: cannot check the file (${(error as Error).message})`);
      failed = true;
      continue;
    }
    reports.push(report);
    if (report.hasErrors) failed = true;
  }
  if (values.json) {
    const plain = reports.map(({ file, findings, notes, more }) => ({ file, notes, findings: findings.map(({ fixes: _fixes, ...finding }) => finding), more }));
    context.stdout.write(JSON.stringify(plain, null, 2) + '\n');
  } else {
    // Messages quote the file's own text: a terminal gets its control characters escaped.
    const shown = terminalFilter(context.stdout);
    for (const report of reports) {
      for (const note of report.notes) writeMessage(context.stderr, `${report.file}: note: ${note}`);
      for (const finding of report.findings) {
        context.stdout.write(shown(`${report.file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} [${finding.code}]`) + '\n');
      }
      if (report.more > 0) context.stdout.write(shown(`${report.file}: … and ${report.more} more (--max-findings to list more)`) + '\n');
    }
  }
  return failed ? 1 : 0;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check student POST and table-record payload files',
  usage,
  run,
};
