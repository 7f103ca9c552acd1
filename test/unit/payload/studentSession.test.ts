import * as assert from 'node:assert/strict';
import { createPayloadValidator, type TextEdit } from '../../../src/core/payload';
import { body, insertRecord, updateRecord } from './helpers';

function records(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({ ...updateRecord(), client_uid: `u${index}`, id: String(1000 + index) }));
}

function replace(text: string, find: string, by: string): { text: string; edit: TextEdit } {
  const start = text.indexOf(find);
  assert.ok(start >= 0, `${find} is in the text`);
  return { text: text.slice(0, start) + by + text.slice(start + find.length), edit: { start, end: start + find.length, newText: by } };
}

describe('payload: a student body being edited (StudentPayloadSession)', () => {
  const validator = createPayloadValidator();

  it('re-checks only the record an edit touched, and finds what a full check finds', () => {
    const session = validator.studentSession();
    const before = body(...records(200));
    assert.deepEqual(session.findings(before, 1), []);
    assert.deepEqual(session.lastRun, { checked: 200, reused: 0, wholeScan: true });
    const { text, edit } = replace(before, '"Stephaniia"', '""');
    session.edit(2, [edit]);
    const findings = session.findings(text, 2);
    assert.deepEqual(session.lastRun, { checked: 1, reused: 199, wholeScan: false }, 'only the edited stretch is scanned again');
    assert.deepEqual(findings, validator.validateStudentText(text));
    assert.deepEqual(findings.map((finding) => [finding.code, finding.pointer]), [['blank-name', '/students/student/0/name/last_name']]);
  });

  it('keeps the rules across records current: a duplicate client_uid typed into one record is found from the others\' kept keys', () => {
    const session = validator.studentSession();
    const before = body(...records(50));
    session.findings(before, 1);
    const { text, edit } = replace(before, '"u49"', '"u7"');
    session.edit(2, [edit]);
    const findings = session.findings(text, 2);
    assert.deepEqual(session.lastRun, { checked: 1, reused: 49, wholeScan: false });
    assert.deepEqual(findings.map((finding) => [finding.code, finding.pointer]), [['duplicate-client-uid', '/students/student/49/client_uid']]);
    assert.deepEqual(findings, validator.validateStudentText(text));
  });

  it('moves kept records when a record is inserted before them, and numbers them anew', () => {
    const session = validator.studentSession();
    const before = body(records(3)[0]!, { ...insertRecord(), client_uid: 'i1', name: { first_name: 'A', last_name: '' } });
    session.findings(before, 1);
    const at = before.indexOf('{', before.indexOf('['));
    const inserted = `${JSON.stringify({ ...updateRecord(), client_uid: 'new', id: 5 })},\n`;
    const text = before.slice(0, at) + inserted + before.slice(at);
    session.edit(2, [{ start: at, end: at, newText: inserted }]);
    const findings = session.findings(text, 2);
    assert.deepEqual(session.lastRun, { checked: 1, reused: 2, wholeScan: false });
    assert.deepEqual(findings, validator.validateStudentText(text));
    assert.ok(findings.some((finding) => finding.pointer === '/students/student/2/name/last_name'));
  });

  it('reports syntax errors while the text is broken, and after the repair re-checks only the repaired record', () => {
    const session = validator.studentSession();
    const before = body(...records(20));
    session.findings(before, 1);
    const broken = replace(before, '"u5",', '"u5"');
    session.edit(2, [broken.edit]);
    const syntax = session.findings(broken.text, 2);
    assert.deepEqual(syntax, validator.validateStudentText(broken.text));
    assert.ok(syntax.every((finding) => finding.code === 'json-syntax'));
    session.edit(3, [{ start: broken.edit.start, end: broken.edit.start + broken.edit.newText.length, newText: '"u5",' }]);
    assert.deepEqual(session.findings(before, 3), []);
    assert.deepEqual(session.lastRun, { checked: 1, reused: 19, wholeScan: false });
  });

  it('scans the whole text again after an edit outside the record array', () => {
    const session = validator.studentSession();
    const before = body(...records(3));
    session.findings(before, 1);
    const text = `{"$schema": "x", ${before.slice(1)}`;
    session.edit(2, [{ start: 1, end: 1, newText: '"$schema": "x", ' }]);
    assert.deepEqual(session.findings(text, 2), validator.validateStudentText(text));
    assert.deepEqual(session.lastRun, { checked: 0, reused: 3, wholeScan: true });
  });

  it('starts afresh when told of a version it did not see edits for, or of another extension catalog', () => {
    const session = validator.studentSession();
    const text = body(...records(5));
    session.findings(text, 1);
    session.findings(text, 1);
    assert.deepEqual(session.lastRun, { checked: 0, reused: 5, wholeScan: false });
    session.findings(text, 7);
    assert.deepEqual(session.lastRun, { checked: 5, reused: 0, wholeScan: true }, 'a gap in versions');
    session.findings(text, 7, { extensionCatalog: { tables: [] } });
    assert.deepEqual(session.lastRun, { checked: 5, reused: 0, wholeScan: true }, 'a different catalog');
  });
});
