import { createLineIndex } from '../text';

/** One element of a parsed XML document; text is the concatenated character data (CDATA included). */
export interface XmlElement {
  /** The name as written, prefix included (`xsi:schemaLocation` stays as is). */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
  /** Offset of the `<` that opens the element. */
  readonly offset: number;
}

/** An error in an XML file (malformed, or not what the file must hold), placed at a 1-based line and column as editors and xmllint show them. */
export class XmlError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`${line}:${column}: ${reason}`);
  }
}

const nameStart = /[A-Za-z_:\u00C0-\uFFFF]/;
const nameChar = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface OpenElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  offset: number;
}

/**
 * A small, strict XML reader for plugin files (plugin.xml, named_queries.xml): elements,
 * attributes in either quote, comments, CDATA, processing instructions and the five predefined
 * and numeric character references. A DOCTYPE is refused (PowerSchool's files never carry one).
 * Any well-formedness error throws XmlError naming its line and column.
 */
export function parseXml(text: string): XmlElement {
  const position = createLineIndex(text);
  const fail = (reason: string, at: number): never => {
    const { line, column } = position(Math.min(at, text.length));
    throw new XmlError(reason, line + 1, column + 1);
  };
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const decode = (raw: string, start: number): string =>
    raw.replace(/&([^;&<\s]*);?/g, (match, name: string, index: number) => {
      if (!match.endsWith(';')) fail(`'&' must start a reference such as &amp;`, start + index);
      const numeric = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(name);
      if (numeric) return String.fromCodePoint(numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : Number(numeric[1]));
      return entities[name] ?? fail(`unknown entity &${name};`, start + index);
    });
  const readName = (): string => {
    const start = at;
    if (!nameStart.test(text[at] ?? '')) fail(`expected a name, found ${describe(text[at])}`, at);
    while (at < text.length && nameChar.test(text[at]!)) at++;
    return text.slice(start, at);
  };
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const addText = (value: string, start: number) => {
    const current = stack[stack.length - 1];
    if (current) current.text += value;
    else if (value.trim() !== '') fail('text outside the root element', start);
  };

  while (at < text.length) {
    if (text[at] !== '<') {
      const end = text.indexOf('<', at);
      const stop = end < 0 ? text.length : end;
      addText(decode(text.slice(at, stop), at), at);
      at = stop;
      continue;
    }
    const start = at;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) fail('comment is not closed with -->', start);
      at = end + 3;
    } else if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end < 0) fail('CDATA section is not closed with ]]>', start);
      if (!stack.length) fail('CDATA outside the root element', start);
      addText(text.slice(at + 9, end), start);
      at = end + 3;
    } else if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) fail('processing instruction is not closed with ?>', start);
      at = end + 2;
    } else if (text.startsWith('<!', at)) {
      fail('a DOCTYPE or other declaration is not supported here', start);
    } else if (text[at + 1] === '/') {
      at += 2;
      const name = readName();
      skipSpace();
      if (text[at] !== '>') fail(`expected '>' to end </${name}`, at);
      at++;
      const open = stack.pop();
      if (!open) fail(`closing tag </${name}> without an opening tag`, start);
      if (open!.name !== name) fail(`closing tag </${name}> does not match <${open!.name}> opened at ${describeAt(position, open!.offset)}`, start);
      close(open!);
    } else {
      at++;
      if (root && !stack.length) fail('a second root element', start);
      const element: OpenElement = { name: readName(), attributes: {}, children: [], text: '', offset: start };
      for (;;) {
        const before = at;
        skipSpace();
        if (text.startsWith('/>', at)) {
          at += 2;
          close(element);
          break;
        }
        if (text[at] === '>') {
          at++;
          stack.push(element);
          break;
        }
        if (at >= text.length) fail(`<${element.name}> is not closed with '>'`, start);
        if (at === before) fail(`expected whitespace, '>' or '/>' in <${element.name}>, found ${describe(text[at])}`, at);
        const attributeAt = at;
        const name = readName();
        skipSpace();
        if (text[at] !== '=') fail(`attribute ${name} needs '=' and a quoted value`, at);
        at++;
        skipSpace();
        const quote = text[at];
        if (quote !== '"' && quote !== "'") fail(`the value of attribute ${name} must be in quotes`, at);
        const end = text.indexOf(quote!, at + 1);
        if (end < 0) fail(`the value of attribute ${name} is not closed`, at);
        const raw = text.slice(at + 1, end);
        if (raw.includes('<')) fail(`'<' is not allowed in the value of attribute ${name}`, at + 1 + raw.indexOf('<'));
        if (name in element.attributes) fail(`attribute ${name} is repeated`, attributeAt);
        element.attributes[name] = decode(raw, at + 1);
        at = end + 1;
      }
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.name}> is never closed`, stack[stack.length - 1]!.offset);
  if (!root) fail('no root element', at);
  return root!;

  function close(element: OpenElement): void {
    const done: XmlElement = element;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(done);
    else root = done;
  }
}

function describe(char: string | undefined): string {
  return char === undefined ? 'the end of the file' : `'${char}'`;
}

function describeAt(position: (offset: number) => { line: number; column: number }, offset: number): string {
  const { line, column } = position(offset);
  return `${line + 1}:${column + 1}`;
}

/** The local part of a name: `field` for `ps:field`. */
export function localName(element: XmlElement): string {
  return element.name.slice(element.name.indexOf(':') + 1);
}
