import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './support/extension';
import { takeScreenshot } from './support/screenshot';

// Completion, diagnostics, quick fixes and hover in .psreq documents, asked of VS Code itself;
// live table columns and PowerQueries come from the embedded sandbox (the default connection).

async function open(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'psreq', content });
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position just after the first occurrence of `marker` (or `delta` characters into it). */
function cursorAfter(document: vscode.TextDocument, marker: string, delta = marker.length): vscode.Position {
  const index = document.getText().indexOf(marker);
  assert.ok(index >= 0, `'${marker}' is in the document`);
  return document.positionAt(index + delta);
}

async function labelsAt(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<{ labels: string[]; items: vscode.CompletionItem[] }> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger);
  const items = list.items;
  return { labels: items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)), items };
}

function docText(item: vscode.CompletionItem | undefined): string {
  const documentation = item?.documentation;
  return typeof documentation === 'string' ? documentation : documentation?.value ?? '';
}

async function diagnosticsWith(document: vscode.TextDocument, code: string): Promise<vscode.Diagnostic[]> {
  return waitFor(`a '${code}' diagnostic`, () => {
    const found = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.code === code);
    return found.length ? found : undefined;
  }, 20_000);
}

describe('psreq language assistance', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
    await api.services.sandbox.endpoint();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('suggests as you type inside .psreq strings (JSON bodies) and not from words in the file', () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'psreq' });
    assert.equal(editor.get<{ strings: string }>('quickSuggestions')?.strings, 'on');
    assert.equal(editor.get('wordBasedSuggestions'), 'off');
  });

  it('completes status letters with their meaning after an operator in a q= value', async () => {
    const document = await open('GET /ws/v1/district/student?q=school_enrollment.enroll_status==\n');
    const { labels, items } = await labelsAt(document, cursorAfter(document, 'enroll_status=='), '=');
    for (const letter of ['A', 'P', 'T', 'G', 'H', 'I']) assert.ok(labels.includes(letter), `status ${letter} offered (got ${labels.join(', ')})`);
    const active = items.find((item) => item.label === 'A');
    assert.match(`${active?.detail ?? ''} ${docText(active)}`, /Active/);
  });

  it('completes q field names on a continuation line, replacing the field typed so far', async () => {
    const document = await open('GET /ws/v1/district/student\n    ?q=school_enrollment.enroll_status==A;name.la\n    &pagesize=10\n');
    const position = cursorAfter(document, ';name.la');
    const { labels, items } = await labelsAt(document, position);
    assert.ok(labels.includes('name.last_name'), `name.last_name offered (got ${labels.slice(0, 20).join(', ')})`);
    const item = items.find((candidate) => candidate.label === 'name.last_name')!;
    const range = item.range as vscode.Range;
    assert.equal(document.getText(range), 'name.la');
  });

  it('completes table names from the live catalog in a path', async () => {
    const document = await open('GET /ws/schema/table/\n');
    const { labels } = await waitFor('live tables', async () => {
      const result = await labelsAt(document, cursorAfter(document, '/ws/schema/table/'), '/');
      return result.labels.includes('STUDENTS') ? result : undefined;
    });
    assert.ok(labels.includes('SCHOOLS'), 'more than one table');
  });

  it('completes path segments of the documented endpoints', async () => {
    const document = await open('GET /ws/v1/district/\n');
    const { labels, items } = await labelsAt(document, cursorAfter(document, '/ws/v1/district/'), '/');
    assert.ok(labels.includes('student') && labels.includes('school'), `got ${labels.join(', ')}`);
    assert.match(docText(items.find((item) => item.label === 'student')), /Students of the district/);
  });

  it('completes projection columns of the table from the sandbox', async () => {
    const document = await open('GET /ws/schema/table/students?projection=dcid,\n');
    const { labels, items } = await waitFor('live columns', async () => {
      const result = await labelsAt(document, cursorAfter(document, 'projection=dcid,'), ',');
      return result.labels.includes('last_name') ? result : undefined;
    });
    assert.ok(!labels.includes('dcid'), 'a column already listed is not offered again');
    assert.match(`${items.find((item) => item.label === 'last_name')?.detail}`, /STUDENTS column/);
  });

  it('completes live table columns inside /ws/schema/table/{t}?q=', async () => {
    const document = await open('GET /ws/schema/table/students?q=grade\n');
    const { labels } = await waitFor('live q fields', async () => {
      const result = await labelsAt(document, cursorAfter(document, '?q=grade'));
      return result.labels.includes('grade_level') ? result : undefined;
    });
    assert.ok(labels.includes('grade_level'));
  });

  it('shows the completion list in the editor as a user sees it (screenshot for the README)', async () => {
    const document = await open('### Active students named JA*\nGET /ws/v1/district/student\n    ?q=school_enrollment.enroll_status==A;name.\n    &expansions=demographics\n');
    const position = cursorAfter(document, ';name.');
    await waitFor('q field suggestions', async () => ((await labelsAt(document, position)).labels.includes('name.last_name') ? true : undefined));
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    // The widget opens asynchronously and has no API to wait on: give it a moment to paint.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await takeScreenshot('psreq-completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('completes parameter names valid for the endpoint', async () => {
    const document = await open('GET /ws/v1/district/student?q=local_id==1&\n');
    const { labels } = await labelsAt(document, cursorAfter(document, '&'), '&');
    assert.deepEqual([...labels].sort(), ['expansions', 'extensions', 'page', 'pagesize']);
  });

  it('reports an unknown q field at its exact range and applies the quick fix', async () => {
    const document = await open('### Students\nGET /ws/v1/district/student\n    ?q=school_enrollment.enroll_status==A;name.last_nam==JA*\n    &expansions=demographics\n');
    const [diagnostic] = await diagnosticsWith(document, 'unknown-field');
    assert.equal(document.getText(diagnostic.range), 'name.last_nam');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'powerschool-psreq');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => /name\.last_name/.test(action.title));
    assert.ok(fix?.edit, `a quick fix to name.last_name (got ${actions.map((action) => action.title).join(', ')})`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(document.getText(), /;name\.last_name==JA\*/);
    await waitFor('the diagnostic to go', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-field') || undefined);
  });

  it('keeps the diagnostics of every block right while edits split, merge and rename blocks (only the touched block is checked again)', async () => {
    const document = await open('@size = 10\n\n### one\n# @name first\nGET /ws/v1/district/student?q=name.last_nam==A&pagesize={{size}}\n\n### two\nGET /ws/v1/district/student?expansions=bogus&q=name.last_name=={{first.response.body.id}}\n');
    const shown = () => vscode.languages.getDiagnostics(document.uri).map((diagnostic) => `${diagnostic.code} ${document.getText(diagnostic.range)}`).sort();
    await waitFor('the first diagnostics', () => shown().length === 2 || undefined);
    assert.deepEqual(shown(), ['unknown-expansion bogus', 'unknown-field name.last_nam']);
    const edits: [string, string][] = [
      ['### two\n', '### two\n# @name first\n'],
      ['{{first.response.body.id}}', '{{first.response.body.id}}\n\n###\nGET /ws/v1/district/student?q=name.last_nam==B&pagesize={{sizes}}'],
      ['@size = 10', '@sizes = 10'],
      ['# @name first\nGET /ws/v1/district/student?q=name.last_nam==A', 'GET /ws/v1/district/student?q=name.last_nam==A'],
    ];
    const expected = [
      ['duplicate-name first', 'unknown-expansion bogus', 'unknown-field name.last_nam'],
      ['duplicate-name first', 'undefined-variable sizes', 'unknown-expansion bogus', 'unknown-field name.last_nam', 'unknown-field name.last_nam'],
      ['duplicate-name first', 'undefined-variable size', 'unknown-expansion bogus', 'unknown-field name.last_nam', 'unknown-field name.last_nam'],
      ['self-reference first.response.body.id', 'undefined-variable size', 'unknown-expansion bogus', 'unknown-field name.last_nam', 'unknown-field name.last_nam'],
    ];
    for (const [i, [from, to]] of edits.entries()) {
      const at = document.getText().indexOf(from);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      await waitFor(`the diagnostics after edit ${i}`, () => JSON.stringify(shown()) === JSON.stringify(expected[i]) || undefined, 20_000).catch(() => assert.deepEqual(shown(), expected[i], `after edit ${i}`));
    }
  });

  it('publishes, after edits that move blocks by lines and by characters, the diagnostics and quick fixes a fresh document gets', async () => {
    // The diagnostics of a block are kept while it starts on the same line: this compares them with a fresh check every time.
    const block = (i: number) => `### r${i}\nGET /ws/v1/district/student?q=name.last_nam==A${i}&expansions=bogus\n\n`;
    const document = await open(Array.from({ length: 6 }, (_, i) => block(i)).join(''));
    const shown = (of: vscode.TextDocument) => vscode.languages.getDiagnostics(of.uri).map((diagnostic) => `${diagnostic.code} ${of.offsetAt(diagnostic.range.start)}-${of.offsetAt(diagnostic.range.end)} ${of.getText(diagnostic.range)}`).sort();
    await waitFor('the first diagnostics', () => shown(document).length === 12 || undefined, 20_000);
    const edits: [string, string][] = [
      ['### r1\n', '### r1x\n'], // characters above the blocks below, no line
      ['### r2\n', '### r2\n# a comment\n'], // a line above the blocks below
      ['=A0&', '=A0&pagesize=5&'], // inside a block with findings: its own move within the line
      ['### r3\n', ''], // two blocks become one, and the rest move up a line
      ['\n### r5', '\n\n\n### r5'],
    ];
    for (const [i, [from, to]] of edits.entries()) {
      const at = document.getText().indexOf(from);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      const fresh = await open(document.getText());
      await waitFor(`the fresh document's diagnostics after edit ${i}`, () => shown(fresh).length > 0 || undefined, 20_000);
      const expected = JSON.stringify(shown(fresh));
      await vscode.window.showTextDocument(document);
      await waitFor(`the diagnostics after edit ${i}`, () => JSON.stringify(shown(document)) === expected || undefined, 20_000).catch(() => assert.deepEqual(shown(document), JSON.parse(expected), `after edit ${i}`));
    }
    // A quick fix of a block that moved applies where its diagnostic is.
    const last = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.code === 'unknown-field').sort((a, b) => b.range.start.line - a.range.start.line)[0]!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, last.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => /name\.last_name/.test(action.title));
    assert.ok(fix?.edit, `a quick fix to name.last_name (got ${actions.map((action) => action.title).join(', ')})`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(document.getText(), /### r5\nGET \/ws\/v1\/district\/student\?q=name\.last_name==A5&/);
  });

  it('reports unknown expansions, parameters, a page size above the maximum and live columns', async () => {
    const document = await open([
      'GET /ws/v1/district/student?expansions=demographics,school_enrolment&pagesize=500&sortby=x',
      '',
      '###',
      'GET /ws/schema/table/students?q=grade_levl==3&projection=dcid',
      '',
    ].join('\n'));
    const [expansion] = await diagnosticsWith(document, 'unknown-expansion');
    assert.equal(document.getText(expansion.range), 'school_enrolment');
    const [pagesize] = await diagnosticsWith(document, 'pagesize-above-maximum');
    assert.equal(document.getText(pagesize.range), '500');
    const [parameter] = await diagnosticsWith(document, 'unknown-parameter');
    assert.equal(document.getText(parameter.range), 'sortby');
    const [column] = await diagnosticsWith(document, 'unknown-field');
    assert.equal(document.getText(column.range), 'grade_levl');
    assert.match(column.message, /grade_level/);
  });

  it('checks PowerQuery $q in a JSON body against the query columns', async () => {
    const document = await open([
      'POST /ws/schema/query/com.pearson.core.guardian.student_guardian_detail',
      'Content-Type: application/json',
      '',
      '{ "$q": "students.dcid==1,students.dcid==2" }',
      '',
    ].join('\n'));
    const [or] = await diagnosticsWith(document, 'or-not-supported');
    assert.equal(document.getText(or.range), ',');
  });

  it('explains a q field, an expansion and a path segment on hover', async () => {
    const document = await open('GET /ws/v1/district/student?q=school_enrollment.enroll_status==A&expansions=demographics\n');
    const text = async (position: vscode.Position) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
    };
    assert.match(await text(cursorAfter(document, 'school_enrollment.enr')), /Active/);
    assert.match(await text(cursorAfter(document, 'expansions=demo')), /demographics.*expansion/s);
    assert.match(await text(cursorAfter(document, '/ws/v1/distr')), /district/i);
  });
});
