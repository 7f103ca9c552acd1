import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';
import { activateExtension, answerEveryPromptWithEnter, extensionId, waitFor } from './support/extension';
import { takeScreenshot } from './support/screenshot';

// First run (issue 17): the Getting Started walkthrough, the examples reachable from the
// extension itself, the .psreq file icon and the request snippets.

interface Step { id: string; title: string; description: string; media: { markdown?: string } }
interface Link { command: string; args: unknown[] }

/** The `command:` links of a walkthrough step, with their decoded arguments. */
function linksOf(step: Step): Link[] {
  return [...step.description.matchAll(/\]\(command:([\w.]+)(?:\?([^)]+))?\)/g)].map(([, command, query]) => ({
    command: command!,
    args: query ? (JSON.parse(decodeURIComponent(query)) as unknown[]) : [],
  }));
}

/** Links that open a prompt a person answers (their command is checked to exist, not run). */
const asksForInput = new Set(['powerschool.addConnection']);

describe('first run', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  const manifest = () => vscode.extensions.getExtension(extensionId)!.packageJSON;
  const root = () => vscode.extensions.getExtension(extensionId)!.extensionPath;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('powerschool.selectConnection', 'Local sandbox');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Getting Started walkthrough connects, browses, sends, validates and writes a plugin query; every link runs (screenshot)', async () => {
    const [walkthrough] = manifest().contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.deepEqual(walkthrough!.steps.map((step) => step.id), ['connect', 'browse', 'send', 'validate', 'plugin']);
    const known = new Set(await vscode.commands.getCommands(true));
    const ran: string[] = [];
    for (const step of walkthrough!.steps) {
      assert.ok(fs.existsSync(path.join(root(), step.media.markdown!)), `${step.id}: ${step.media.markdown} is shipped`);
      const links = linksOf(step);
      assert.ok(links.length > 0, `${step.id} has a button`);
      for (const link of links) {
        assert.ok(known.has(link.command), `${step.id}: ${link.command} is a command`);
        if (asksForInput.has(link.command)) continue;
        const failure = api.services.commands.lastFailure;
        await answerEveryPromptWithEnter(vscode.commands.executeCommand(link.command, ...link.args));
        assert.equal(api.services.commands.lastFailure, failure, `${step.id}: ${link.command} ${JSON.stringify(link.args)} failed: ${api.services.commands.lastFailure?.message}`);
        ran.push(`${link.command}${link.args.length ? ` ${JSON.stringify(link.args)}` : ''}`);
      }
    }
    assert.ok(ran.includes('powerschool.openExample ["students.psreq"]'));
    const opened = vscode.workspace.textDocuments.map((document) => path.relative(path.join(root(), 'examples'), document.uri.fsPath));
    for (const example of ['students.psreq', path.join('payloads', 'invalid-required.students.json'), path.join('no-access', 'plugin.xml')]) assert.ok(opened.includes(example), `${example} opened`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#gettingStarted`, false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await takeScreenshot('walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Example opens a request from the extension\'s own examples, and asks which one from the palette', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('powerschool.openExample', 'students.psreq');
    assert.equal(document.uri.fsPath, path.join(root(), 'examples', 'students.psreq'));
    assert.equal(document.languageId, 'psreq');
    const picked = await answerEveryPromptWithEnter(vscode.commands.executeCommand<vscode.TextDocument>('powerschool.openExample'));
    assert.match(picked.uri.fsPath, /examples[\\/].+\.psreq$/, 'the first offered is a request file');
    assert.equal(await vscode.commands.executeCommand('powerschool.openExample', '../package.json'), undefined);
    assert.match(api.services.commands.lastFailure?.message ?? '', /not a file of the examples/);
  });

  it('.psreq files have their own icon', () => {
    const language = (manifest().contributes.languages as { id: string; icon?: { light: string; dark: string } }[]).find((candidate) => candidate.id === 'psreq');
    assert.ok(language?.icon, 'the psreq language names an icon');
    for (const file of [language.icon.light, language.icon.dark]) assert.match(fs.readFileSync(path.join(root(), file), 'utf8'), /^<svg /);
  });

  it('each snippet (students by status, a PowerQuery, a student POST) inserts a request with no problems that the sandbox answers with 200', async () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(root(), 'media', 'psreq.snippets.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(snippets), ['Students by enrollment status', 'PowerQuery', 'Student POST (insert)']);
    for (const name of Object.keys(snippets)) {
      const document = await vscode.workspace.openTextDocument({ language: 'psreq', content: '' });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'psreq', name });
      await waitFor(`the snippet '${name}'`, () => document.getText().length > 0 || undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const problems = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning);
      assert.deepEqual(problems.map((problem) => `${problem.range.start.line + 1}: ${problem.message}`), [], `${name}:\n${document.getText()}`);
      const shown = await vscode.commands.executeCommand<{ response: { status: number } } | undefined>('powerschool.sendRequest', document.uri, 0);
      assert.equal(shown?.response.status, 200, `${name}: ${api.runner.lastError}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
