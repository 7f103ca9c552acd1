import * as assert from 'node:assert/strict';
import { createPayloadValidator } from '../../../src/core/payload';
import { createLineIndex } from '../../../src/core/text';

const validator = createPayloadValidator();

describe('payload: JSON syntax errors', () => {
  it('reports a trailing comma at the closing brace', () => {
    const text = '{"students": {"student": {"client_uid": "1",}}}';
    const [finding, ...rest] = validator.validateStudentText(text);
    assert.equal(rest.length, 0);
    assert.equal(finding!.code, 'json-syntax');
    assert.equal(finding!.start, text.indexOf(',}') + 1);
    assert.match(finding!.message, /trailing comma/);
  });

  it('reports comments, single quotes and a missing brace with positions', () => {
    const comment = '{\n  // note\n  "students": {}\n}';
    const [commented] = validator.validateStudentText(comment);
    assert.equal(commented!.start, comment.indexOf('//'));
    assert.match(commented!.message, /comments are not allowed/);
    const quoted = "{'students': 1}";
    assert.match(validator.validateStudentText(quoted)[0]!.message, /double quotes/);
    const open = '{"students": {"student": {}';
    const findings = validator.validateStudentText(open);
    assert.ok(findings.length > 0 && findings.every((finding) => finding.code === 'json-syntax'));
    assert.equal(findings[0]!.start, open.length);
  });

  it('reports an empty payload, and counts offsets past a byte order mark', () => {
    assert.match(validator.validateStudentText('  \n')[0]!.message, /empty/);
    const text = '\ufeff{"students": {"student": {"client_uid": "1" "action": "INSERT"}}}';
    const [finding] = validator.validateStudentText(text);
    assert.equal(finding!.start, text.indexOf('"action"'));
    assert.equal(validator.validateStudentText('\ufeff' + JSON.stringify({ students: { student: { client_uid: '1', action: 'UPDATE', id: 1 } } })).length, 0);
  });

  it('converts offsets to 0-based lines and columns', () => {
    const at = createLineIndex('ab\ncd\r\nef');
    assert.deepEqual(at(0), { line: 0, column: 0 });
    assert.deepEqual(at(4), { line: 1, column: 1 });
    assert.deepEqual(at(7), { line: 2, column: 0 });
  });
});
