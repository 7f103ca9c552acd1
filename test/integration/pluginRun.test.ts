import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readPluginFolder } from '../../src/core/plugin';
import type { RunResult } from '../../src/core/runner';
import { SandboxHost, type SandboxPluginSource } from '../../src/extension/connections/sandboxHost';
import type { ExtensionApi } from '../../src/extension/extension';
import type { PluginsNode } from '../../src/extension/plugin/pluginsView';
import { startSandbox } from '../../src/sandbox';
import { activateExtension, asIfHandedOver, waitFor, responseViewWaitMs } from './support/extension';
import { FixtureEdits } from './support/fixtureEdits';

// Run a plugin's named query from the editor (issue 15): the CodeLens above each <query>, the
// Plugins section, Run on a connection. The sandbox installs the workspace's plugins as saved, so
// these tests save their edits to the fixture (and put its text back after each test).

const workspace = () => vscode.workspace.workspaceFolders![0]!.uri;
const plugin = () => vscode.Uri.joinPath(workspace(), 'roster-plugin');
const pluginFile = (...parts: string[]) => vscode.Uri.joinPath(plugin(), ...parts);
const active = 'com.example.classroster.students.active';

const fixture = new FixtureEdits();

/** Replaces `search` (first occurrence) in the file and saves it: the sandbox installs what is saved. */
async function editAndSave(uri: vscode.Uri, search: string, replacement: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await fixture.replace(document, search, replacement);
  assert.ok(await document.save());
  return document;
}

function records(result: RunResult | undefined): Record<string, string>[] {
  return ((result?.response.body as { record?: Record<string, string>[] } | undefined)?.record) ?? [];
}

