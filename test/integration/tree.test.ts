import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import type { ExtensionApi } from '../../src/extension/extension';
import type { SchemaExplorer } from '../../src/extension/tree/schemaExplorer';
import type { ExplorerNode } from '../../src/extension/tree/nodes';
import { activateExtension, answerEveryPromptWithEnter, closedPort, waitFor, responseViewWaitMs } from './support/extension';
import { takeScreenshot } from './support/screenshot';

const sandboxName = 'Local sandbox';
const offlineName = 'Tree offline server';
const cachedName = 'Tree cached server';
const largeName = 'Tree large catalog';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

function tooltipOf(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
}

function iconOf(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

describe('schema explorer', function () {
  // Preview Records waits for the response view, which may take its whole recovery to start (responseViewWaitMs).
  this.timeout(90_000);
  let api: ExtensionApi;
  let explorer: SchemaExplorer;

  const children = async (node?: ExplorerNode) => (await explorer.provider.getChildren(node)) ?? [];
  const item = (node: ExplorerNode) => explorer.provider.getTreeItem(node);
  const child = async (node: ExplorerNode | undefined, label: string) => {
    const found = (await children(node)).find((candidate) => labelOf(item(candidate)) === label);
    assert.ok(found, `no '${label}' under ${node ? labelOf(item(node)) : 'the root'}: ${(await children(node)).map((candidate) => labelOf(item(candidate))).join(', ')}`);
    return found;
  };

  before(async () => {
    api = await activateExtension();
    explorer = api.explorer;
    await vscode.commands.executeCommand('powerschool.selectConnection', sandboxName);
    await vscode.commands.executeCommand('powerschool.explorer.focus');
  });

  after(async () => {
    for (const name of [offlineName, cachedName, largeName]) await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
    await vscode.commands.executeCommand('powerschool.selectConnection', sandboxName);
  });

  it('shows every connection as a root, the active one expanded, with Areas, Tables, PowerQueries and Metadata', async () => {
    const roots = await children();
    assert.equal(labelOf(item(roots[0]!)), sandboxName);
    const root = item(roots[0]!);
    assert.equal(root.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.match(String(root.description), /active/);
    assert.deepEqual((await children(roots[0])).map((node) => labelOf(item(node))), ['Areas', 'Tables', 'PowerQueries', 'Metadata']);
  });

  it('Areas → Students → STUDENTS → columns with type, length, primary key and tooltips (screenshot)', async () => {
    const root = await child(undefined, sandboxName);
    const students = await child(await child(await child(root, 'Areas'), 'Students'), 'STUDENTS');
    assert.equal(iconOf(item(students)), 'table');
    assert.match(tooltipOf(item(students)), /student/i);
    const columns = await children(students);
    assert.ok(columns.length >= 150, `${columns.length} columns`);
    const lastName = item(await child(students, 'LAST_NAME'));
    assert.match(String(lastName.description), /^VARCHAR2\(\d+\)$/);
    assert.equal(iconOf(lastName), 'symbol-field');
    assert.match(tooltipOf(lastName), /Nullable: (yes|no)/);
    assert.match(tooltipOf(lastName), /Access: ViewOnly/);
    const dcid = item(await child(students, 'DCID'));
    assert.equal(iconOf(dcid), 'key');
    assert.match(String(dcid.description), /^NUMBER\(10\) · primary key$/);
    assert.match(tooltipOf(dcid), /Nullable: no/);
    assert.match(String(item(students).description), /\d+ columns/, 'the table shows its column count once known');

    // A clean picture: no editors or notifications left by earlier suites.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    // Wider sidebar, the table's first rows in view (the primary key's icon) with LAST_NAME's kind of row below.
    await explorer.view.reveal(await child(students, 'LAST_NAME'), { select: false, focus: true, expand: true });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await explorer.view.reveal(await child(students, 'DCID'), { select: true, focus: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await takeScreenshot('tree-students-columns');
    // Give the editor its width back: the workbench layout outlives this test.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
  });

  it('lists Tables alphabetically, PowerQueries by namespace with arguments and columns, and Metadata rows', async () => {
    const root = await child(undefined, sandboxName);
    const tables = (await children(await child(root, 'Tables'))).map((node) => labelOf(item(node)));
    assert.ok(tables.length > 80);
    assert.deepEqual(tables, [...tables].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const namespace = await child(await child(root, 'PowerQueries'), 'com.pearson.core.terms');
    const yearid = await child(namespace, 'yearid');
    const rows = (await children(yearid)).map((node) => [labelOf(item(node)), String(item(node).description)]);
    assert.deepEqual(rows, [['schoolid', 'argument · number · required'], ['currentdate', 'argument · date · required'], ['terms.yearid', 'column']]);
    const version = item(await child(await child(root, 'Metadata'), 'powerschool_version'));
    assert.ok(version.description);
  });

  it('Find table reveals the best fuzzy match for a table and for a PowerQuery', async () => {
    const found = await vscode.commands.executeCommand<{ kind: string; name: string }>('powerschool.explorer.findTable', 'stutest');
    assert.deepEqual({ kind: found?.kind, name: found?.name }, { kind: 'table', name: 'STUDENTTEST' });
    assert.equal(explorer.view.selection[0]?.kind, 'table');
    assert.equal(labelOf(item(explorer.view.selection[0]!)), 'STUDENTTEST');
    const query = await vscode.commands.executeCommand<{ kind: string; name: string }>('powerschool.explorer.findTable', 'guardian detail');
    assert.equal(query?.name, 'com.pearson.core.guardian.student_guardian_detail');
    assert.equal(explorer.view.selection[0]?.kind, 'powerQuery');
  });

  it('Find table without a name asks in a quick pick, and the accepted item is revealed', async () => {
    const picked = vscode.commands.executeCommand<{ kind: string; name: string } | undefined>('powerschool.explorer.findTable');
    // The catalog is cached by now; give the quick pick a moment to show its items, then accept the first.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const found = await picked;
    assert.ok(found, 'an item was accepted');
    const items = await api.services.schema.catalogs.get(sandboxName).then((catalog) => catalog.searchItems());
    const first = [...items].sort((a, b) => a.name.localeCompare(b.name))[0]!;
    assert.equal(found.name, first.name, 'an empty query lists items alphabetically');
    assert.equal(labelOf(item(explorer.view.selection[0]!)), found.name);
  });

  it('Refresh on the view drops the cached catalog and the tree fetches it again', async () => {
    const catalog = await api.services.schema.catalogs.get(sandboxName);
    assert.ok(catalog.peek('tables'));
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.refresh'), true);
    assert.equal(catalog.peek('tables'), undefined);
    const tables = await children(await child(await child(undefined, sandboxName), 'Tables'));
    assert.ok(tables.length > 80 && catalog.peek('tables'), 'fetched again');
  });

  it('Copy Name and Insert Name at cursor', async () => {
    const students = await explorer.model.findTable(sandboxName, 'STUDENTS');
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.copyName', students), 'STUDENTS');
    assert.equal(await vscode.env.clipboard.readText(), 'STUDENTS');
    const column = (await children(students)).find((node) => node.kind === 'column' && node.column.name === 'last_name')!;
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.copyName', column), 'LAST_NAME');

    const document = await vscode.workspace.openTextDocument({ language: 'psreq', content: 'GET /ws/schema/table/?projection=' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(document.positionAt(21), document.positionAt(21));
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.insertName', 'STUDENTS'), 'STUDENTS');
    editor.selection = new vscode.Selection(document.lineAt(0).range.end, document.lineAt(0).range.end);
    await vscode.commands.executeCommand('powerschool.explorer.insertName', column);
    assert.equal(document.getText(), 'GET /ws/schema/table/STUDENTS?projection=LAST_NAME');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Open Metadata shows the table metadata as a read-only JSON document', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('powerschool.explorer.openMetadata', 'STUDENTS');
    assert.equal(document.uri.scheme, 'powerschool-catalog');
    assert.equal(document.languageId, 'json');
    const metadata = JSON.parse(document.getText()) as { name: string; primaryKey: string; columns: unknown[] };
    assert.equal(metadata.name, 'STUDENTS');
    assert.equal(metadata.primaryKey, 'dcid');
    assert.ok(metadata.columns.length >= 150);
    // A content-provider scheme has no file system behind it: the editor opens it read-only, there is nothing to save to.
    assert.notEqual(vscode.workspace.fs.isWritableFileSystem('powerschool-catalog'), true);
    assert.equal(document.isUntitled, false);
  });

  it('Count Records, and Preview Records (first 50 rows) in the response view, for a table and a PowerQuery', async () => {
    const client = await api.services.clients.get(sandboxName);
    const expected = (await client.getJson<{ count: number }>('/ws/schema/table/students/count')).count;
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.countRecords', 'STUDENTS'), expected);
    const students = await explorer.model.findTable(sandboxName, 'STUDENTS');
    assert.match(tooltipOf(item(students!)), new RegExp(`${expected.toLocaleString('en-US')} records`), 'the count shows once known');
    assert.equal(await vscode.commands.executeCommand('powerschool.explorer.countRecords', 'com.pearson.core.student.student_dcid_id_map'), expected);
    const editors = vscode.window.visibleTextEditors.length;
    const preview = await vscode.commands.executeCommand<{ response: { status: number; body: unknown } }>('powerschool.explorer.previewRecords', 'STUDENTS');
    const body = preview.response.body as { name: string; record: { tables: { students: Record<string, string> } }[] };
    assert.equal(body.name, 'STUDENTS');
    assert.equal(body.record.length, Math.min(50, expected));
    assert.ok('last_name' in body.record[0]!.tables.students);
    await waitFor(() => `the preview in the response view (the view: ${JSON.stringify(api.runner.panel.state)})`, () => api.runner.panel.state?.rendered?.status === '200 OK' && api.runner.panel.state.title.includes('/ws/schema/table/students'), responseViewWaitMs);
    assert.equal(vscode.window.visibleTextEditors.length, editors, 'no raw JSON document opened');
    const queryPreview = await vscode.commands.executeCommand<{ response: { body: unknown } }>('powerschool.explorer.previewRecords', 'com.pearson.core.student.student_dcid_id_map');
    assert.equal((queryPreview.response.body as { record: unknown[] }).record.length, Math.min(50, expected));
    await waitFor(() => `the PowerQuery preview in the response view (the view: ${JSON.stringify(api.runner.panel.state)})`, () => api.runner.panel.state?.title.includes('/ws/schema/query/com.pearson.core.student.student_dcid_id_map'), responseViewWaitMs);
  });

  it('New Request opens a .psreq for a table (GET, projection, q) and for a PowerQuery (POST, argument skeleton)', async () => {
    const table = await vscode.commands.executeCommand<vscode.TextDocument>('powerschool.explorer.newRequest', 'STUDENTS');
    assert.equal(table.languageId, 'psreq');
    assert.equal(table.isUntitled, true);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'STUDENTS.psreq', 'the tab is named after the table, not the first comment line');
    assert.match(table.getText(), /^GET \/ws\/schema\/table\/students$/m);
    assert.match(table.getText(), /^ {4}\?projection=dcid,id,.*last_name/m);
    assert.match(table.getText(), /^@q = dcid=gt=0$/m);
    assert.match(table.getText(), /^ {4}&q=\{\{q\}\}$/m);
    const query = await vscode.commands.executeCommand<vscode.TextDocument>('powerschool.explorer.newRequest', 'com.pearson.core.terms.yearid');
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'com.pearson.core.terms.yearid.psreq');
    assert.match(query.getText(), /^POST \/ws\/schema\/query\/com\.pearson\.core\.terms\.yearid$/m);
    const body = JSON.parse(query.getText().slice(query.getText().indexOf('\n{') + 1)) as Record<string, unknown>;
    assert.deepEqual(body, { schoolid: 0, currentdate: '{{$date}}' });
    for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('from the palette (no tree item), Count, Preview, Copy Name, Open Metadata, Insert Name and New Request ask which table or PowerQuery', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'psreq', content: '' }));
    const palette = (command: string) => answerEveryPromptWithEnter(vscode.commands.executeCommand(`powerschool.explorer.${command}`));
    const failures: string[] = [];
    for (const command of ['countRecords', 'previewRecords', 'copyName', 'openMetadata', 'insertName', 'newRequest']) {
      if ((await palette(command)) === undefined) failures.push(`${command}: ${api.services.commands.lastFailure?.message}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(failures, []);
  });

  it('connection nodes carry Set Active, Test, Edit and Remove, the view title Add Connection, and production is marked (screenshot)', async () => {
    const menus = vscode.extensions.getExtension('powerschool-devtools.powerschool-devtools')!.packageJSON.contributes.menus;
    const shownFor = (when: string, contextValue: string) => {
      const equal = /viewItem == (\w+)/.exec(when);
      const pattern = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when);
      return equal ? equal[1] === contextValue : pattern ? new RegExp(pattern[1]!).test(contextValue) : false;
    };
    const actionsFor = (contextValue: string) => (menus['view/item/context'] as { command: string; when: string; group: string }[])
      .filter((entry) => entry.group.startsWith('inline') && shownFor(entry.when, contextValue))
      .map((entry) => entry.command);
    assert.deepEqual(actionsFor('connection').slice(0, 3), ['powerschool.selectConnection', 'powerschool.testConnection', 'powerschool.editConnection']);
    assert.ok(!actionsFor('sandboxConnection').includes('powerschool.editConnection'), 'the built-in sandbox is not edited');
    assert.ok((menus['view/title'] as { command: string }[]).some((entry) => entry.command === 'powerschool.addConnection'));

    const sandbox = await api.services.sandbox.endpoint();
    const name = 'Tree production server';
    await vscode.commands.executeCommand('powerschool.addConnection', { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, production: true });
    await vscode.commands.executeCommand('powerschool.selectConnection', sandboxName);
    try {
      const node = await child(undefined, name);
      assert.equal(item(node).contextValue, 'connection');
      assert.equal(item(await child(undefined, sandboxName)).contextValue, 'sandboxConnection');
      assert.match(String(item(node).description), /^⚠ production/, 'production leads the description');
      assert.match(tooltipOf(item(node)), /production/);
      assert.equal(iconOf(item(node)), 'pass-filled', 'the status dot: tested when it was added');
      const tested = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('powerschool.testConnection', node);
      assert.match(tested.message, new RegExp(`Connected to '${name}'`), 'the node\'s connection is tested, not the active one');
      // The picture shows the connections themselves: every root collapsed, then the one made active opens.
      await vscode.commands.executeCommand('workbench.actions.treeView.powerschool.explorer.collapseAll');
      assert.equal(await vscode.commands.executeCommand('powerschool.selectConnection', node), name);
      assert.equal(api.services.active.name, name);
      await vscode.commands.executeCommand('notifications.clearAll');
      await takeScreenshot('connection-tree');
      assert.equal(await vscode.commands.executeCommand('powerschool.removeConnection', node, true), true);
      assert.equal(api.services.store.find(name), undefined);
    } finally {
      await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
      await vscode.commands.executeCommand('powerschool.selectConnection', sandboxName);
    }
  });

  it('a connection node carries a status dot (reachable, authentication failed, unreachable, not checked) that follows the last test or request, live', async () => {
    const sandbox = await api.services.sandbox.endpoint();
    const name = 'Tree status dot';
    const redraws: unknown[] = [];
    const listening = explorer.provider.onDidChangeTreeData((node) => redraws.push(node));
    const shown = async () => {
      const node = item(await child(undefined, name));
      return { icon: iconOf(node), color: node.iconPath instanceof vscode.ThemeIcon ? node.iconPath.color?.id : undefined, description: String(node.description), tooltip: tooltipOf(node) };
    };
    try {
      await vscode.commands.executeCommand('powerschool.addConnection', { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
      await vscode.commands.executeCommand('powerschool.selectConnection', sandboxName);
      let now = await shown();
      assert.deepEqual([now.icon, now.color], ['pass-filled', 'testing.iconPassed']);
      assert.match(now.description, /reachable/);
      assert.match(now.tooltip, /Reachable: the server answered/);

      await vscode.commands.executeCommand('powerschool.editConnection', name, { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: 'a-wrong-secret' });
      now = await shown();
      assert.deepEqual([now.icon, now.color], ['circle-outline', 'disabledForeground'], 'an edited connection is not known yet');
      assert.match(now.tooltip, /Not checked yet/);

      const before = redraws.length;
      await vscode.commands.executeCommand('powerschool.testConnection', name);
      assert.ok(redraws.length > before, 'the tree redraws when the health changes');
      now = await shown();
      assert.deepEqual([now.icon, now.color], ['error', 'testing.iconFailed']);
      assert.match(now.description, /authentication failed/);
      assert.match(now.tooltip, /refused the client ID and secret/);

      await vscode.commands.executeCommand('powerschool.editConnection', name, { name, url: `http://127.0.0.1:${await closedPort()}`, clientId: 'x', clientSecret: 'y' });
      const node = { kind: 'table', id: `${name}/tables/students`, connection: name, table: { name: 'students' } };
      await vscode.commands.executeCommand('powerschool.explorer.countRecords', node);
      now = await shown();
      assert.deepEqual([now.icon, now.color], ['circle-slash', 'testing.iconFailed'], 'a request that could not reach the server');
      assert.match(now.description, /unreachable/);
    } finally {
      listening.dispose();
      await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
      await vscode.commands.executeCommand('powerschool.selectConnection', sandboxName);
    }
  });

  it('shows an error node with the reason and a retry action when the server is down; Retry recovers', async () => {
    const port = await closedPort();
    await vscode.commands.executeCommand('powerschool.addConnection', { name: offlineName, url: `http://127.0.0.1:${port}`, clientId: 'nobody', clientSecret: 'nothing' }, 'keep');
    const root = await child(undefined, offlineName);
    assert.equal(item(root).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the newly active connection is expanded');
    const tables = await child(root, 'Tables');
    const [error, ...rest] = await children(tables);
    assert.equal(rest.length, 0);
    assert.equal(error?.kind, 'error');
    const errorItem = item(error!);
    assert.equal(labelOf(errorItem), 'Could not load tables');
    assert.match(String(errorItem.description), /ECONNREFUSED|refused|connect|reach/i);
    assert.equal(errorItem.command?.command, 'powerschool.explorer.retry');
    assert.equal(iconOf(errorItem), 'error');

    const sandbox = await api.services.sandbox.endpoint();
    await vscode.commands.executeCommand('powerschool.editConnection', offlineName, { name: offlineName, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    await vscode.commands.executeCommand(errorItem.command!.command, ...(errorItem.command!.arguments ?? []));
    const again = await children(await child(await child(undefined, offlineName), 'Tables'));
    assert.ok(again.length > 80 && again.every((node) => node.kind === 'table'), 'after Retry the tables are there');
  });

  it('stays responsive with a large catalog: ~1,000 tables and a 400-column table', async () => {
    const server = await startSandbox({ catalog: 'large', students: 5, schools: 1 });
    try {
      await vscode.commands.executeCommand('powerschool.addConnection', { name: largeName, url: server.url, clientId: server.clientId, clientSecret: server.clientSecret });
      const root = await child(undefined, largeName);
      let started = Date.now();
      const tables = await children(await child(root, 'Tables'));
      const tablesMs = Date.now() - started;
      assert.ok(tables.length >= 990, `${tables.length} tables`);
      const wide = tables.find((node) => node.kind === 'table' && node.table.name === 'S_AL_STU_X')!;
      started = Date.now();
      const columns = await children(wide);
      const columnsMs = Date.now() - started;
      assert.equal(columns.length, 400);
      // Adding the connection made it active, which redraws the roots meanwhile: reveal until the selection holds.
      await waitFor('the last of 400 columns to be revealed and selected', async () => {
        await explorer.view.reveal(columns[399]!, { select: true, focus: true });
        await new Promise((resolve) => setTimeout(resolve, 100));
        return explorer.view.selection[0]?.id === columns[399]!.id;
      });
      console.log(`      (large catalog: ${tables.length} tables in ${tablesMs} ms, 400 columns in ${columnsMs} ms, from the sandbox)`);
    } finally {
      await vscode.commands.executeCommand('powerschool.removeConnection', largeName, true);
      await server.close();
    }
  });

  it('reloads instantly from the cache in global storage, even with the server gone; Refresh fetches again', async () => {
    let server: SandboxHandle | undefined = await startSandbox({ students: 5, schools: 1 });
    try {
      await vscode.commands.executeCommand('powerschool.addConnection', { name: cachedName, url: server.url, clientId: server.clientId, clientSecret: server.clientSecret });
      const students = await explorer.model.findTable(cachedName, 'STUDENTS');
      assert.ok(students);
      const before = (await children(students)).length;
      await server.close();
      server = undefined;

      await explorer.reloadFromStorage();
      const stored = await vscode.workspace.fs.stat(api.services.schema.catalogs.fileOf(cachedName));
      assert.ok(stored.size > 1000, 'the catalog was persisted');
      const started = Date.now();
      const reloaded = await explorer.model.findTable(cachedName, 'STUDENTS');
      assert.ok(reloaded, 'the tables came back from storage');
      assert.equal((await children(reloaded)).length, before, 'and so did the columns');
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 5000, `reload took ${elapsed} ms`);

      await vscode.commands.executeCommand('powerschool.explorer.refresh', reloaded, cachedName);
      const [error] = await children(reloaded);
      assert.equal(error?.kind, 'error', 'a refresh really asks the (now closed) server');

      await vscode.commands.executeCommand('powerschool.removeConnection', cachedName, true);
      await waitFor('the stored catalog to be deleted with its connection', () =>
        Promise.resolve(vscode.workspace.fs.stat(api.services.schema.catalogs.fileOf(cachedName))).then(() => false, () => true),
      );
    } finally {
      await server?.close();
    }
  });
});
