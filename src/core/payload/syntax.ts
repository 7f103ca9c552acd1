// The ESM build: esbuild's default (main) field picks jsonc-parser's UMD build, whose
// dynamic require('./impl/…') breaks once bundled.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main';
import type { PayloadFinding } from './types';

/** Syntax errors reported one by one; junk yields one per character, so the rest are counted in one finding. */
export const maxSyntaxFindings = 100;

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly findings: PayloadFinding[] };

function describe(error: ParseError, text: string): string {
  const at = text.charAt(error.offset);
  switch (printParseErrorCode(error.error)) {
    case 'PropertyNameExpected':
    case 'ValueExpected':
      if (at === '}' || at === ']') return 'a trailing comma is not allowed in JSON';
      return printParseErrorCode(error.error) === 'ValueExpected' ? 'a value is expected here' : 'a property name in double quotes is expected here';
    case 'InvalidSymbol':
      return at === "'" ? 'strings need double quotes in JSON' : `unexpected character '${at}'`;
    case 'InvalidNumberFormat':
      return 'invalid number';
    case 'ColonExpected':
      return "':' is expected after the property name";
    case 'CommaExpected':
      return "',' is expected between members";
    case 'CloseBraceExpected':
      return "'}' is expected to close the object";
    case 'CloseBracketExpected':
      return "']' is expected to close the array";
    case 'EndOfFileExpected':
      return 'unexpected content after the end of the JSON value';
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return 'comments are not allowed in JSON';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'UnexpectedEndOfNumber':
      return 'unterminated number';
    case 'InvalidUnicode':
      return 'invalid \\u escape';
    case 'InvalidEscapeCharacter':
      return 'invalid escape character';
    case 'InvalidCharacter':
      return 'control characters must be escaped in strings';
    default:
      return 'invalid JSON';
  }
}

/**
 * Parses with the fast native parser; only when that fails does jsonc-parser run to say
 * where and why (strict JSON: no comments, no trailing commas), so valid payloads pay nothing extra.
 */
export function parseJson(text: string): ParsedJson {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = bom ? text.slice(1) : text;
  if (source.trim() === '') {
    return { ok: false, findings: [{ pointer: '', start: 0, end: text.length, severity: 'error', code: 'json-syntax', message: 'JSON syntax: the payload is empty' }] };
  }
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch {
    const errors: ParseError[] = [];
    parse(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const seen = new Set<string>();
    const findings: PayloadFinding[] = [];
    let more = 0;
    let lastKey = '';
    for (const error of errors) {
      const message = `JSON syntax: ${describe(error, source)}`;
      const key = `${error.offset}:${message}`;
      // jsonc-parser may report one mistake twice under different codes (a trailing comma).
      if (seen.has(key)) continue;
      if (findings.length >= maxSyntaxFindings) {
        if (key !== lastKey) more++;
        lastKey = key;
        continue;
      }
      seen.add(key);
      const start = error.offset + bom;
      findings.push({ pointer: '', start, end: start + Math.max(error.length, error.offset < source.length ? 1 : 0), severity: 'error', code: 'json-syntax', message });
    }
    if (more > 0) {
      const last = findings[findings.length - 1]!;
      findings.push({ pointer: '', start: last.start, end: last.end, severity: 'error', code: 'json-syntax', message: `JSON syntax: … and ${more} more errors after this one (not listed)` });
    }
    if (findings.length === 0) {
      findings.push({ pointer: '', start: 0, end: Math.min(1, text.length), severity: 'error', code: 'json-syntax', message: 'JSON syntax: invalid JSON' });
    }
    return { ok: false, findings };
  }
}
