import * as assert from 'node:assert/strict';
import { evaluateAssertion } from '../../../src/core/runner';
import { parseAssertion, type ParsedAssertion } from '../../../src/core/psreq';

const response = {
  status: 200,
  headers: { 'content-type': 'application/json;charset=UTF-8', 'x-count': '3' },
  body: { students: { student: { id: 7, name: { last_name: 'Smith' }, active: true } }, list: [1, 2], empty: null },
  timeMs: 120,
};
const check = (line: string) => evaluateAssertion(parseAssertion(line) as ParsedAssertion, response);

describe('assertions evaluated against a response', () => {
  const cases: [string, boolean][] = [
    ['?? status == 200', true], ['?? status != 200', false], ['?? status < 300', true], ['?? status >= 400', false],
    ['?? header content-type includes json', true], ['?? header Content-Type startsWith application/json', true], ['?? header content-type endsWith UTF-8', true],
    ['?? header x-missing exists', false], ['?? header x-count == 3', true], ['?? header content-type contains xml', false],
    ['?? body students.student.id == 7', true], ['?? body $.students.student.name.last_name == "Smith"', true], ['?? body students.student.name.last_name == Smith', true],
    ['?? body students.student[0].id == 7', true],
    ['?? body students.student isArray', true],
    ['?? body list isArray', true], ['?? body students isArray', false], ['?? body students isObject', true],
    ['?? body students.student.active isTrue', true], ['?? body students.student.active isFalse', false], ['?? body students.student.id isNumber', true],
    ['?? body students.student.name.last_name isString', true], ['?? body students.student.active isBoolean', true],
    ['?? body students.student.name.last_name matches ^Sm.th$', true], ['?? body nothing.here exists', false], ['?? body empty == null', true],
    ['?? body list == [1, 2]', true], ['?? body list.length == 2', true],
    ['?? duration < 500', true], ['?? duration > 500', false],
  ];
  for (const [line, passed] of cases) {
    it(`${line} → ${passed ? 'passes' : 'fails'}`, () => {
      const result = check(line);
      assert.equal(result.passed, passed, result.message);
    });
  }

  it('says what it found when an assertion fails', () => {
    assert.equal(check('?? status == 201').message, 'status is 200, expected == 201');
    assert.equal(check('?? body nothing.here exists').message, "the body has nothing at 'nothing.here'");
    assert.equal(check('?? header content-type includes xml').message, 'header content-type is "application/json;charset=UTF-8", expected includes xml');
  });

  it('notes the PowerSchool one-record rule when a single record stands for a list', () => {
    assert.match(check('?? body students.student isArray').message, /one record, returned as an object/);
  });
});
