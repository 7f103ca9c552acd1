import { accessRequestLine } from '../grants';
import type { FieldGrant } from '../model';

/** One text replacement: `[start, end)` of the file becomes `newText`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The indentation of the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One indentation step as the file writes it: a tab, or the width of its first indented line (two spaces when unknown). */
function indentStep(text: string): string {
  const first = /\n([ \t]+)</.exec(text);
  if (!first) return '  ';
  return first[1]!.startsWith('\t') ? '\t' : first[1]!;
}

/**
 * The edit adding `<field>` lines for `grants` to plugin.xml's `<access_request>`: before its
 * closing tag, indented like the lines there; an empty `<access_request/>` is opened up, and a
 * plugin without one gets a new block before `</plugin>`. Grants already listed (names compared
 * case-insensitively, as PowerSchool does) are left out; undefined when nothing is missing.
 */
export function accessRequestEdit(pluginXml: string, grants: readonly FieldGrant[]): TextEdit | undefined {
  const listed = new Set([...pluginXml.matchAll(/<(?:\w+:)?field\b[^>]*>/g)].map((match) => grantKey(match[0])));
  const seen = new Set<string>();
  const missing = grants.filter((grant) => {
    const key = `${grant.table}.${grant.field}`.toLowerCase();
    if (listed.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!missing.length) return undefined;
  const step = indentStep(pluginXml);
  const lines = (indent: string) => missing.map((grant) => `${indent}${accessRequestLine(grant.table, grant.field, grant.access)}\n`).join('');

  const closing = /([ \t]*)<\/(?:\w+:)?access_request\s*>/g;
  let close: RegExpExecArray | null = null;
  for (let match = closing.exec(pluginXml); match; match = closing.exec(pluginXml)) close = match;
  if (close) {
    const ownLine = pluginXml.lastIndexOf('\n', close.index - 1) + 1 === close.index;
    // `</access_request>` on a line of its own: whole lines go before it; otherwise the line is broken first.
    if (ownLine) return { start: close.index, end: close.index, newText: lines(close[1]! + step) };
    const at = close.index + close[1]!.length;
    const indent = indentAt(pluginXml, at);
    return { start: at, end: at, newText: `\n${lines(indent + step)}${indent}` };
  }
  const empty = /<((?:\w+:)?access_request)\s*\/>/.exec(pluginXml);
  if (empty) {
    const indent = indentAt(pluginXml, empty.index);
    return { start: empty.index, end: empty.index + empty[0].length, newText: `<${empty[1]}>\n${lines(indent + step)}${indent}</${empty[1]}>` };
  }
  const plugin = /<\/(?:\w+:)?plugin\s*>/.exec(pluginXml);
  if (!plugin) return undefined;
  const lineStart = pluginXml.lastIndexOf('\n', plugin.index - 1) + 1;
  const onItsOwnLine = /^[ \t]*$/.test(pluginXml.slice(lineStart, plugin.index));
  const at = onItsOwnLine ? lineStart : plugin.index;
  return { start: at, end: at, newText: `${onItsOwnLine ? '' : '\n'}${step}<access_request>\n${lines(step + step)}${step}</access_request>\n` };
}

function grantKey(tag: string): string {
  const attribute = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  const table = attribute('table');
  const field = attribute('field');
  return `${table?.[1] ?? table?.[2] ?? ''}.${field?.[1] ?? field?.[2] ?? ''}`.trim().toLowerCase();
}

/**
 * The edit declaring `<arg name>` in the `<query>` spanning `[queryStart, queryEnd)` of a named
 * query file: into its `<args>` (or an empty `<args/>`), or a new `<args>` before `<columns>`
 * (real queries always put args before columns), else before `<sql>`.
 */
export function argDeclarationEdit(text: string, queryStart: number, queryEnd: number, name: string): TextEdit | undefined {
  const query = text.slice(queryStart, queryEnd);
  const step = indentStep(text);
  const arg = `<arg name="${name}" type="primitive" required="true" description=""/>`;
  const closeArgs = /([ \t]*)<\/(?:\w+:)?args\s*>/.exec(query);
  if (closeArgs) {
    const at = queryStart + closeArgs.index;
    const ownLine = text.lastIndexOf('\n', at) + 1 === at;
    const indent = closeArgs[1]! + step;
    return ownLine ? { start: at, end: at, newText: `${indent}${arg}\n` } : { start: at, end: at, newText: arg };
  }
  const emptyArgs = /<((?:\w+:)?args)\s*\/>/.exec(query);
  if (emptyArgs) {
    const at = queryStart + emptyArgs.index;
    const indent = indentAt(text, at);
    return { start: at, end: at + emptyArgs[0].length, newText: `<${emptyArgs[1]}>\n${indent}${step}${arg}\n${indent}</${emptyArgs[1]}>` };
  }
  const before = /<(?:\w+:)?(?:columns|sql)\b/.exec(query);
  if (!before) return undefined;
  const at = queryStart + before.index;
  const indent = indentAt(text, at);
  return { start: at, end: at, newText: `<args>\n${indent}${step}${arg}\n${indent}</args>\n${indent}` };
}
