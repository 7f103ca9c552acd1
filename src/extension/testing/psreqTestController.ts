import * as vscode from 'vscode';
import { isAbortError } from '../../core/client';
import { RunError, failureLines, isTestRequest, statusLine, testLabel, testPassed, type TestOutcome } from '../../core/runner';
import type { RunnerController } from '../runner';
import type { Services } from '../services';
import { describeError } from '../util/errors';
import { Disposables } from '../util/disposables';
import { rangeOf } from '../util/positions';

/**
 * Every `.psreq` request with `??` assertions as a test in VS Code's Test Explorer: found when a
 * file is opened or saved (and in the workspace on first look), run one, a file or all, the
 * result marked at the failing assertion's line, the response in the test output.
 */
export class PsreqTestController extends Disposables {
  readonly controller = this.track(vscode.tests.createTestController('powerschool.psreq', 'PowerSchool .psreq'));
  readonly runProfile: vscode.TestRunProfile;
  /** How each test's last run ended and the lines its messages point at (tests read it). */
  readonly lastOutcomes = new Map<string, { readonly state: 'passed' | 'failed' | 'errored'; readonly lines: readonly number[] }>();

  constructor(
    private readonly services: Services,
    private readonly runner: RunnerController,
  ) {
    super(services.log.for('tests'));
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discoverWorkspace();
    };
    this.controller.refreshHandler = () => this.discoverWorkspace();
    this.runProfile = this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.track(vscode.workspace.onDidOpenTextDocument((document) => this.discover(document)));
    this.track(vscode.workspace.onDidSaveTextDocument((document) => this.discover(document)));
    // After activate() returns: the extension activates on opening a .psreq file, and parsing the
    // open ones here (a 1 MB file is ~35 ms) would hold up everything VS Code waits on activation for.
    const openAtStart = setImmediate(() => {
      for (const document of vscode.workspace.textDocuments) this.discover(document);
    });
    this.track({ dispose: () => clearImmediate(openAtStart) });
  }

  /** The workspace's .psreq files, read from disk. */
  async discoverWorkspace(): Promise<void> {
    for (const uri of await vscode.workspace.findFiles('**/*.psreq', '**/node_modules/**')) {
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
      this.discover(open ?? (await vscode.workspace.openTextDocument(uri)));
    }
  }

  /** The file's tests, replacing what was known of it. */
  discover(document: vscode.TextDocument): vscode.TestItem | undefined {
    if (document.languageId !== 'psreq' || document.uri.scheme === 'git') return undefined;
    const parsed = this.services.psreq.get(document);
    const key = document.uri.toString();
    const tests = parsed.requests.filter(isTestRequest);
    if (tests.length === 0) {
      this.controller.items.delete(key);
      return undefined;
    }
    const file = this.controller.items.get(key) ?? this.controller.createTestItem(key, vscode.workspace.asRelativePath(document.uri), document.uri);
    file.children.replace(tests.map((request) => {
      const item = this.controller.createTestItem(`${key}#${request.index}`, testLabel(request), document.uri);
      item.range = rangeOf(document, request.requestLineSpan.start, request.requestLineSpan.end);
      return item;
    }));
    this.controller.items.add(file);
    return file;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const files = new Map<string, vscode.TestItem[]>();
      const queue = request.include ?? [...this.leaves(this.controller.items)];
      for (const item of queue) {
        const tests = item.children.size > 0 ? this.leaves(item.children) : [item];
        for (const test of tests) {
          if (request.exclude?.includes(test)) continue;
          const key = test.uri!.toString();
          files.set(key, [...(files.get(key) ?? []), test]);
          run.enqueued(test);
        }
      }
      for (const [key, tests] of files) await this.runFile(vscode.Uri.parse(key), tests, run, abort.signal);
    } finally {
      cancel.dispose();
      run.end();
    }
  }

  private async runFile(uri: vscode.Uri, tests: vscode.TestItem[], run: vscode.TestRun, signal: AbortSignal): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const parsed = this.services.psreq.get(document);
    const runner = await this.runner.runnerOf(document);
    for (const test of tests) {
      if (signal.aborted) {
        run.skipped(test);
        continue;
      }
      const index = Number(test.id.slice(test.id.lastIndexOf('#') + 1));
      const request = parsed.requests[index];
      if (!request || !runner) {
        run.errored(test, new vscode.TestMessage(runner ? 'This request is no longer in the file: run the tests again.' : this.runner.lastError ?? 'The connection cannot be reached.'));
        this.lastOutcomes.set(test.id, { state: 'errored', lines: [] });
        continue;
      }
      run.started(test);
      let outcome: TestOutcome;
      try {
        outcome = { label: test.label, request, result: await runner.run(index, signal) };
      } catch (error) {
        if (isAbortError(error) || signal.aborted) {
          run.skipped(test);
          continue;
        }
        outcome = { label: test.label, request, error: describeError(error) };
        const at = error instanceof RunError && error.start !== undefined ? new vscode.Location(uri, rangeOf(document, error.start, error.end ?? error.start)) : new vscode.Location(uri, test.range!);
        const message = new vscode.TestMessage(outcome.error!);
        message.location = at;
        run.errored(test, message);
        this.lastOutcomes.set(test.id, { state: 'errored', lines: [at.range.start.line] });
        continue;
      }
      this.report(run, test, outcome, document);
    }
  }

  private report(run: vscode.TestRun, test: vscode.TestItem, outcome: TestOutcome, document: vscode.TextDocument): void {
    const result = outcome.result!;
    const lines = [`${result.request.method} ${result.request.url}`, statusLine(result), ...(result.assertions ?? []).map((assertion) => `${assertion.passed ? '✓' : '✗'} ${assertion.text}${assertion.message ? ` (${assertion.message})` : ''}`), ''];
    run.appendOutput(lines.join('\r\n'), new vscode.Location(document.uri, test.range!), test);
    if (testPassed(outcome)) {
      run.passed(test, result.response.timeMs);
      this.lastOutcomes.set(test.id, { state: 'passed', lines: [] });
      return;
    }
    const messages: vscode.TestMessage[] = [];
    for (const assertion of result.assertions ?? []) {
      if (assertion.passed) continue;
      const message = new vscode.TestMessage(`${assertion.text}: ${assertion.message}`);
      message.location = new vscode.Location(document.uri, rangeOf(document, assertion.span.start, assertion.span.end));
      messages.push(message);
    }
    if (messages.length === 0) {
      const message = new vscode.TestMessage(failureLines(outcome).join('\n'));
      message.location = new vscode.Location(document.uri, test.range!);
      messages.push(message);
    }
    run.failed(test, messages, result.response.timeMs);
    this.lastOutcomes.set(test.id, { state: 'failed', lines: messages.map((message) => message.location!.range.start.line) });
  }

  private leaves(collection: vscode.TestItemCollection): vscode.TestItem[] {
    const items: vscode.TestItem[] = [];
    collection.forEach((item) => items.push(...(item.children.size > 0 ? this.leaves(item.children) : [item])));
    return items;
  }
}