describe('running plugin queries from the editor', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  /** The values the arg prompts were offered, in order. */
  let offered: string[];

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
  });

  beforeEach(() => {
    offered = [];
    api.plugins.queries.args.setAsker(async (_query, arg, value) => {
      offered.push(`${arg.name}=${value}`);
      return arg.name === 'schoolid' ? '100' : value;
    });
  });

  afterEach(async () => {
    api.plugins.queries.args.setAsker(undefined);
    await fixture.revertAll();
  });

  /** Runs the query through its Run CodeLens, as a click does. */
  async function runFromLens(document: vscode.TextDocument, name: string, title = '$(play) Run'): Promise<RunResult | undefined> {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const lens = lenses.find((candidate) => candidate.command?.title === title && candidate.command.arguments?.[1] === name);
    assert.ok(lens?.command, `a '${title}' lens for ${name} among ${JSON.stringify(lenses.map((each) => [each.command?.title, each.command?.arguments?.[1]]))}`);
    assert.equal(lens.range.start.line, document.positionAt(document.getText().indexOf(`<query name="${name}"`)).line, 'above its <query>');
    return vscode.commands.executeCommand<RunResult>(lens.command.command, ...(lens.command.arguments ?? []));
  }

  it('Run above a <query> asks for its args, runs it on the sandbox as the plugin and shows the rows as the records table', async () => {
    const document = await vscode.workspace.openTextDocument(pluginFile('queries_root', 'roster.named_queries.xml'));
    await vscode.window.showTextDocument(document);
    const result = await runFromLens(document, active);
    assert.equal(result?.response.status, 200, api.services.commands.lastFailure?.message ?? JSON.stringify(result?.response.body));
    assert.ok(records(result).length > 10, JSON.stringify(result?.response.body).slice(0, 300));
    assert.deepEqual(Object.keys(records(result)[0]!).filter((key) => !key.startsWith('_')).sort(), ['students.dcid', 'students.grade_level', 'students.lastfirst', 'students.student_number']);
    assert.deepEqual(offered, ['schoolid='], 'no value to offer the first time');
    const table = await waitFor('the records table', () => api.runner.panel.state?.rendered?.table, responseViewWaitMs);
    assert.equal(table.total, records(result).length);
    assert.match(result!.request.url, /\/ws\/schema\/query\/com\.example\.classroster\.students\.active\?pagesize=0$/);
  });

  it('editing the SQL and saving installs it again: the next Run reflects the change, offers the args typed last, and the district is kept', async () => {
    const document = await vscode.workspace.openTextDocument(pluginFile('queries_root', 'roster.named_queries.xml'));
    await vscode.window.showTextDocument(document);
    const before = records(await runFromLens(document, active));
    assert.ok(before.every((record) => Number(record['students.grade_level']) < 100));
    // A write before the reinstall (the sandbox connection's own client has every grant).
    const local = await api.services.clients.get('Local sandbox');
    const flags = { tables: { u_class_roster_flags: { studentsdcid: Number(before[0]!['students.dcid']), seat: 'R2D2' } } };
    assert.equal((await local.request({ method: 'POST', path: '/ws/schema/table/u_class_roster_flags', body: flags })).status, 200);

    await editAndSave(document.uri, 'SELECT s.dcid, s.student_number, s.lastfirst, s.grade_level', 'SELECT s.dcid, s.student_number, s.lastfirst, s.grade_level + 100');
    const after = await runFromLens(document, active);
    assert.equal(after?.response.status, 200, JSON.stringify(after?.response.body));
    assert.deepEqual(records(after).map((record) => Number(record['students.grade_level']) - 100), before.map((record) => Number(record['students.grade_level'])), 'the saved SQL runs, on the same students');
    assert.deepEqual(offered.slice(-1), ['schoolid=100'], 'the arg typed last time is offered');
    const kept = await (await api.services.clients.get('Local sandbox')).request({ method: 'GET', path: '/ws/schema/table/u_class_roster_flags', query: { q: 'seat==R2D2', projection: 'seat' } });
    assert.equal(kept.status, 200, kept.rawText);
    assert.equal((kept.body as { record?: unknown[] }).record?.length, 1, `the write made before the reinstall is still there: ${kept.rawText}`);
  });

  it('a query the plugin is not granted answers 403 NoAccess in the response view; the grant quick fix, saved, cures it', async () => {
    const query = await editAndSave(pluginFile('queries_root', 'roster.named_queries.xml'), 'SELECT s.dcid, ', 'SELECT s.dcid, s.first_name, ');
    await editAndSave(query.uri, '<column column="STUDENTS.DCID">students.dcid</column>', '<column column="STUDENTS.DCID">students.dcid</column>\n      <column column="STUDENTS.FIRST_NAME">students.first_name</column>');
    const manifest = await vscode.workspace.openTextDocument(pluginFile('plugin.xml'));
    fixture.remember(manifest);
    await vscode.window.showTextDocument(query);

    const refused = await runFromLens(query, active);
    assert.equal(refused?.response.status, 403, JSON.stringify(refused?.response.body));
    assert.deepEqual((refused?.response.body as { errors: unknown[] }).errors, [{ code: 'NoAccess', field: 'FIRST_NAME', resource: 'Students' }]);
    await waitFor('the response view showing the 403', () => api.runner.panel.state?.status === 403, responseViewWaitMs);

    const ungranted = () => vscode.languages.getDiagnostics(query.uri).filter((diagnostic) => diagnostic.code === 'ungranted-column');
    const [warning] = await waitFor('an ungranted-column warning', () => (ungranted().length ? ungranted() : undefined), 20_000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', query.uri, warning!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title.includes('field="FIRST_NAME"'));
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(await manifest.save());

    const cured = await runFromLens(query, active);
    assert.equal(cured?.response.status, 200, JSON.stringify(cured?.response.body));
    assert.ok(records(cured)[0]!['students.first_name'], JSON.stringify(records(cured)[0]));
  });

  it('SQL the sandbox cannot run is an information finding naming the construct, and Run answers 400 naming it', async () => {
    const query = await editAndSave(pluginFile('queries_root', 'roster.named_queries.xml'), 'AND s.enroll_status = 0', 'AND s.enroll_status = 0 AND s.id = s.id(+)');
    await vscode.window.showTextDocument(query);
    const infos = () => vscode.languages.getDiagnostics(query.uri).filter((diagnostic) => diagnostic.code === 'sandbox-sql');
    const [info] = await waitFor('a sandbox-sql finding', () => (infos().length ? infos() : undefined), 20_000);
    assert.equal(info!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(query.getText(info!.range), '(+)');
    assert.match(info!.message, /cannot run the Oracle \(\+\) outer join/);
    const refused = await runFromLens(query, active);
    assert.equal(refused?.response.status, 400);
    assert.match(JSON.stringify(refused?.response.body), /\(\+\) outer join/);
  });

  it('the Plugins section runs a query from its row; Run on… runs it on a server connection with the plugin installed, untrusted workspace or not, and on a production one without a question (a PowerQuery only reads)', async () => {
    const { provider } = api.plugins;
    const labelOf = async (node: PluginsNode) => {
      const item = await provider.getTreeItem(node);
      return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    };
    let roster: PluginsNode | undefined;
    for (const node of await provider.getChildren()) if ((await labelOf(node)) === 'Class Roster') roster = node;
    assert.ok(roster);
    const [queriesSection] = await provider.getChildren(roster);
    let row: PluginsNode | undefined;
    for (const node of await provider.getChildren(queriesSection)) if ((await labelOf(node)) === active) row = node;
    assert.ok(row);
    assert.equal((await provider.getTreeItem(row)).contextValue, 'plugin-queries', 'the row the Run actions are shown on');
    // One command pair for the CodeLens and the tree row (the row's inline actions pass the row).
    const registered = await vscode.commands.getCommands(true);
    assert.deepEqual(registered.filter((command) => /^powerschool\.plugins?\.runQuery/.test(command)).sort(), ['powerschool.plugin.runQuery', 'powerschool.plugin.runQueryOn']);
    const fromTree = await vscode.commands.executeCommand<RunResult>('powerschool.plugin.runQuery', row);
    assert.equal(fromTree?.response.status, 200, api.services.commands.lastFailure?.message);
    assert.ok(records(fromTree).length > 10);

    // A "server" with the plugin installed: another sandbox, reached as a configured connection with the plugin's credentials.
    const served: string[] = [];
    const server = await startSandbox({ students: 200, plugins: [readPluginFolder(plugin().fsPath)], logger: (line) => served.push(line) });
    const name = 'Plugin test server';
    const production = 'Plugin test production';
    const asked: string[] = [];
    try {
      const { clientId, clientSecret } = server.plugins[0]!;
      await api.services.store.save({ name, url: server.url, clientId }, clientSecret);
      const onServer = await vscode.commands.executeCommand<RunResult>('powerschool.plugin.runQueryOn', plugin(), active, name, { schoolid: '100' });
      assert.equal(onServer?.response.status, 200, api.services.commands.lastFailure?.message);
      assert.ok(onServer!.request.url.startsWith(server.url), onServer!.request.url);
      assert.ok(records(onServer).length > 0);

      // An untrusted workspace still runs on the user's own connections; nothing it holds is read as a {{variable}}.
      api.runner.setWorkspaceTrust(() => false);
      const untrusted = await vscode.commands.executeCommand<RunResult>('powerschool.plugin.runQueryOn', plugin(), active, name, { schoolid: '{{$processEnv HOME}}' });
      api.runner.setWorkspaceTrust(undefined);
      assert.equal(untrusted?.response.status, 200, api.services.commands.lastFailure?.message);
      assert.deepEqual(JSON.parse(untrusted!.request.body!), { schoolid: '{{$processEnv HOME}}' }, 'sent as typed');

      // The production guard asks before writes; a PowerQuery is POSTed yet only reads, so it runs without a question.
      await api.services.store.save({ name: production, url: server.url, clientId, production: true }, clientSecret);
      api.runner.setConfirmer(async (reason) => {
        asked.push(reason);
        return false;
      });
      const onProduction = await vscode.commands.executeCommand<RunResult>('powerschool.plugin.runQueryOn', plugin(), active, production, { schoolid: '100' });
      assert.equal(onProduction?.response.status, 200, api.services.commands.lastFailure?.message);
      assert.deepEqual(asked, []);
    } finally {
      api.runner.setWorkspaceTrust(undefined);
      api.runner.setConfirmer(undefined);
      await api.services.store.remove(name);
      await api.services.store.remove(production);
      await server.close();
    }
  });
  it('under npm start (a handed-over sandbox without the plugins), Run uses an embedded sandbox with them', async () => {
    const external = await startSandbox({ students: 20 });
    const log = vscode.window.createOutputChannel('PowerSchool plugin run test', { log: true });
    const source: SandboxPluginSource = { read: async () => ({ plugins: [{ folder: plugin().toString(), plugin: readPluginFolder(plugin().fsPath) }], key: 'fixture' }), onDidChange: () => ({ dispose() {} }) };
    try {
      await asIfHandedOver(external, async () => {
        const host = new SandboxHost(log, { plugins: source });
        try {
          assert.equal((await host.endpoint()).url, external.url, 'the Local sandbox is the handed-over one');
          const endpoint = await host.pluginEndpoint(plugin().toString());
          assert.notEqual(endpoint.url, external.url);
          const token = await fetch(`${endpoint.url}/oauth/access_token`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${endpoint.clientId}:${endpoint.clientSecret}`).toString('base64')}` }, body: 'grant_type=client_credentials' });
          const { access_token: bearer } = (await token.json()) as { access_token: string };
          const answer = await fetch(`${endpoint.url}/ws/schema/query/${active}/count`, { method: 'POST', headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ schoolid: '100' }) });
          assert.equal(answer.status, 200, await answer.text());
        } finally {
          host.dispose();
        }
      });
    } finally {
      log.dispose();
      await external.close();
    }
  });
});
