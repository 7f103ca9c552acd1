import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parsePsreq } from '../../src/core/psreq';
import { PsreqRunner } from '../../src/core/runner';
import type { ExtensionApi } from '../../src/extension/extension';
import type { TableState } from '../../src/extension/runner';
import { activateExtension, responseViewWaitMs, waitFor } from './support/extension';
import { takeScreenshot } from './support/screenshot';

// The response view's records table (issue 17, "Results as data"), asked of the real webview:
// it reports what it drew, and `panel.perform` does what a click on its controls does.

interface Student { id: number; name: { first_name: string; last_name: string } }
interface Shown { response: { status: number; body: unknown }; paging?: { pages: number; records: number } }

const requests = [
  '### Twenty students',
  'GET /ws/v1/district/student',
  '    ?expansions=demographics,school_enrollment',
  '    &pagesize=20',
  '',
  '### Every student, all pages',
  '# @all',
  'GET /ws/v1/district/student?pagesize=50',
  '',
  '### The district (no records)',
  'GET /ws/v1/district',
  '',
].join('\n');

describe('response view: records as data', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let document: vscode.TextDocument;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psdev-records-'));

  /** Waits until the table the view reports passes `ready`. */
  const tableState = (what: string, ready: (table: TableState) => boolean) =>
    waitFor(() => `${what} (the view: ${JSON.stringify(api.runner.panel.state)})`, () => {
      const table = api.runner.panel.state?.rendered?.table;
      return table && ready(table) ? table : undefined;
    }, responseViewWaitMs);

  const send = async (index: number) => {
    const result = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, index);
    assert.equal(result?.response.status, 200, api.runner.lastError);
    return result;
  };

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
    document = await vscode.workspace.openTextDocument({ language: 'psreq', content: requests });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  });

  after(async () => {
    // The scratch request file goes without a save prompt.
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows students as a table: each record\'s id and name in a collapsed row, a column per field', async () => {
    const result = await send(0);
    const students = (result.response.body as { students: { student: Student[] } }).students.student;
    const table = await tableState('the student table', (state) => state.ids.length === 20 && state.offset === 0 && state.filter === '');
    assert.equal(api.runner.panel.state?.rendered?.mode, 'table');
    assert.deepEqual(table.ids, students.map((student) => String(student.id)));
    assert.deepEqual(table.names, students.map((student) => `${student.name.last_name}, ${student.name.first_name}`));
    assert.equal(table.expanded, 0, 'rows start collapsed');
    assert.equal(table.total, 20);
    const columns = api.runner.panel.current!.table!.columns.map((column) => column.label);
    assert.ok(columns.includes('name.last_name') && columns.includes('school_enrollment.enroll_status'), columns.join(', '));
  });

  it('sorts by a column both ways and filters on any cell', async () => {
    const students = ((api.runner.panel.current!.result.response.body as { students: { student: Student[] } }).students.student);
    const table = api.runner.panel.current!.table!;
    const idColumn = table.idColumn;
    await api.runner.panel.perform({ type: 'sort', column: idColumn, descending: true });
    const descending = await tableState('sorted by id, descending', (state) => state.sort?.column === idColumn && state.sort.descending);
    assert.deepEqual(descending.ids, students.map((student) => student.id).sort((a, b) => b - a).map(String));
    const lastName = table.columns.findIndex((column) => column.label === 'name.last_name');
    await api.runner.panel.perform({ type: 'sort', column: lastName, descending: false });
    const byName = await tableState('sorted by last name', (state) => state.sort?.column === lastName && !state.sort.descending);
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const lastNames = byName.names.map((name) => name.split(', ')[0]);
    assert.deepEqual(lastNames, [...lastNames].sort(collator.compare));
    const wanted = students[3].name.last_name;
    await api.runner.panel.perform({ type: 'filter', text: wanted.toLowerCase() });
    const filtered = await tableState('filtered', (state) => state.filter === wanted.toLowerCase());
    assert.ok(filtered.matched >= 1 && filtered.matched < 20, `${filtered.matched} rows match`);
    assert.ok(filtered.ids.includes(String(students[3].id)));
    await api.runner.panel.perform({ type: 'filter', text: '' });
    await tableState('unfiltered', (state) => state.filter === '' && state.matched === 20);
  });

  it('expands every row to its JSON, and copies a value and its JSON path', async () => {
    await api.runner.panel.perform({ type: 'expandAll' });
    const expanded = await tableState('every row open', (state) => state.expanded === state.ids.length);
    assert.equal(expanded.expanded, 20);
    const first = expanded.ids[0];
    const index = api.runner.panel.current!.table!.set.records.findIndex((record) => String(record.id) === first);
    // The first lines of the first open row: the record itself, then its first key (`id` in the sandbox's order).
    await api.runner.panel.perform({ type: 'select', line: 1 });
    await api.runner.panel.perform({ type: 'copy', what: 'path' });
    const copiedPath = await waitFor('the path copied', async () => ((await vscode.env.clipboard.readText()).startsWith('$.students') ? vscode.env.clipboard.readText() : undefined));
    assert.equal(copiedPath, `$.students.student[${index}].id`);
    await api.runner.panel.perform({ type: 'copy', what: 'value' });
    await waitFor('the value copied', async () => ((await vscode.env.clipboard.readText()) === first ? true : undefined));
    await api.runner.panel.perform({ type: 'collapseAll' });
    await tableState('rows closed', (state) => state.expanded === 0);
  });

  it('takes a screenshot of the response table', async () => {
    await api.runner.panel.perform({ type: 'sort', column: api.runner.panel.current!.table!.nameColumns[0], descending: false });
    await tableState('sorted for the picture', (state) => state.sort !== undefined && !state.sort.descending);
    await vscode.commands.executeCommand('notifications.clearAll');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const picture = await takeScreenshot('response-table');
    if (picture) assert.equal(fs.readFileSync(picture).subarray(1, 4).toString(), 'PNG');
  });

  it('switches between the table, the pretty tree and the raw text', async () => {
    await api.runner.panel.perform({ type: 'mode', mode: 'raw' });
    await waitFor('the raw text', () => api.runner.panel.state?.rendered?.mode === 'raw' || undefined);
    await api.runner.panel.perform({ type: 'mode', mode: 'tree' });
    const tree = await waitFor('the tree', () => (api.runner.panel.state?.rendered?.mode === 'tree' ? api.runner.panel.state.rendered : undefined));
    assert.ok(tree.nodes > 20, `the tree has lines (${tree.nodes})`);
    await send(2);
    const district = await waitFor('the district drawn', () => (api.runner.panel.state?.title.includes('/ws/v1/district') && api.runner.panel.state.rendered ? api.runner.panel.state.rendered : undefined));
    assert.equal(district.mode, 'tree', 'a body without records opens as the tree');
    assert.equal(district.table, undefined);
  });

  it('exports the whole @all result to CSV and NDJSON, not just the page shown', async () => {
    const result = await send(1);
    const records = (result.response.body as { students: { student: Student[] } }).students.student;
    assert.ok(result.paging!.pages > 1, 'more than one page');
    await tableState('the paged table', (state) => state.total === records.length && state.ids.length === 100);
    const csvFile = vscode.Uri.file(path.join(folder, 'students.csv'));
    assert.equal(await vscode.commands.executeCommand('powerschool.exportResponseRecords', 'csv', csvFile), records.length);
    const lines = fs.readFileSync(csvFile.fsPath, 'utf8').split('\r\n');
    const header = lines[0].split(',');
    assert.equal(lines.length, records.length + 2, 'a header, a line per record and the last line break');
    const at = (line: string, column: string) => line.split(',')[header.indexOf(column)];
    assert.deepEqual(lines.slice(1, -1).map((line) => at(line, 'id')), records.map((record) => String(record.id)));
    assert.equal(at(lines.at(-2)!, 'name.last_name'), records.at(-1)!.name.last_name);
    const ndjsonFile = vscode.Uri.file(path.join(folder, 'students.ndjson'));
    assert.equal(await vscode.commands.executeCommand('powerschool.exportResponseRecords', 'ndjson', ndjsonFile), records.length);
    const ndjson = fs.readFileSync(ndjsonFile.fsPath, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Student);
    assert.deepEqual(ndjson, records);
  });

  it('keeps and shows the pages a cancelled @all got', async () => {
    const client = await api.services.clients.get();
    const abort = new AbortController();
    const runner = new PsreqRunner(parsePsreq('# @all\nGET /ws/v1/district/student?pagesize=25\n'), { client, onPage: (page) => page.page === 2 && abort.abort() });
    const result = await runner.run(0, abort.signal);
    api.runner.panel.show({ result, fromHistory: false });
    const table = await tableState('the partial table', (state) => state.total === 50);
    assert.equal(table.ids.length, 50);
    assert.match(api.runner.panel.state!.rendered!.notice, /Cancelled after 2 pages: showing the 50 records received/);
  });
});
