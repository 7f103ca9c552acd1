import type { PsreqRequest } from '../psreq';
import type { AssertionResult } from './assertions';
import { requestTitle } from './requests';
import type { RunResult } from './types';

// A `.psreq` request with `??` assertions is a test: what `psdev test` and the Test Explorer run.

/** Whether the request has `??` lines. */
export function isTestRequest(request: PsreqRequest): boolean {
  return (request.scripts ?? []).some((script) => script.kind === 'assertion');
}

/** A test's label: the `###` title, else `# @name`, else the request line. */
export function testLabel(request: PsreqRequest): string {
  return requestTitle(request) ?? request.name ?? `${request.method.text} ${request.url.text}`;
}

export interface TestOutcome {
  readonly label: string;
  readonly request: PsreqRequest;
  /** Absent when the request could not be sent (`error` says why). */
  readonly result?: RunResult;
  readonly error?: string;
}

export function testPassed(outcome: TestOutcome): boolean {
  return outcome.error === undefined && outcome.result !== undefined && outcome.result.response.status < 400 && (outcome.result.assertions ?? []).every((assertion) => assertion.passed);
}

/** The assertions that failed, and a failing status, as lines. */
export function failureLines(outcome: TestOutcome): string[] {
  if (outcome.error !== undefined) return [outcome.error];
  const lines: string[] = [];
  const response = outcome.result?.response;
  if (response && response.status >= 400) lines.push(`the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  for (const assertion of outcome.result?.assertions ?? []) if (!assertion.passed) lines.push(`${assertion.text}: ${assertion.message}`);
  return lines;
}

export interface TestSuite {
  /** The file as named on the command line (or relative to the workspace). */
  readonly file: string;
  /** 1-based line of an offset in the file, for the report. */
  readonly lineOf: (offset: number) => number;
  readonly outcomes: readonly TestOutcome[];
  readonly timeMs: number;
}

/**
 * The JUnit XML that CI systems read (Jenkins, GitLab, GitHub Actions reporters, Azure DevOps):
 * `<testsuites>` of one `<testsuite>` per file, one `<testcase>` per request with assertions,
 * `<failure>` for failed assertions or an error status, `<error>` for a request not sent.
 */
export function junitXml(suites: readonly TestSuite[], timestamp: Date): string {
  const count = (suite: TestSuite, kind: 'failure' | 'error') => suite.outcomes.filter((outcome) => (kind === 'error' ? outcome.error !== undefined : outcome.error === undefined && !testPassed(outcome))).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = (pick: (suite: TestSuite) => number) => suites.reduce((sum, suite) => sum + pick(suite), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="psdev test" tests="${total((suite) => suite.outcomes.length)}" failures="${total((suite) => count(suite, 'failure'))}" errors="${total((suite) => count(suite, 'error'))}" time="${seconds(total((suite) => suite.timeMs))}">`,
  ];
  suites.forEach((suite, id) => {
    lines.push(`  <testsuite id="${id}" name="${xml(suite.file)}" tests="${suite.outcomes.length}" failures="${count(suite, 'failure')}" errors="${count(suite, 'error')}" skipped="0" time="${seconds(suite.timeMs)}" timestamp="${timestamp.toISOString().replace(/\.\d+Z$/, '')}" hostname="localhost">`);
    for (const outcome of suite.outcomes) {
      const line = suite.lineOf(outcome.request.requestLineSpan.start);
      lines.push(`    <testcase name="${xml(outcome.label)}" classname="${xml(suite.file)}" time="${seconds(outcome.result?.response.timeMs ?? 0)}" file="${xml(suite.file)}" line="${line}">`);
      if (outcome.error !== undefined) {
        lines.push(`      <error message="${xml(outcome.error)}" type="not-sent">${xml(outcome.error)}</error>`);
      } else if (!testPassed(outcome)) {
        const failures = failureLines(outcome);
        lines.push(`      <failure message="${xml(failures[0] ?? 'failed')}" type="assertion">${xml(failures.join('\n'))}</failure>`);
      }
      if (outcome.result) lines.push(`      <system-out>${xml(systemOut(outcome.result, outcome.result.assertions ?? []))}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function systemOut(result: RunResult, assertions: readonly AssertionResult[]): string {
  const { request, response } = result;
  return [`${request.method} ${request.url}`, `${response.status} ${response.statusText} · ${Math.round(response.timeMs)} ms`, ...assertions.map((assertion) => `${assertion.passed ? 'passed' : 'FAILED'} ${assertion.text}${assertion.message ? ` (${assertion.message})` : ''}`)].join('\n');
}

/** Text fit for an XML attribute or element: escaped, characters XML 1.0 forbids left out. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
