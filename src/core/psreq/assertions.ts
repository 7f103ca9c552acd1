// httpyac's `??` assertion lines: `?? status == 200`, `?? header content-type includes json`,
// `?? body students.student isArray`, `?? duration < 500`.

export type AssertionTarget = 'status' | 'header' | 'body' | 'duration';

export const assertionOperators = ['==', '!=', '<=', '>=', '<', '>', 'startsWith', 'endsWith', 'includes', 'contains', 'matches', 'exists', 'isTrue', 'isFalse', 'isNumber', 'isBoolean', 'isString', 'isArray', 'isObject'] as const;
export type AssertionOperator = (typeof assertionOperators)[number];

/** Operators that take no value after them. */
const unaryOperators = new Set<string>(['exists', 'isTrue', 'isFalse', 'isNumber', 'isBoolean', 'isString', 'isArray', 'isObject']);
const operatorSet = new Set<string>(assertionOperators);
const targets = new Set<string>(['status', 'header', 'body', 'duration']);
// httpyac targets that run JavaScript or XPath: never run here.
const unsupportedTargets = new Set(['js', 'xpath', 'sha256', 'sha512', 'md5', 'sha1']);

export interface ParsedAssertion {
  readonly target: AssertionTarget;
  /** A header's name or a body path (JSONPath, `$.` optional). */
  readonly argument?: string;
  readonly operator: AssertionOperator;
  /** As written: JSON (`200`, `"text"`, `[1]`, `null`) or plain text. */
  readonly expected?: string;
}

/** Reads one `?? …` line (the `??` included). */
export function parseAssertion(line: string): ParsedAssertion | { readonly error: string } {
  const body = line.trim().replace(/^\?\?\s*/, '');
  const words = [...body.matchAll(/\S+/g)];
  const target = words[0]?.[0] ?? '';
  if (unsupportedTargets.has(target)) return { error: `'?? ${target}' assertions are not supported (.psreq runs no scripts): use status, header, body or duration` };
  if (!targets.has(target)) return { error: `an assertion reads '?? status|header|body|duration [name or path] operator [value]', e.g. ?? status == 200 (not '${target}'): use status, header, body or duration` };
  const operatorIndex = words.findIndex((word, index) => index > 0 && operatorSet.has(word[0]));
  if (operatorIndex < 0) return { error: `'?? ${target}' needs an operator: ${assertionOperators.join(', ')}` };
  const operator = words[operatorIndex]![0] as AssertionOperator;
  const argument = words.slice(1, operatorIndex).map((word) => word[0]).join(' ');
  const after = words[operatorIndex + 1];
  const expected = after ? body.slice(after.index) : undefined;
  if (target === 'header' && !argument) return { error: "'?? header' needs the header's name, e.g. ?? header content-type includes json" };
  if ((target === 'status' || target === 'duration') && argument) return { error: `'?? ${target}' takes no name or path: ?? ${target} ${operator} …` };
  if (!unaryOperators.has(operator) && expected === undefined) return { error: `'${operator}' needs a value after it` };
  if (unaryOperators.has(operator) && expected !== undefined) return { error: `'${operator}' takes no value` };
  return { target: target as AssertionTarget, ...(argument ? { argument } : {}), operator, ...(expected !== undefined ? { expected } : {}) };
}
