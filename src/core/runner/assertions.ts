import { readPath, type ParsedAssertion, type Span } from '../psreq';

/** What an assertion is evaluated against. */
export interface AssertedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly timeMs: number;
}

export interface AssertionOutcome {
  readonly passed: boolean;
  /** Why it failed, or a note on how it passed. */
  readonly message: string;
}

/** One `??` line's result, where it is written. */
export interface AssertionResult extends AssertionOutcome {
  readonly text: string;
  readonly span: Span;
}

type Found = { found: true; value: unknown; note?: string } | { found: false; message: string };

/** Evaluates one parsed `??` line against a response. */
export function evaluateAssertion(assertion: ParsedAssertion, response: AssertedResponse): AssertionOutcome {
  const subject = subjectOf(assertion, response);
  const label = assertion.target === 'header' ? `header ${assertion.argument}` : assertion.target === 'body' ? (assertion.argument ? `body ${assertion.argument}` : 'the body') : assertion.target;
  if (assertion.operator === 'exists') return subject.found ? { passed: true, message: '' } : { passed: false, message: subject.message };
  if (!subject.found) return { passed: false, message: subject.message };
  const actual = subject.value;
  const passed = compare(assertion, actual, subject.note !== undefined);
  const expectation = `${assertion.operator}${assertion.expected !== undefined ? ` ${assertion.expected}` : ''}`;
  return { passed, message: passed ? (subject.note ?? '') : `${label} is ${shown(actual)}, expected ${expectation}` };
}

function subjectOf(assertion: ParsedAssertion, response: AssertedResponse): Found {
  switch (assertion.target) {
    case 'status':
      return { found: true, value: response.status };
    case 'duration':
      return { found: true, value: response.timeMs };
    case 'header': {
      const name = assertion.argument!.toLowerCase();
      const header = Object.entries(response.headers).find(([key]) => key.toLowerCase() === name);
      return header ? { found: true, value: header[1] } : { found: false, message: `the response has no header '${assertion.argument}'` };
    }
    case 'body':
      return bodyAt(response.body, assertion.argument);
  }
}

/** The value at a body path; `.length` of a list or text; a one-record object where a list is expected. */
function bodyAt(body: unknown, path: string | undefined): Found {
  if (path === undefined) return body === undefined ? { found: false, message: 'the response has no body' } : { found: true, value: body };
  const length = /^(.*)\.length$/.exec(path);
  if (length) {
    const base = readPath(body, length[1]!);
    if (base.found && (Array.isArray(base.value) || typeof base.value === 'string')) return { found: true, value: base.value.length };
  }
  const read = readPath(body, path);
  if (!read.found) return { found: false, message: `the body has nothing at '${path}'` };
  return { found: true, value: read.value, ...(isOneRecord(path, read.value) ? { note: 'one record, returned as an object (PowerSchool sends a single record that way)' } : {}) };
}

/**
 * PowerSchool returns a list of one as the record itself: `students.student` is an object then.
 * Recognised by the record key under its plural wrapper (`students.student`, `schools.school`) or `record`.
 */
function isOneRecord(path: string, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = path.replace(/^\$\.?/, '').split('.').filter(Boolean);
  const last = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  return last === 'record' || (last !== undefined && parent !== undefined && (parent === `${last}s` || parent === `${last}es`));
}

function compare(assertion: ParsedAssertion, actual: unknown, oneRecord: boolean): boolean {
  const expectedText = assertion.expected ?? '';
  switch (assertion.operator) {
    case 'isTrue': return actual === true || actual === 'true';
    case 'isFalse': return actual === false || actual === 'false';
    case 'isNumber': return typeof actual === 'number' || (typeof actual === 'string' && actual.trim() !== '' && Number.isFinite(Number(actual)));
    case 'isBoolean': return typeof actual === 'boolean';
    case 'isString': return typeof actual === 'string';
    case 'isArray': return Array.isArray(actual) || oneRecord;
    case 'isObject': return actual !== null && typeof actual === 'object' && !Array.isArray(actual);
    case '==': return equal(actual, expectedText);
    case '!=': return !equal(actual, expectedText);
    case '<': case '<=': case '>': case '>=': {
      const left = Number(actual);
      const right = Number(expectedText);
      if (!Number.isFinite(left) || !Number.isFinite(right)) return false;
      return assertion.operator === '<' ? left < right : assertion.operator === '<=' ? left <= right : assertion.operator === '>' ? left > right : left >= right;
    }
    case 'startsWith': return text(actual).startsWith(unquoted(expectedText));
    case 'endsWith': return text(actual).endsWith(unquoted(expectedText));
    case 'includes': case 'contains':
      return Array.isArray(actual) ? actual.some((item) => equal(item, expectedText)) : text(actual).includes(unquoted(expectedText));
    case 'matches':
      try {
        return new RegExp(unquoted(expectedText)).test(text(actual));
      } catch {
        return false;
      }
    case 'exists': return true;
  }
}

/** `200`, `"text"`, `[1, 2]`, `null` compare as JSON; anything else as the text written. */
function equal(actual: unknown, expected: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(expected);
  } catch {
    return text(actual) === expected;
  }
  if (typeof actual === 'string' && typeof parsed !== 'string') return actual === expected;
  return JSON.stringify(actual) === JSON.stringify(parsed);
}

function unquoted(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function shown(value: unknown): string {
  const rendered = JSON.stringify(value) ?? String(value);
  return rendered.length > 120 ? `${rendered.slice(0, 117)}…` : rendered;
}
