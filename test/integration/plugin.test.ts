import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import type { PluginsNode } from '../../src/extension/plugin/pluginsView';
import { activateExtension, waitFor } from './support/extension';
import { FixtureEdits } from './support/fixtureEdits';
import { takeScreenshot } from './support/screenshot';

// Plugin files in the editor: completion, New Plugin. The workspace holds roster-plugin/, a
// plugin that checks clean; tests change its files only in unsaved buffers and revert them.

const workspace = () => vscode.workspace.workspaceFolders![0]!.uri;
const pluginFile = (...parts: string[]) => vscode.Uri.joinPath(workspace(), 'roster-plugin', ...parts);

async function labelsAt(document: vscode.TextDocument, offset: number, trigger?: string): Promise<{ labels: string[]; items: vscode.CompletionItem[] }> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset), trigger);
  return { labels: list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)), items: list.items };
}

const fixture = new FixtureEdits();
const edit = (document: vscode.TextDocument, search: string, replacement: string) => fixture.replace(document, search, replacement);

function withCode(document: vscode.TextDocument, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'powerschool-plugin' && diagnostic.code === code);
}

async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

describe('plugin files in the editor', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
  });

  afterEach(() => fixture.revertAll());

  it('completes grant tables and their columns in plugin.xml, with type and length', async () => {
    const document = await vscode.workspace.openTextDocument(pluginFile('plugin.xml'));
    await vscode.window.showTextDocument(document);
    const tableAt = await edit(document, '<field table="CC" field="TERMID"', '<field table="CC" field="TERMID"/>\n    <field table="');
    const tables = await labelsAt(document, tableAt, '"');
    assert.ok(tables.labels.includes('STUDENTS') && tables.labels.includes('SECTIONS'), tables.labels.slice(0, 20).join());
    const fieldAt = await edit(document, '<field table="', '<field table="SCHOOLS" field="');
    const fields = await labelsAt(document, fieldAt, '"');
    const name = fields.items.find((item) => item.label === 'NAME');
    assert.ok(name, fields.labels.join());
    assert.match(String(name.detail), /^SCHOOLS · VARCHAR2\(\d+\)$/);
  });

  it('completes an alias\'s columns inside <sql> and hovers one with its type and length', async () => {
    const document = await vscode.workspace.openTextDocument(pluginFile('queries_root', 'roster.named_queries.xml'));
    await vscode.window.showTextDocument(document);
    const at = await edit(document, 'SELECT s.dcid, ', 'SELECT s.dcid, s.');
    const { labels, items } = await labelsAt(document, at, '.');
    assert.ok(labels.includes('first_name') && labels.includes('enroll_status'), labels.slice(0, 20).join());
    assert.match(String(items.find((item) => item.label === 'first_name')?.detail), /^STUDENTS · VARCHAR2\(\d+\)$/);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(document.getText().indexOf('s.lastfirst') + 4));
    const markdown = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
    assert.match(markdown, /STUDENTS\.LASTFIRST/);
    assert.match(markdown, /VARCHAR2\(\d+\)/);
  });

  it('flags an undeclared :bind in a named query as you type, and the quick fix declares the arg', async () => {
    const document = await vscode.workspace.openTextDocument(pluginFile('queries_root', 'enrollments.named_queries.xml'));
    await vscode.window.showTextDocument(document);
    await waitFor('the fixture checked clean', () => vscode.languages.getDiagnostics(document.uri).length === 0);
    await edit(document, 'WHERE cc.termid = :termid', 'WHERE cc.termid = :termid AND cc.schoolid = :schoolid');
    const [error] = await waitFor('an undeclared-bind error', () => (withCode(document, 'undeclared-bind').length ? withCode(document, 'undeclared-bind') : undefined));
    assert.equal(error!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(error!.range), ':schoolid');
    assert.match(error!.message, /<arg name="schoolid"/);
    const actions = await quickFixes(document, error!);
    const declare = actions.find((action) => /schoolid/.test(action.title));
    assert.ok(declare?.edit, `a quick fix declaring schoolid among ${JSON.stringify(actions.map((action) => action.title))}`);
    assert.ok(await vscode.workspace.applyEdit(declare.edit));
    assert.match(document.getText(), /<arg name="schoolid" type="primitive" required="true"/);
    await waitFor('the error gone', () => withCode(document, 'undeclared-bind').length === 0);
  });

  it('warns about a declared column plugin.xml does not grant, and the access quick fix adds the <field> line to the unsaved plugin.xml', async () => {
    const query = await vscode.workspace.openTextDocument(pluginFile('queries_root', 'roster.named_queries.xml'));
    await vscode.window.showTextDocument(query);
    const manifestBefore = await vscode.workspace.openTextDocument(pluginFile('plugin.xml'));
    // The quick fix edits plugin.xml without the test editing it.
    fixture.remember(manifestBefore);
    await edit(query, 'SELECT s.dcid, ', 'SELECT s.dcid, s.first_name, ');
    await edit(query, '<column column="STUDENTS.DCID">students.dcid</column>', '<column column="STUDENTS.DCID">students.dcid</column>\n      <column column="STUDENTS.FIRST_NAME">students.first_name</column>');
    const line = '<field table="STUDENTS" field="FIRST_NAME" access="ViewOnly"/>';
    const [warning] = await waitFor('an ungranted-column warning', () => (withCode(query, 'ungranted-column').length ? withCode(query, 'ungranted-column') : undefined));
    assert.equal(warning!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(query.getText(warning!.range), 'STUDENTS.FIRST_NAME');
    assert.ok(warning!.message.includes(line), warning!.message);
    assert.equal(withCode(query, 'column-count').length, 0, 'the SELECT list and <columns> still match');

    const actions = await quickFixes(query, warning!);
    const fix = actions.find((action) => action.title.includes(line));
    const published = api.plugins.diagnostics.fixesFor(query).map((each) => `${each.finding.code}: ${each.finding.fixes?.map((one) => one.title).join(' | ')}`);
    assert.ok(fix?.edit, `an "Add <field …/>" quick fix among ${JSON.stringify(actions.map((action) => action.title))}; published ${JSON.stringify(published)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const manifest = vscode.workspace.textDocuments.find((document) => document.uri.toString() === pluginFile('plugin.xml').toString());
    assert.ok(manifest?.isDirty, 'plugin.xml is edited, not saved');
    assert.ok(manifest.getText().includes(`    ${line}\n  </access_request>`), manifest.getText());
    await waitFor('the warning gone (the unsaved plugin.xml counts)', () => withCode(query, 'ungranted-column').length === 0).catch(async (error: Error) => {
      const model = await api.plugins.models.get(pluginFile());
      const open = vscode.workspace.textDocuments.map((document) => `${document.uri.toString()} v${document.version} closed=${document.isClosed}`);
      throw new Error(`${error.message}: model plugin.xml has FIRST_NAME: ${model.texts.get('plugin.xml')?.includes('FIRST_NAME')}; uris ${[...model.uris.values()].map(String).join(', ')}; open ${open.join(', ')}; findings ${JSON.stringify(api.plugins.diagnostics.findings(pluginFile())?.map((each) => each.code))}`);
    });
  });

  it('the Plugins section lists each plugin with problem counts, queries, grants, mappings and extension tables (screenshot)', async () => {
    const plugins = api.plugins;
    const labelOf = async (node: PluginsNode) => {
      const item = await plugins.provider.getTreeItem(node);
      return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    };
    const child = async (node: PluginsNode | undefined, label: string) => {
      const children = await plugins.provider.getChildren(node);
      for (const candidate of children) if ((await labelOf(candidate)) === label) return candidate;
      assert.fail(`no '${label}' among ${(await Promise.all(children.map(labelOf))).join(', ')}`);
    };
    const description = async (node: PluginsNode) => String((await plugins.provider.getTreeItem(node)).description);

    // The section on screen has every plugin checked, not only those with a file open.
    await vscode.commands.executeCommand('powerschool.plugins.focus');
    const roster = await child(undefined, 'Class Roster');
    await child(undefined, 'Narrow Roster');
    await waitFor('the roster plugin checked clean', async () => (await description(roster)) === '1.2.0 · no problems');
    const sections = await plugins.provider.getChildren(roster);
    assert.deepEqual(await Promise.all(sections.map(labelOf)), ['Queries', 'Grants', 'Permission mappings', 'Extension tables']);
    assert.deepEqual(await Promise.all(sections.map(description)), ['2', '14', '2', '1']);
    const queries = await plugins.provider.getChildren(sections[0]);
    assert.deepEqual(await Promise.all(queries.map(labelOf)), ['com.example.classroster.sections.enrollments', 'com.example.classroster.students.active']);
    assert.equal(await description(queries[0]!), '5 columns · 1 arg · not flattened');
    const table = (await plugins.provider.getChildren(sections[3]))[0]!;
    assert.equal(await labelOf(table), 'U_CLASS_ROSTER_FLAGS');
    assert.equal(await description(table), '2 fields · extends STUDENTS');
    const opened = (await plugins.provider.getTreeItem(queries[1]!)).command;
    assert.equal(opened?.command, 'vscode.open');

    // An unsaved problem shows in the counts: a required arg the SQL no longer binds.
    const document = await vscode.workspace.openTextDocument(pluginFile('queries_root', 'roster.named_queries.xml'));
    await vscode.window.showTextDocument(document);
    await edit(document, 'WHERE s.schoolid = :schoolid', 'WHERE s.schoolid = 100');
    await waitFor('the warning counted', async () => (await description(roster)) === '1.2.0 · 1 warning');
    assert.equal(await description(sections[0]!), '2 · 1 warning');

    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('powerschool.plugins.focus');
    await plugins.view.reveal(queries[1]!, { select: true, focus: false, expand: true });
    await plugins.view.reveal(sections[1]!, { select: false, focus: false, expand: true });
    await plugins.view.reveal(sections[3]!, { select: false, focus: false, expand: true });
    await plugins.view.reveal(roster, { select: false, focus: true, expand: true });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await takeScreenshot('plugins-section');
  });

  it('a plugin written, changed and removed on disk outside the editor comes, changes and goes with its plugin.xml, or its whole folder, in the Plugins section (one watcher for plugin files)', async () => {
    const plugins = api.plugins;
    const labelOf = async (node: PluginsNode) => {
      const item = await plugins.provider.getTreeItem(node);
      return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    };
    const rootLabels = async () => Promise.all((await plugins.provider.getChildren()).map(labelOf));
    const queryLabels = async () => {
      for (const node of await plugins.provider.getChildren()) {
        if ((await labelOf(node)) !== 'Disk Copy') continue;
        const [queries] = await plugins.provider.getChildren(node);
        return Promise.all((await plugins.provider.getChildren(queries)).map(labelOf));
      }
      return undefined;
    };
    const folder = path.join(workspace().fsPath, 'disk-plugin');
    const source = pluginFile().fsPath;
    const queryFile = path.join(folder, 'queries_root', 'roster.named_queries.xml');
    try {
      // The folders come with the workspace: VS Code's recursive watcher may miss files written into a folder made a
      // moment before (as any inotify watcher can; Refresh Plugins is the remedy).
      fs.writeFileSync(path.join(folder, 'plugin.xml'), fs.readFileSync(path.join(source, 'plugin.xml'), 'utf8').replace('name="Class Roster"', 'name="Disk Copy"'));
      await waitFor('the new plugin listed', async () => (await rootLabels()).includes('Disk Copy'));
      assert.deepEqual(await queryLabels(), ['No queries']);
      // Its own query names: two plugins naming the same query is what PowerSchool refuses to install.
      const queries = fs.readFileSync(path.join(source, 'queries_root', 'roster.named_queries.xml'), 'utf8');
      fs.writeFileSync(queryFile, queries.replace('com.example.classroster.students.active', 'com.example.diskcopy.students'));
      await waitFor('its query file read', async () => JSON.stringify(await queryLabels()) === JSON.stringify(['com.example.diskcopy.students']));
      fs.writeFileSync(queryFile, queries.replace('com.example.classroster.students.active', 'com.example.diskcopy.students.active'));
      await waitFor('the changed file read again', async () => JSON.stringify(await queryLabels()) === JSON.stringify(['com.example.diskcopy.students.active']));
      const manifest = fs.readFileSync(path.join(folder, 'plugin.xml'));
      fs.rmSync(path.join(folder, 'plugin.xml'));
      await waitFor('the plugin gone with its plugin.xml', async () => !(await rootLabels()).includes('Disk Copy'));
      fs.writeFileSync(path.join(folder, 'plugin.xml'), manifest);
      await waitFor('the plugin back with its plugin.xml', async () => (await rootLabels()).includes('Disk Copy'));
      // A deleted folder is reported alone, not the files in it.
      fs.rmSync(folder, { recursive: true, force: true });
      await waitFor('the plugin gone with its whole folder', async () => !(await rootLabels()).includes('Disk Copy'));
      let found = false;
      const finding = plugins.folders.onDidChange(() => (found = true));
      try {
        await vscode.commands.executeCommand('powerschool.plugins.refresh');
        assert.ok(found, 'Refresh Plugins finds the plugin folders again');
        assert.ok((await rootLabels()).includes('Class Roster'));
      } finally {
        finding.dispose();
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('PowerSchool: New Plugin writes a plugin, a named query and a permission mapping, and opens the query', async () => {
    const parent = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'psdev-new-plugin-')));
    try {
      const folder = await vscode.commands.executeCommand<vscode.Uri>('powerschool.newPlugin', parent, 'Attendance Export');
      assert.ok(folder, api.services.commands.lastFailure?.message);
      assert.equal(path.basename(folder.fsPath), 'attendance_export');
      assert.ok(fs.existsSync(path.join(folder.fsPath, 'plugin.xml')));
      assert.ok(fs.existsSync(path.join(folder.fsPath, 'queries_root', 'attendance_export.named_queries.xml')));
      assert.ok(fs.existsSync(path.join(folder.fsPath, 'permissions_root', 'attendance_export.permission_mappings.xml')));
      assert.match(vscode.window.activeTextEditor?.document.uri.fsPath ?? '', /attendance_export\.named_queries\.xml$/);
      const again = await vscode.commands.executeCommand('powerschool.newPlugin', parent, 'Attendance Export');
      assert.equal(again, undefined);
      assert.match(api.services.commands.lastFailure?.message ?? '', /already exists/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(parent.fsPath, { recursive: true, force: true });
    }
  });
});
