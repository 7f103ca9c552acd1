import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import type { ExtensionApi } from '../../src/extension/extension';
import { activateExtension, answerEveryPromptWithEnter, extensionId, waitFor, responseViewWaitMs } from './support/extension';
import { takeScreenshot } from './support/screenshot';

// Sending .psreq requests inside VS Code against the embedded sandbox (the default connection),
// asked of VS Code itself: CodeLenses, commands, the response view, history, confirmation.

interface Shown { response: { status: number; body: unknown }; request: { index: number; url: string }; paging?: { pages: number; records: number } }

describe('request runner', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let document: vscode.TextDocument;
  const indexOf = (title: string) => document.getText().split(/^###/m).slice(1).findIndex((block) => block.trimStart().startsWith(title));

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    document = await vscode.workspace.openTextDocument(path.join(folder, 'runner.psreq'));
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    api.runner.setConfirmer(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows "Send all" at the top and "Send" above each request', async () => {
    const lenses = await waitFor('CodeLenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found?.length ? found : undefined;
    });
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.equal(titles.filter((title) => /Send all/.test(title)).length, 1);
    assert.equal(titles.filter((title) => /\bSend$/.test(title)).length, 7);
    const sendAll = lenses.find((lens) => /Send all/.test(lens.command!.title))!;
    assert.equal(sendAll.range.start.line, 0);
    assert.equal(sendAll.command!.command, 'powerschool.sendAll');
    const sends = lenses.filter((lens) => lens.command!.command === 'powerschool.sendRequest');
    assert.equal(document.lineAt(sends[0].range.start.line).text, 'GET /ws/v1/district');
    assert.deepEqual(sends[2].command!.arguments?.[1], 2);
  });

  it('sends a request and opens the response view beside the editor with its status', async () => {
    const result = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    assert.equal(result.response.status, 200);
    assert.ok((result.response.body as { district?: unknown }).district, 'the district came back');
    const state = await waitFor('the response view to draw', () => (api.runner.panel.state?.rendered ? api.runner.panel.state : undefined), responseViewWaitMs);
    assert.equal(state.status, 200);
    assert.equal(state.rendered!.status, '200 OK');
    assert.equal(state.rendered!.bodyKind, 'json');
    assert.ok(state.rendered!.nodes > 3, `the JSON tree has lines (${state.rendered!.nodes})`);
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputWebview && /Response: 200 GET \/ws\/v1\/district/.test(candidate.label));
    assert.ok(tab, 'a response tab is open');
    assert.notEqual(tab.group.viewColumn, vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One, 'beside the editor');
  });

  it('draws the shown response again when VS Code reloads the view (a reloaded webview starts blank)', async () => {
    await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
    const drawn = await waitFor('the response view to draw', () => (api.runner.panel.state?.rendered ? api.runner.panel.state : undefined), responseViewWaitMs);
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const state = await waitFor('the reloaded view to draw the response again', () => {
      const now = api.runner.panel.state;
      return now && now.loads > drawn.loads && now.rendered ? now : undefined;
    });
    assert.equal(state.rendered!.status, '200 OK');
    assert.ok(state.rendered!.nodes > 3, `the JSON tree has lines again (${state.rendered!.nodes})`);
  });

  it("sets the view's page again when it does not say it is ready in time (VS Code's webview service worker can fail to start), and still draws the response", async () => {
    const responseTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Response'));
    await vscode.window.tabGroups.close(responseTabs());
    await waitFor('the response view to close', () => api.runner.panel.state === undefined);
    const logFile = path.join(api.services.context.logUri.fsPath, 'PowerSchool.log');
    const resets = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').match(/response view's page did not say it was ready within 1 ms: setting it again \(attempt 1\)/g)?.length ?? 0 : 0);
    const before = resets();
    const waits = api.runner.panel.loadWaitsMs;
    // The first page is replaced before it can possibly have loaded, as the watchdog would replace a page that never loads.
    api.runner.panel.loadWaitsMs = [1, 60_000];
    try {
      await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
      await waitFor('the page to be set again', () => resets() > before, 10_000);
      const state = await waitFor('the view to draw the response', () => (api.runner.panel.state?.rendered ? api.runner.panel.state : undefined), responseViewWaitMs);
      assert.equal(state.rendered!.status, '200 OK');
    } finally {
      api.runner.panel.loadWaitsMs = waits;
    }
  });

  it('sends the request under the cursor (the Ctrl+Alt+R command)', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const binding = manifest.contributes.keybindings.find((item: { command: string }) => item.command === 'powerschool.sendRequest');
    assert.equal(binding.key, 'ctrl+alt+r');
    assert.equal(binding.mac, 'cmd+alt+r');
    assert.match(binding.when, /editorLangId == psreq/);
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const line = document.getText().split('\n').indexOf('GET /ws/v1/district/student/count');
    editor.selection = new vscode.Selection(line, 5, line, 5);
    const result = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest');
    assert.equal(result.request.index, indexOf('How many students'));
    assert.ok((result.response.body as { resource: { count: number } }).resource.count > 0);
  });

  it('runs a named dependency first (chaining)', async () => {
    const index = indexOf('Students of the first school');
    const result = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, index);
    assert.equal(result.response.status, 200, api.runner.lastError);
    const schools = api.runner.history.list().find((entry) => entry.name === 'schools');
    assert.ok(schools, 'the schools request ran first and is in the history');
    const firstSchool = (JSON.parse((await api.runner.history.body(schools.id))!) as { schools: { school: { id: number }[] } }).schools.school[0].id;
    assert.match(result.request.url, new RegExp(`/ws/v1/school/${firstSchool}/student\\?`));
  });

  it('refuses a request with an undefined variable, selecting it in the editor', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'psreq', content: '### broken\nGET /ws/v1/district/student?pagesize={{nope}}\n' });
    const editor = await vscode.window.showTextDocument(scratch, vscode.ViewColumn.One);
    const result = await vscode.commands.executeCommand('powerschool.sendRequest', scratch.uri, 0);
    assert.equal(result, undefined);
    assert.match(api.runner.lastError ?? '', /line 2: 'nope' is not defined/);
    assert.equal(scratch.getText(editor.selection), '{{nope}}');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  });

  it('follows every page with @all', async () => {
    const count = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, indexOf('How many students'));
    const total = (count.response.body as { resource: { count: number } }).resource.count;
    const result = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, indexOf('Every student, all pages'));
    assert.equal(result.paging?.records, total);
    assert.equal(result.paging?.pages, Math.ceil(total / 100));
    assert.equal((result.response.body as { students: { student: unknown[] } }).students.student.length, total);
    await waitFor('the paged response drawn', () => api.runner.panel.state?.rendered?.status === '200 OK' && api.runner.panel.state.title.includes('/ws/v1/district/student'), responseViewWaitMs);
  });

  it('asks before a write to a production connection and before @confirm; no means nothing is sent', async () => {
    const sandbox = await api.services.sandbox.endpoint();
    const name = 'Runner production test';
    await vscode.commands.executeCommand('powerschool.addConnection', { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, production: true });
    try {
      await vscode.commands.executeCommand('powerschool.selectConnection', name);
      const asked: string[] = [];
      api.runner.setConfirmer(async (reason) => (asked.push(reason), false));
      const write = await vscode.workspace.openTextDocument({ language: 'psreq', content: 'DELETE /ws/schema/table/u_studentsuserfields/999999\n' });
      const before = api.runner.history.list().length;
      const declined = await vscode.commands.executeCommand<Shown | undefined>('powerschool.sendRequest', write.uri, 0);
      assert.equal(declined, undefined);
      assert.match(asked[0], /production server and DELETE/);
      assert.match(api.runner.lastError ?? '', /not sent/);
      assert.equal(api.runner.history.list().length, before, 'nothing was sent');
      const read = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, 0);
      assert.equal(read.response.status, 200);
      // A PowerQuery is POSTed, yet only reads.
      const query = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, indexOf('Grade levels'));
      assert.equal(query.response.status, 200);
      assert.equal(asked.length, 1, 'neither a GET nor a PowerQuery to production asks');
      api.runner.setConfirmer(async (reason) => (asked.push(reason), true));
      const sent = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', write.uri, 0);
      assert.ok(sent.response.status > 0, 'a yes sends the write');
      await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
      api.runner.setConfirmer(async (reason) => (asked.push(reason), false));
      assert.equal(await vscode.commands.executeCommand('powerschool.sendRequest', document.uri, indexOf('Marked for confirmation')), undefined);
      assert.match(asked.at(-1)!, /@confirm: reads the district again/);
    } finally {
      api.runner.setConfirmer(undefined);
      await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
      await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
    }
  });

  it('production guard: Enter on the question is Cancel, nothing says "sending" while it is open, and Send all asks once listing its writes', async () => {
    const sandbox = await api.services.sandbox.endpoint();
    const name = 'Runner production guard';
    await vscode.commands.executeCommand('powerschool.addConnection', { name, url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, production: true });
    const writes = await vscode.workspace.openTextDocument({
      language: 'psreq',
      content: 'GET /ws/v1/district\n\n###\nPOST /ws/schema/query/com.pearson.core.schools.grade_levels\nContent-Type: application/json\n\n{}\n\n###\nDELETE /ws/schema/table/u_studentsuserfields/999998\n\n###\nDELETE /ws/schema/table/u_studentsuserfields/999999\n',
    });
    try {
      await vscode.commands.executeCommand('powerschool.selectConnection', name);
      const before = api.runner.history.list().length;
      assert.equal(await answerEveryPromptWithEnter(vscode.commands.executeCommand('powerschool.sendRequest', writes.uri, 2)), undefined, 'Enter cancels');
      assert.equal(await answerEveryPromptWithEnter(vscode.commands.executeCommand('powerschool.sendAll', writes.uri)), undefined, 'Enter cancels Send all');
      assert.match(api.runner.lastError ?? '', /not sent/);
      assert.equal(api.runner.history.list().length, before, 'nothing was sent, not even the GET before the writes');

      const asked: { reason: string; requests: readonly string[]; sending: boolean }[] = [];
      api.runner.setConfirmer(async (reason, requests) => (asked.push({ reason, requests, sending: api.runner.sending }), true));
      const results = await vscode.commands.executeCommand<Shown[]>('powerschool.sendAll', writes.uri);
      assert.equal(results.length, 4, 'every request was sent');
      assert.deepEqual(results.slice(0, 2).map((result) => result.response.status), [200, 200]);
      assert.equal(asked.length, 1, 'asked once for the whole file');
      // A PowerQuery is POSTed, yet only reads: not among the writes.
      assert.deepEqual(asked[0]!.requests, ['DELETE /ws/schema/table/u_studentsuserfields/999998', 'DELETE /ws/schema/table/u_studentsuserfields/999999']);
      assert.match(asked[0]!.reason, /production server and DELETE/);
      assert.equal(asked[0]!.sending, false, 'the progress does not say "sending" while the question is open');
    } finally {
      api.runner.setConfirmer(undefined);
      await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
      await vscode.commands.executeCommand('powerschool.removeConnection', name, true);
    }
  });

  it('keeps a history without the token and reopens a response from it', async () => {
    const token = await (await api.services.clients.get()).accessToken();
    const entries = api.runner.history.list();
    assert.ok(entries.length >= 5);
    assert.ok(entries.length <= 100);
    assert.ok(!JSON.stringify(entries).includes(token), 'no token in the stored entries');
    const stored = api.services.context.globalState.get('powerschool.runner.history');
    assert.ok(!JSON.stringify(stored).includes(token));
    const district = entries.find((entry) => entry.name === 'district')!;
    await vscode.commands.executeCommand('powerschool.showHistory', district.id);
    const state = await waitFor('the reopened response', () => (api.runner.panel.current?.fromHistory && api.runner.panel.state?.rendered ? api.runner.panel.state : undefined), responseViewWaitMs);
    assert.equal(state.status, 200);
    assert.equal(state.rendered!.bodyKind, 'json');
    // Without an id the command asks in a quick pick, newest first.
    const picked = vscode.commands.executeCommand<{ id: string } | undefined>('powerschool.showHistory');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal((await picked)?.id, api.runner.history.list()[0].id);
  });

  it('copies as cURL with the token masked unless asked, and saves the body', async () => {
    await vscode.commands.executeCommand('powerschool.sendRequest', document.uri, 0);
    const token = await (await api.services.clients.get()).accessToken();
    const masked = await vscode.commands.executeCommand<string>('powerschool.copyResponseAsCurl');
    assert.match(masked, /^curl 'http:\/\/127\.0\.0\.1:\d+\/ws\/v1\/district' -H 'Accept: application\/json' -H "Authorization: Bearer \$PS_TOKEN"$/);
    assert.equal(await vscode.env.clipboard.readText(), masked);
    const withToken = await vscode.commands.executeCommand<string>('powerschool.copyResponseAsCurl', true);
    assert.ok(withToken.includes(`Bearer ${token}`));
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'psdev-save-')), 'district.json'));
    await vscode.commands.executeCommand('powerschool.saveResponse', target);
    assert.ok(JSON.parse(fs.readFileSync(target.fsPath, 'utf8')).district);
  });

  it('shows a large body cut short with "Open full" for the whole text', async () => {
    api.runner.panel.largeBodyBytes = 500;
    try {
      const result = await vscode.commands.executeCommand<Shown>('powerschool.sendRequest', document.uri, indexOf('Every school'));
      const state = await waitFor('the truncated view', () => (api.runner.panel.state?.rendered?.bodyKind === 'truncated' ? api.runner.panel.state : undefined), responseViewWaitMs);
      assert.equal(state.bodyKind, 'truncated');
      const full = await vscode.commands.executeCommand<vscode.TextDocument>('powerschool.openFullResponse');
      assert.equal(full.languageId, 'json');
      assert.deepEqual(JSON.parse(full.getText()), result.response.body);
    } finally {
      api.runner.panel.largeBodyBytes = 10 * 1024 * 1024;
    }
  });

  it('sends all requests of the file in order with Send all', async () => {
    api.runner.setConfirmer(async () => true);
    const results = await vscode.commands.executeCommand<Shown[]>('powerschool.sendAll', document.uri);
    // 'schools' has answered before, so the chained request reads that answer instead of running it first.
    assert.deepEqual(results.map((result) => result.request.index), [0, 1, 2, 3, 4, 5, 6]);
    assert.ok(results.every((result) => result.response.status === 200));
    api.runner.setConfirmer(undefined);
  });

  it('takes a screenshot of the response view', async () => {
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('powerschool.sendRequest', document.uri, indexOf('Students of the first school'));
    await waitFor('the response drawn', () => api.runner.panel.state?.rendered?.status === '200 OK' && api.runner.panel.state.title.includes('/student'), responseViewWaitMs);
    await vscode.commands.executeCommand('notifications.clearAll');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const picture = await takeScreenshot('response-view');
    if (picture) assert.equal(fs.readFileSync(picture).subarray(1, 4).toString(), 'PNG');
  });

  it('highlights a request line through the contributed grammar (vscode-textmate)', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const contribution = extension.packageJSON.contributes.grammars.find((grammar: { language: string }) => grammar.language === 'psreq');
    assert.equal(contribution.scopeName, 'source.psreq');
    assert.equal(contribution.embeddedLanguages['meta.embedded.block.json'], 'json');
    const wasm = fs.readFileSync(path.join(extension.extensionPath, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (text) => new oniguruma.OnigString(text) }),
      loadGrammar: async (scopeName) => (scopeName === 'source.psreq' ? parseRawGrammar(fs.readFileSync(path.join(extension.extensionPath, contribution.path), 'utf8'), contribution.path) : null),
    });
    const grammar = (await registry.loadGrammar('source.psreq'))!;
    const line = 'GET /ws/v1/district/student?q=name.last_name==JA*&pagesize={{pagesize}}';
    const tokens = grammar.tokenizeLine(line, INITIAL).tokens.map((token) => [line.slice(token.startIndex, token.endIndex), token.scopes.at(-1)]);
    const scope = (text: string) => tokens.find(([tokenText]) => tokenText === text)?.[1];
    assert.equal(scope('GET'), 'keyword.control.method.psreq');
    assert.equal(scope('student'), 'entity.name.tag.path-segment.psreq');
    assert.equal(scope('q'), 'variable.parameter.query-key.psreq');
    assert.equal(scope('name.last_name'), 'variable.other.property.field.q.psreq');
    assert.equal(scope('=='), 'keyword.operator.comparison.q.psreq');
    assert.ok(tokens.some(([text, name]) => text === 'pagesize' && name === 'variable.other.template.psreq'));
  });
});
