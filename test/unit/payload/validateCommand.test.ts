import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { validateCommand } from '../../../src/cli/commands/validate';
import { dispatch } from '../../../src/cli/dispatch';

const examples = join(process.cwd(), 'examples', 'payloads');
const catalog = join(examples, 'u_studentsuserfields.metadata.json');

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await dispatch([validateCommand], { argv: ['validate', ...argv], stdout, stderr, env: {}, cwd: examples, signal: new AbortController().signal });
  return { code, out, err };
}

/** The rules each example exists to show: every one must be reported. */
const expected: Record<string, string[]> = {
  'invalid-required.students.json': ['required', 'enum'],
  'invalid-status.students.json': ['both-enroll-status', 'status-on-insert', 'status-letter-case'],
  'invalid-insert-only-on-update.students.json': ['insert-only-on-update', 'read-only-field', 'id-on-insert'],
  'invalid-pairs.students.json': ['pair-missing'],
  'invalid-address.students.json': ['address-incomplete'],
  'invalid-dates.students.json': ['impossible-date', 'exit-before-entry', 'date-format'],
  'invalid-names.students.json': ['blank-name'],
  'invalid-duplicates.students.json': ['duplicate-client-uid', 'duplicate-local-id'],
  'invalid-grades.students.json': ['graduated-school', 'grade-level'],
  'invalid-types-lengths.students.json': ['type', 'max-length', 'enum', 'format', 'unknown-field'],
  'invalid-extension.students.json': ['unknown-extension-table', 'unknown-extension-field', 'column-length'],
  'invalid-syntax.students.json': ['json-syntax'],
  'invalid.ps-table.json': ['unknown-column', 'column-length', 'column-type'],
};

describe('psdev validate', () => {
  it('passes the valid examples with exit code 0 and no output', async () => {
    const result = await run(['--catalog', catalog, 'valid-insert.students.json', 'valid-update.students.json', 'valid.ps-table.json']);
    assert.equal(result.out, '');
    assert.equal(result.code, 0);
  });

  it('has an expectation for every invalid example', () => {
    const invalid = readdirSync(examples).filter((name) => name.startsWith('invalid'));
    assert.deepEqual(invalid.sort(), Object.keys(expected).sort());
  });

  for (const [file, codes] of Object.entries(expected)) {
    it(`reports ${codes.join(', ')} in ${file}`, async () => {
      const result = await run(['--catalog', catalog, '--json', file]);
      const [report] = JSON.parse(result.out) as { findings: { code: string; line: number; column: number }[] }[];
      const found = new Set(report!.findings.map((finding) => finding.code));
      for (const code of codes) assert.ok(found.has(code), `${file}: ${code} missing from ${[...found].join(', ')}`);
      // Constraints the schema states for VS Code (x-ps-rule) must not come back a second time.
      assert.ok(!found.has('schema'), `${file}: unmapped schema error`);
      const places = report!.findings.map((finding) => `${finding.line}:${finding.column}`);
      assert.equal(new Set(places).size, places.length, `${file}: two findings at one place: ${places.join(' ')}`);
      assert.ok(report!.findings.every((finding) => finding.line >= 1 && finding.column >= 1));
    });
  }

  it('prints file:line:col: severity: message and exits 1 on errors', async () => {
    const result = await run(['invalid-syntax.students.json']);
    assert.equal(result.code, 1);
    assert.equal(result.out, 'invalid-syntax.students.json:8:7: error: JSON syntax: a trailing comma is not allowed in JSON [json-syntax]\n');
  });

  it('exits 0 when there are only warnings', async () => {
    const result = await run(['invalid-insert-only-on-update.students.json']);
    assert.equal(result.code, 0);
    assert.match(result.out, /^invalid-insert-only-on-update\.students\.json:8:9: warning: local_id can only be set on INSERT/);
  });

  it('notes when a table body cannot be checked against columns, and honours --table', async () => {
    const plain = await run(['valid.ps-table.json']);
    assert.match(plain.err, /no --catalog/);
    assert.equal(plain.code, 0);
    const other = await run(['--table', 'u_other', 'valid.ps-table.json']);
    assert.match(other.out, /names table 'u_studentsuserfields' but the request is for 'u_other'/);
    assert.equal(other.code, 1);
  });

  it('reports unreadable files, unknown content and usage mistakes', async () => {
    const missing = await run(['nope.json']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.json: error: cannot read the file \(ENOENT\)/);
    const metadata = await run(['u_studentsuserfields.metadata.json']);
    assert.match(metadata.out, /:1:1: error: neither a student POST body/);
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--catalog', 'valid.ps-table.json', 'valid.ps-table.json'])).code, 2);
  });
});
