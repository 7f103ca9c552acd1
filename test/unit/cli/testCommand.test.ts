import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox';
import { psdev } from '../../support/psdev';

interface XmlElement { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }

/** A strict XML 1.0 parse into elements (saxes throws on anything malformed). */
function parseXml(text: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (value) => (stack[stack.length - 1]!.text += value));
  parser.on('closetag', () => stack.pop());
  parser.write(text).close();
  assert.equal(stack[0]!.children.length, 1);
  return stack[0]!.children[0]!;
}

/**
 * The shape CI systems read (the Jenkins/Ant JUnit schema): testsuites > testsuite > testcase,
 * counts that add up, times as decimal seconds, failure/error with a message, system-out.
 */
function assertJUnitShape(root: XmlElement): void {
  assert.equal(root.name, 'testsuites');
  const number = (value: string | undefined) => {
    assert.match(value ?? '', /^\d+$/);
    return Number(value);
  };
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const suite of root.children) {
    assert.equal(suite.name, 'testsuite');
    for (const attribute of ['name', 'tests', 'failures', 'errors', 'time', 'timestamp']) assert.ok(attribute in suite.attributes, `testsuite@${attribute}`);
    assert.match(suite.attributes.timestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.match(suite.attributes.time!, /^\d+(\.\d+)?$/);
    const cases = suite.children.filter((child) => child.name === 'testcase');
    assert.equal(cases.length, number(suite.attributes.tests));
    assert.equal(cases.filter((c) => c.children.some((child) => child.name === 'failure')).length, number(suite.attributes.failures));
    assert.equal(cases.filter((c) => c.children.some((child) => child.name === 'error')).length, number(suite.attributes.errors));
    for (const testcase of cases) {
      for (const attribute of ['name', 'classname', 'time']) assert.ok(attribute in testcase.attributes, `testcase@${attribute}`);
      for (const child of testcase.children) {
        assert.ok(['failure', 'error', 'skipped', 'system-out', 'system-err'].includes(child.name), child.name);
        if (child.name === 'failure' || child.name === 'error') assert.ok(child.attributes.message, `${child.name}@message`);
      }
    }
    tests += cases.length;
    failures += number(suite.attributes.failures);
    errors += number(suite.attributes.errors);
  }
  assert.equal(number(root.attributes.tests), tests);
  assert.equal(number(root.attributes.failures), failures);
  assert.equal(number(root.attributes.errors), errors);
}

describe('psdev test', () => {
  let sandbox: SandboxHandle;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({ students: 30, schools: 1 });
    env = { PS_URL: sandbox.url, PS_CLIENT_ID: sandbox.clientId, PS_CLIENT_SECRET: sandbox.clientSecret };
    dir = mkdtempSync(join(tmpdir(), 'psdev-test-'));
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes a suite whose assertions hold and exits 0', async () => {
    const folder = join(dir, 'green');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.psreq'), '### count\nGET /ws/v1/district/student/count\n?? status == 200\n?? body resource.count == 30\n\n###\n# no assertions: not a test\nGET /ws/v1/district\n');
    const result = await psdev(['test', folder], env, dir);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /^green\/a\.psreq\n  ✓ count \(\d+ ms\)\n$/);
    assert.match(result.stderr, /1 test\(s\) in 1 file\(s\): 1 passed, 0 failed/);
  });

  it('exits 1 on a failing assertion, naming it, and writes a JUnit report CI systems read', async () => {
    const file = join(dir, 'red.psreq');
    writeFileSync(file, '### ok\nGET /ws/v1/district\n?? status == 200\n\n### wrong count <&>\nGET /ws/v1/district/student/count\n?? body resource.count == 31\n\n### missing\nGET /ws/v1/student/{{nothing}}\n?? status == 200\n');
    const result = await psdev(['test', 'red.psreq', '--reporter', 'junit', '--out', 'report.xml'], env, dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /✗ wrong count <&>/);
    assert.match(result.stdout, /red\.psreq:6: \?\? body resource\.count == 31: body resource\.count is 30, expected == 31/);
    const report = parseXml(readFileSync(join(dir, 'report.xml'), 'utf8'));
    assertJUnitShape(report);
    const [suite] = report.children;
    assert.deepEqual(suite!.children.map((c) => [c.attributes.name, c.children.filter((child) => child.name !== 'system-out').map((child) => child.name)]), [['ok', []], ['wrong count <&>', ['failure']], ['missing', ['error']]]);
    assert.equal(suite!.children[1]!.attributes.line, '6');
  });

  it('runs with --sandbox and --env, and refuses a reporter without --out', async () => {
    const folder = join(dir, 'env');
    mkdirSync(folder);
    writeFileSync(join(folder, 'http-client.env.json'), '{"ci": {"expected": "200"}}');
    writeFileSync(join(folder, 'e.psreq'), 'GET /ws/v1/district\n?? status == {{expected}}\n');
    assert.equal((await psdev(['test', join(folder, 'e.psreq'), '--sandbox', '--env', 'ci'])).code, 0);
    assert.equal((await psdev(['test', join(folder, 'e.psreq'), '--reporter', 'junit'], env)).code, 2);
  });
});
