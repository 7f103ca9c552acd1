import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PsreqAssist, type LiveCatalog } from '../../../src/core/assist';
import { SchemaCatalog } from '../../../src/core/catalog';
import { checkPsreq, psreqChecks } from '../../../src/core/check';
import { createPayloadValidator, detectPayloadKind, type ExtensionCatalog, type PayloadFinding } from '../../../src/core/payload';
import { PsreqBlocks } from '../../../src/core/psreq';
import { extensionNamesOf, parseTableMetadata, tablesFromMetadataJson } from '../../../src/core/schema';
import { createLineIndex } from '../../../src/core/text';
import { livePowerQueries, liveTables } from '../../../src/extension/schema/catalogViews';
import type { PowerSchoolClient } from '../../../src/core/client';
import type { SandboxHandle } from '../../../src/sandbox';
import { sandboxClient } from '../catalog/sandboxHarness';
import { psdev } from '../../support/psdev';

// Issue 17, defect 4: the shipped examples are clean or show exactly what they claim, in the
// editor (checked against the active connection's catalog: the sandbox by default) and in
// `psdev validate --catalog` alike. The editor's checks are run here as the extension runs them.

const examples = join(process.cwd(), 'examples');
const payloads = join(examples, 'payloads');
const metadataFile = 'u_studentsuserfields.metadata.json';

/** What each invalid table-record example claims to show (examples/payloads/README.md). */
const tableClaims: Record<string, string[]> = {
  'valid.ps-table.json': [],
  'invalid.ps-table.json': ['column-length', 'column-type', 'unknown-column'],
};

interface Place { code: string; line: number; column: number }

const placesOf = (text: string, findings: readonly PayloadFinding[]): string[] => {
  const at = createLineIndex(text);
  return findings.map((finding) => {
    const start = at(finding.start);
    return `${start.line + 1}:${start.column + 1} ${finding.code}`;
  }).sort();
};

async function cliFindings(file: string): Promise<string[]> {
  const { stdout } = await psdev(['validate', '--catalog', metadataFile, '--json', file], {}, payloads);
  const [report] = JSON.parse(stdout) as { findings: Place[] }[];
  return report!.findings.map((finding) => `${finding.line}:${finding.column} ${finding.code}`).sort();
}

describe('shipped examples, checked as the editor checks them', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  let client: PowerSchoolClient;
  let catalog: SchemaCatalog;
  let extensions: ExtensionCatalog;
  const validator = createPayloadValidator();

  before(async () => {
    ({ sandbox, client } = await sandboxClient());
    catalog = new SchemaCatalog(client, { identity: sandbox.url });
    // As the schema service builds it: the tables STUDENTS lists under @extensions, with their live columns.
    const names = extensionNamesOf(await client.getJson('/ws/v1/district/student', { query: { pagesize: 1 } })) ?? [];
    extensions = { tables: await Promise.all(names.map(async (name) => ({ name, columns: (await catalog.table(name)).columns }))) };
  });

  after(() => sandbox.close());

  /** The payload diagnostics of a JSON payload file in the editor (PayloadAnalyzer, live lookups). */
  async function editorFindings(text: string): Promise<PayloadFinding[]> {
    if (detectPayloadKind(text) === 'tables') {
      const table = Object.keys((JSON.parse(text) as { tables: object }).tables)[0]!;
      return validator.validateTableText(text, table, (await catalog.table(table)).columns);
    }
    return validator.validateStudentText(text, text.includes('_extension_data') ? { extensionCatalog: extensions } : {});
  }

  it(`${metadataFile} is the sandbox's own metadata of the table, so the CLI and the editor check against one catalog`, async () => {
    const shipped = tablesFromMetadataJson(JSON.parse(readFileSync(join(payloads, metadataFile), 'utf8')));
    const served = parseTableMetadata(await client.getJson('/ws/schema/table/u_studentsuserfields/metadata', { query: { expansions: 'access,actions' } }), 'u_studentsuserfields');
    assert.equal(shipped.length, 1);
    assert.deepEqual(shipped[0]!.columns, served.columns);
  });

  for (const file of readdirSync(payloads).filter((name) => name.endsWith('.json') && name !== metadataFile)) {
    it(`${file}: the editor shows exactly what psdev validate --catalog finds`, async () => {
      const text = readFileSync(join(payloads, file), 'utf8');
      const inEditor = placesOf(text, await editorFindings(text));
      assert.deepEqual(inEditor, await cliFindings(file));
      if (file.startsWith('valid')) assert.deepEqual(inEditor, [], `${file} claims to be clean`);
      else assert.ok(inEditor.length > 0, `${file} claims problems`);
      const claims = tableClaims[file];
      if (claims) assert.deepEqual([...new Set(inEditor.map((place) => place.split(' ')[1]))].sort(), claims);
    });
  }

  for (const file of readdirSync(examples).filter((name) => name.endsWith('.psreq'))) {
    it(`${file}: no findings against the sandbox's live catalog`, async () => {
      const live: LiveCatalog = {
        tables: async () => liveTables(await catalog.tables()),
        columns: async (table) => (await catalog.table(table)).columns,
        powerQueries: async () => livePowerQueries(await catalog.powerQueries()),
      };
      const path = join(examples, file);
      const text = readFileSync(path, 'utf8');
      const checks = psreqChecks({ assist: new PsreqAssist({ live }), connectionUrl: () => sandbox.url });
      const findings = await checkPsreq({ parsed: PsreqBlocks.parse(text), path }, checks);
      const at = createLineIndex(text);
      assert.deepEqual(findings.map((finding) => `${at(finding.start).line + 1}: ${finding.severity}: ${finding.message}`), []);
    });
  }
});
