import type { ElementSource, Plugin, PluginEdit } from '../model';

// Edits that add elements to a plugin file in its own style: the indentation of the lines around,
// tabs if the file uses them.

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

function indentUnit(text: string): string {
  return /\n\t/.test(text) ? '\t' : '  ';
}

/** Adds `lines` (element texts, one per line) as the last children of `parent` (named `name`), expanding `<parent/>` if need be. */
export function appendChildren(file: string, text: string, parent: ElementSource, name: string, lines: readonly string[]): PluginEdit {
  const { range, startTagRange, contentRange } = parent;
  const indent = indentAt(text, range.start.offset);
  const childIndent = indent + indentUnit(text);
  const body = lines.map((line) => `${childIndent}${line}\n`).join('');
  if (text.slice(startTagRange.start.offset, startTagRange.end.offset).endsWith('/>') && range.end.offset === startTagRange.end.offset) {
    const tag = text.slice(startTagRange.start.offset, startTagRange.end.offset).replace(/\s*\/>$/, '>');
    return { file, start: range.start.offset, end: range.end.offset, newText: `${tag}\n${body}${indent}</${name}>` };
  }
  const endTag = contentRange.end.offset;
  const before = text.slice(lineStart(text, endTag), endTag);
  if (before.trim() === '') return { file, start: lineStart(text, endTag), end: lineStart(text, endTag), newText: body };
  return { file, start: endTag, end: endTag, newText: `\n${body}${indent}` };
}

/** Inserts `lines` (an element spread over lines) just before `sibling`, at its indentation. */
export function insertBefore(file: string, text: string, sibling: ElementSource, lines: readonly string[]): PluginEdit {
  const at = sibling.range.start.offset;
  const indent = indentAt(text, at);
  const ownLine = text.slice(lineStart(text, at), at).trim() === '';
  const unit = indentUnit(text);
  const body = lines.map((line, i) => `${i === 0 && !ownLine ? '' : indent}${line.replace(/^\t/, unit)}\n`).join('');
  return ownLine ? { file, start: lineStart(text, at), end: lineStart(text, at), newText: body } : { file, start: at, end: at, newText: `${body}${indent}` };
}

export { indentUnit };

/** The text of a file that fixes may edit: not one that is malformed, where element ranges are guesses. */
export function editableText(plugin: Plugin, file: string | undefined): string | undefined {
  if (file === undefined || plugin.findings.some((finding) => finding.file === file && finding.code === 'malformed-xml')) return undefined;
  return plugin.files.find((each) => each.path === file)?.text;
}
