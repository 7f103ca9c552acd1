// Where the cursor is in a plugin XML file, read from the text around it rather than from a parse:
// while typing, the file is seldom well-formed (an open quote, a half-written tag), and completion
// must still know it is in `<field table="STU|`.

/** The cursor inside an attribute value: `<field table="STU|"`. */
export interface AttributeValueSpot {
  readonly kind: 'attribute';
  /** Local name of the element (`field` for `<ps:field`). */
  readonly element: string;
  readonly attribute: string;
  /** The other attributes of the same tag, as written so far (values undecoded). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The value from its opening quote to the cursor. */
  readonly typed: string;
  /** Offsets of the whole value (without quotes): what a completion replaces. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** The cursor in the text of an element: `<column>STUDENTS.|</column>`. */
export interface ElementTextSpot {
  readonly kind: 'text';
  readonly element: string;
  /** The element's text from its start to the cursor. */
  readonly typed: string;
  readonly textStart: number;
  /** The end of the name at the cursor (a completion replaces up to here). */
  readonly wordEnd: number;
}

/** The cursor in the SQL of `<sql>` (inside its CDATA, or its plain text). */
export interface SqlSpot {
  readonly kind: 'sql';
  /** Offset where the SQL starts in the document, and its text (to the end of the CDATA or `</sql>`). */
  readonly start: number;
  readonly sql: string;
  /** The cursor, relative to `start`. */
  readonly offset: number;
}

export type PluginSpot = AttributeValueSpot | ElementTextSpot | SqlSpot;

const nameChars = '[A-Za-z_][\\w.:-]*';
const attributePattern = new RegExp(`(${nameChars})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');

function localOf(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The `<sql>` block around `offset`, if any: its content start and end (CDATA markers excluded). */
function sqlAround(text: string, offset: number): SqlSpot | undefined {
  const before = text.slice(0, offset);
  const open = before.search(/<(?:\w+:)?sql(?:\s[^>]*)?>(?![\s\S]*<\/(?:\w+:)?sql\s*>)/);
  if (open < 0) return undefined;
  let start = text.indexOf('>', open) + 1;
  const closeMatch = /<\/(?:\w+:)?sql\s*>/.exec(text.slice(start));
  let end = closeMatch ? start + closeMatch.index : text.length;
  if (offset > end) return undefined;
  const cdata = text.indexOf('<![CDATA[', start);
  if (cdata >= 0 && cdata < end) {
    if (offset < cdata + 9) return undefined;
    const cdataEnd = text.indexOf(']]>', cdata + 9);
    if (cdataEnd >= 0 && cdataEnd < offset) return undefined;
    start = cdata + 9;
    if (cdataEnd >= 0 && cdataEnd < end) end = cdataEnd;
  }
  return { kind: 'sql', start, sql: text.slice(start, end), offset: offset - start };
}

/** What the cursor at `offset` is in: an attribute value, an element's text, the SQL of `<sql>`, or nothing completion knows. */
export function locateInPlugin(text: string, offset: number): PluginSpot | undefined {
  const sql = sqlAround(text, offset);
  if (sql) return sql;
  const before = text.slice(0, offset);
  if (isOpen(before, '<!--', '-->') || isOpen(before, '<![CDATA[', ']]>')) return undefined;
  const tagOpen = before.lastIndexOf('<');
  if (tagOpen < 0) return undefined;
  const tagSoFar = before.slice(tagOpen);
  if (tagSoFar.includes('>')) return textSpot(text, offset, before);
  const tagName = new RegExp(`^<(${nameChars})`).exec(tagSoFar);
  if (!tagName || tagSoFar.startsWith('<!') || tagSoFar.startsWith('<?')) return undefined;
  // Inside a start tag: the cursor is in a value when an odd number of its quotes came before.
  const open = /(\S+?)\s*=\s*(["'])([^"']*)$/.exec(tagSoFar);
  if (!open) return undefined;
  const quote = open[2]!;
  const valueStart = offset - open[3]!.length;
  const close = text.indexOf(quote, offset);
  const newline = text.indexOf('\n', offset);
  const valueEnd = close < 0 || (newline >= 0 && newline < close) ? offset : close;
  const tagEnd = text.indexOf('>', offset);
  const whole = text.slice(tagOpen, tagEnd < 0 ? text.length : tagEnd);
  const attributes: Record<string, string> = {};
  for (const match of whole.matchAll(attributePattern)) attributes[match[1]!] = match[2] ?? match[3] ?? '';
  return { kind: 'attribute', element: localOf(tagName[1]!), attribute: open[1]!, attributes, typed: open[3]!, valueStart, valueEnd };
}

/** Whether the text ends inside a `open … close` section (a comment, a CDATA other than the SQL's). */
function isOpen(before: string, open: string, close: string): boolean {
  const opened = before.lastIndexOf(open);
  return opened >= 0 && before.indexOf(close, opened + open.length) < 0;
}

function textSpot(text: string, offset: number, before: string): ElementTextSpot | undefined {
  const opened = new RegExp(`<(${nameChars})(?:\\s[^>]*)?>([^<]*)$`).exec(before);
  if (!opened) return undefined;
  const after = /^[\w.$#]*/.exec(text.slice(offset))![0];
  const textStart = offset - opened[2]!.length;
  return { kind: 'text', element: localOf(opened[1]!), typed: opened[2]!, textStart, wordEnd: offset + after.length };
}
