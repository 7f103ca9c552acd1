import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, isJsonWhitespace, stringEnd } from './jsonChars';
import { parsePointer } from './jsonPointer';

/** Where one JSON node sits in the text (0-based offsets, ends exclusive). */
export interface NodeLocation {
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The property name, quotes included, when the node is an object member. */
  readonly keyStart?: number;
  readonly keyEnd?: number;
  /** What to delete to remove the member together with one separating comma. */
  readonly removeStart?: number;
  readonly removeEnd?: number;
  /** For a non-empty object: where its first member's key starts. */
  readonly firstKeyStart?: number;
}

interface Wanted {
  readonly children: Map<string, Wanted>;
  pointer?: string;
}

function buildTrie(pointers: Iterable<string>): Wanted {
  const root: Wanted = { children: new Map() };
  for (const pointer of pointers) {
    let node = root;
    for (const segment of parsePointer(pointer)) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { children: new Map() }));
      node = child;
    }
    node.pointer = pointer;
  }
  return root;
}

/** JSON whitespace, and the byte-order mark a file may start with. */
function isWhitespace(code: number): boolean {
  return isJsonWhitespace(code) || code === 0xfeff;
}

/**
 * A single pass over text already known to be valid JSON that descends only into the
 * members on the way to a wanted pointer and skips everything else at string-scan speed.
 * That keeps locating a handful of findings in a 5 MB payload far cheaper than a full tree.
 */
class Locator {
  /** Never locates: it keeps the class, and the optimized code built on it, across full GCs (see `BodyScanner.idle`). */
  static readonly idle = new Locator('', new Map(), {});
  private pos: number;

  constructor(
    private readonly text: string,
    private readonly found: Map<string, NodeLocation>,
    private readonly options: LocateOptions,
  ) {
    this.pos = options.from ?? 0;
  }

  run(root: Wanted): void {
    this.skipWhitespace();
    if (this.pos < this.text.length) this.visit(root, undefined);
  }

  private skipWhitespace(): void {
    const { text } = this;
    while (this.pos < text.length && isWhitespace(text.charCodeAt(this.pos))) this.pos++;
  }

  private skipString(): void {
    const end = stringEnd(this.text, this.pos);
    this.pos = end < 0 ? this.text.length : end;
  }

  private skipValue(): void {
    const { text } = this;
    const known = this.options.skip;
    if (known && this.pos === known.start) {
      this.pos = known.end;
      return;
    }
    const first = text.charCodeAt(this.pos);
    if (first === QUOTE) return this.skipString();
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      while (this.pos < text.length) {
        const code = text.charCodeAt(this.pos);
        if (code === QUOTE) {
          this.skipString();
          continue;
        }
        if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) {
            this.pos++;
            return;
          }
        }
        this.pos++;
      }
      return;
    }
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) return;
      this.pos++;
    }
  }

  private readKey(): string {
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start + 1, this.pos - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(start, this.pos)) as string) : raw;
  }

  /** Visits the value at `pos`; returns the first member's key offset for objects. */
  private visit(node: Wanted, member: { keyStart: number; keyEnd: number } | undefined): NodeLocation {
    const valueStart = this.pos;
    let firstKeyStart: number | undefined;
    const code = this.text.charCodeAt(this.pos);
    if (node.children.size === 0) this.skipValue();
    else if (code === OPEN_BRACE) firstKeyStart = this.visitObject(node);
    else if (code === OPEN_BRACKET) this.visitArray(node);
    else this.skipValue();
    if (firstKeyStart === undefined && code === OPEN_BRACE && node.children.size === 0) {
      firstKeyStart = this.firstKeyOf(valueStart);
    }
    const location: NodeLocation = { valueStart, valueEnd: this.pos, ...member, firstKeyStart };
    if (node.pointer !== undefined) this.found.set(node.pointer, location);
    return location;
  }

  private firstKeyOf(objectStart: number): number | undefined {
    const { text } = this;
    let index = objectStart + 1;
    while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
    return text.charCodeAt(index) === QUOTE ? index : undefined;
  }

  private visitObject(node: Wanted): number | undefined {
    const { text } = this;
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return undefined;
    }
    let firstKeyStart: number | undefined;
    let previousValueEnd = -1;
    let pending: { pointer: string; location: NodeLocation } | undefined;
    while (this.pos < text.length) {
      const keyStart = this.pos;
      firstKeyStart ??= keyStart;
      const key = this.readKey();
      const keyEnd = this.pos;
      if (pending) {
        this.found.set(pending.pointer, { ...pending.location, removeStart: pending.location.keyStart, removeEnd: keyStart });
        pending = undefined;
      }
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) === COLON) this.pos++;
      this.skipWhitespace();
      const child = node.children.get(key);
      if (child) {
        const location = this.visit(child, { keyStart, keyEnd });
        if (child.pointer !== undefined) pending = { pointer: child.pointer, location };
      } else {
        this.skipValue();
      }
      const valueEnd = this.pos;
      this.skipWhitespace();
      const next = text.charCodeAt(this.pos);
      if (next === COMMA) {
        this.pos++;
        this.skipWhitespace();
        previousValueEnd = valueEnd;
        continue;
      }
      if (pending) {
        const removeStart = previousValueEnd >= 0 ? previousValueEnd : keyStart;
        this.found.set(pending.pointer, { ...pending.location, removeStart, removeEnd: valueEnd });
      }
      if (next === CLOSE_BRACE) this.pos++;
      return firstKeyStart;
    }
    return firstKeyStart;
  }

  private visitArray(node: Wanted): void {
    const { text } = this;
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      return;
    }
    for (let index = 0; this.pos < text.length; index++) {
      const child = node.children.get(String(index));
      if (child) this.visit(child, undefined);
      else this.skipValue();
      this.skipWhitespace();
      const next = text.charCodeAt(this.pos);
      if (next === COMMA) {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (next === CLOSE_BRACKET) this.pos++;
      return;
    }
  }
}

export interface LocateOptions {
  /** Where the value the pointers are relative to starts (default: the whole text). */
  readonly from?: number;
  /** A value whose span is already known, jumped over instead of scanned (a big record array). */
  readonly skip?: { readonly start: number; readonly end: number };
}

/**
 * Finds the given JSON pointers in `text`, which must be valid JSON (parse it first).
 * Pointers that do not exist are absent from the result. With duplicate keys the last
 * occurrence wins, as with JSON.parse.
 */
export function locatePointers(text: string, pointers: Iterable<string>, options: LocateOptions = {}): Map<string, NodeLocation> {
  const found = new Map<string, NodeLocation>();
  new Locator(text, found, options).run(buildTrie(pointers));
  return found;
}
