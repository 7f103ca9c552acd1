import { SaxesParser } from 'saxes';
import { rangeMaker, type RangeMaker, type SourceRange } from './source';

/** One attribute as written: the decoded value, and where its name and its value (inside the quotes) sit. */
export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
  /** From the name to the closing quote. */
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
  /** Inside the quotes (empty for `x=""`). */
  readonly valueRange: SourceRange;
}

/** A CDATA section: its content exactly as in the file (line breaks untouched), so offsets into it are file offsets. */
export interface XmlCdata {
  readonly value: string;
  readonly range: SourceRange;
}

export interface XmlElement {
  /** As written, prefix included. */
  readonly name: string;
  /** Without a prefix: `field` for `ps:field`. */
  readonly localName: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** All character data inside, CDATA included, decoded. */
  readonly text: string;
  readonly cdata: readonly XmlCdata[];
  /** From `<` of the start tag to `>` of the end tag. */
  readonly range: SourceRange;
  readonly startTagRange: SourceRange;
  readonly nameRange: SourceRange;
  /** Between the tags (empty at the end of the start tag for `<x/>`). */
  readonly contentRange: SourceRange;
  /** Whether the element was cut off by a well-formedness error before its end tag. */
  readonly unfinished: boolean;
}

export interface XmlDocument {
  readonly file: string;
  readonly text: string;
  /** The root element, as far as it could be read (present even when `error` is, unless the file has no element at all). */
  readonly root?: XmlElement;
  /** The first well-formedness error (saxes reads on past it, so the elements it could still make out are in `root`). */
  readonly error?: { readonly message: string; readonly range: SourceRange };
  readonly range: RangeMaker;
}

interface OpenElement {
  /** saxes' tag object: a closetag event names the element it closes, even after an error. */
  tag: object;
  name: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  text: string;
  cdata: XmlCdata[];
  start: number;
  startTagEnd: number;
}

const attributePattern = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Reads one XML file with saxes (strict XML 1.0, one event per tag with the stream position), and
 * places every element and attribute in the text. saxes gives the position after each tag; the tag
 * start is the last `<` before it (a `<` cannot occur inside a tag), and the attributes are located
 * by scanning that tag. Never throws: the first error is returned, and reading goes on past it so
 * the editor still sees the rest of a file being typed.
 */
export function parseXmlDocument(file: string, text: string): XmlDocument {
  const range = rangeMaker(file, text);
  const parser = new SaxesParser({ position: true, xmlns: false });
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let error: XmlDocument['error'];

  const finish = (open: OpenElement, end: number, contentEnd: number, unfinished: boolean) => {
    const element: XmlElement = {
      name: open.name,
      localName: open.name.slice(open.name.indexOf(':') + 1),
      attributes: open.attributes,
      children: open.children,
      text: open.text,
      cdata: open.cdata,
      range: range(open.start, end),
      startTagRange: range(open.start, open.startTagEnd),
      nameRange: range(open.start + 1, open.start + 1 + open.name.length),
      contentRange: range(open.startTagEnd, Math.max(open.startTagEnd, contentEnd)),
      unfinished,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
  };

  parser.on('error', (failure) => {
    if (error) return;
    const at = Math.min(parser.position, text.length);
    error = { message: explain(failure.message.replace(/^\d+:\d+: /, ''), at), range: range(Math.max(0, at - 1), at) };
  });
  parser.on('opentag', (tag) => {
    const end = parser.position;
    const start = text.lastIndexOf('<', end - 1);
    stack.push({ tag, name: tag.name, attributes: locateAttributes(text, start + 1 + tag.name.length, end, tag.attributes, range), children: [], text: '', cdata: [], start, startTagEnd: end });
    if (tag.isSelfClosing) finish(stack.pop()!, end, end, false);
  });
  /** The element saxes closed at an end tag naming another one (it reports the error just after). */
  let closedByMismatch: OpenElement | undefined;
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing || !stack.some((open) => open.tag === tag)) return;
    const end = parser.position;
    // After an error saxes may close several elements at once; those it skipped end here too.
    while (stack[stack.length - 1]!.tag !== tag) finish(stack.pop()!, end, end, true);
    const endTag = text.lastIndexOf('</', end - 1);
    const open = stack.pop()!;
    const mismatched = endTagName(endTag) !== open.name;
    if (mismatched) closedByMismatch ??= open;
    finish(open, end, endTag, mismatched);
  });
  parser.on('text', (value) => {
    const current = stack[stack.length - 1];
    if (current) current.text += value;
  });
  parser.on('cdata', (value) => {
    const current = stack[stack.length - 1];
    if (!current) return;
    const end = parser.position - 3;
    const start = text.lastIndexOf('<![CDATA[', end) + 9;
    current.text += value;
    current.cdata.push({ value: text.slice(start, end), range: range(start, end) });
  });
  // saxes says only 'unexpected close tag.'; the element left open is what the author must fix.
  const endTagName = (at: number) => (at < 0 ? undefined : /^<\/([^\s>]*)/.exec(text.slice(at, at + 200))?.[1]);
  const explain = (message: string, at: number): string => {
    const open = closedByMismatch ?? stack[stack.length - 1];
    const closing = endTagName(text.lastIndexOf('</', at - 1));
    if (!message.startsWith('unexpected close tag') || !open || !closing) return message;
    const opened = range(open.start, open.start).start;
    return `</${closing}> does not close <${open.name}> opened at ${opened.line + 1}:${opened.character + 1}: close <${open.name}> first (or write it <${open.name}/>)`;
  };
  try {
    parser.write(text).close();
  } catch (failure) {
    // saxes reports through the handler above; this only guards against a throw from inside it.
    error ??= { message: (failure as Error).message, range: range(text.length, text.length) };
  }
  while (stack.length) finish(stack.pop()!, text.length, text.length, true);
  return { file, text, ...(root ? { root } : {}), ...(error ? { error } : {}), range };
}

function locateAttributes(text: string, from: number, to: number, values: Readonly<Record<string, string>>, range: RangeMaker): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  const tag = text.slice(from, to);
  for (const match of tag.matchAll(attributePattern)) {
    const name = match[1]!;
    const start = from + match.index!;
    const end = start + match[0].length;
    const raw = match[2] ?? match[3] ?? '';
    attributes.push({
      name,
      value: values[name] ?? raw,
      range: range(start, end),
      nameRange: range(start, start + name.length),
      valueRange: range(end - 1 - raw.length, end - 1),
    });
  }
  return attributes;
}

/** The attribute called `name` (compared as written: XML names are case-sensitive, and PowerSchool's are too). */
export function attributeOf(element: XmlElement, name: string): XmlAttribute | undefined {
  return element.attributes.find((attribute) => attribute.name === name);
}

/** The children with this local name. */
export function childrenNamed(element: XmlElement, localName: string): XmlElement[] {
  return element.children.filter((child) => child.localName === localName);
}

/** The trimmed text of an element with where it sits: the CDATA content when the text is one CDATA section, else the raw span between the tags. */
export function textSpan(document: XmlDocument, element: XmlElement): { readonly value: string; readonly range: SourceRange } {
  const only = element.cdata.length === 1 && element.cdata[0]!.value.trim() === element.text.trim() ? element.cdata[0]! : undefined;
  if (only) return only;
  const { start, end } = element.contentRange;
  const raw = document.text.slice(start.offset, end.offset);
  const leading = raw.length - raw.trimStart().length;
  const trailing = raw.length - raw.trimEnd().length;
  return { value: element.text.trim(), range: document.range(start.offset + leading, Math.max(start.offset + leading, end.offset - trailing)) };
}
