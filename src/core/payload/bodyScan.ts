import { maxPayloadDepth } from './depth';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, isJsonWhitespace, stringEnd } from './jsonChars';

/**
 * What one pass over a student body's text finds before anything is parsed:
 * - `records`: `{"students":{"student":[…]}}` with the span of every element of that array
 *   (0-based offsets, end exclusive), and the array's `[` and `]`;
 * - `too-deep`: the first bracket past the depth limit (the offset `tooDeepOffset` gives);
 * - `other`: any other shape (the single-object form, a repeated `students`/`student` key,
 *   text that is not well-formed at the top levels): the caller parses it whole.
 * Only the top three levels are read as JSON; values are skipped at string-scan speed.
 */
export type BodyShape =
  | { readonly kind: 'records'; readonly open: number; readonly close: number; readonly starts: readonly number[]; readonly ends: readonly number[] }
  | { readonly kind: 'too-deep'; readonly offset: number }
  | { readonly kind: 'other' };


/** The records found between two known places of the record array. */
export type RecordRun = { readonly kind: 'run'; readonly starts: readonly number[]; readonly ends: readonly number[] };

/** Thrown inside the scan to stop it; never escapes `scanStudentBody`. */
class Stop {
  constructor(readonly shape: BodyShape) {}
}
const notRecords = new Stop({ kind: 'other' });

class BodyScanner {
  /**
   * Never scans. V8 keeps an object's hidden class only while some object has it, and at a full GC
   * discards the optimized code built on a class that died: with no scanner alive between two
   * checks, each check after a full GC ran in the interpreter again. This one keeps the class.
   */
  static readonly idle = new BodyScanner('', 0, 0);
  private pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly maxDepth: number,
  ) {
    this.pos = start;
  }

  scan(): BodyShape {
    this.skipWhitespace();
    let found: BodyShape | undefined;
    this.members(1, (key) => {
      if (key !== 'students') return false;
      if (found !== undefined || this.at() !== OPEN_BRACE) throw notRecords;
      this.members(2, (inner) => {
        if (inner !== 'student') return false;
        if (found !== undefined || this.at() !== OPEN_BRACKET) throw notRecords;
        found = this.elements();
        return true;
      });
      found ??= notRecords.shape;
      return true;
    });
    this.skipWhitespace();
    return this.pos === this.text.length && found ? found : notRecords.shape;
  }

  private at(): number {
    return this.text.charCodeAt(this.pos);
  }

  private skipWhitespace(): void {
    const { text } = this;
    while (this.pos < text.length && isJsonWhitespace(text.charCodeAt(this.pos))) this.pos++;
  }

  private expect(code: number): void {
    if (this.at() !== code) throw notRecords;
    this.pos++;
  }

  /** An object at `depth`: each member's value is handed to `onMember` (true: it read the value) or skipped. */
  private members(depth: number, onMember: (key: string) => boolean): void {
    this.expect(OPEN_BRACE);
    this.skipWhitespace();
    if (this.at() === CLOSE_BRACE) {
      this.pos++;
      return;
    }
    for (;;) {
      const key = this.readKey();
      this.skipWhitespace();
      this.expect(COLON);
      this.skipWhitespace();
      if (!onMember(key)) this.skipValue(depth);
      this.skipWhitespace();
      if (this.at() === CLOSE_BRACE) {
        this.pos++;
        return;
      }
      this.expect(COMMA);
      this.skipWhitespace();
    }
  }

  /**
   * The elements between `pos` and `to` inside the record array, as the whole scan would find
   * them: `afterRecord` when a record ends at `pos` (else `pos` follows the `[`), `beforeRecord`
   * when one starts at `to` (else `to` is the `]`).
   */
  elementsBetween(to: number, afterRecord: boolean, beforeRecord: boolean): RecordRun {
    const starts: number[] = [];
    const ends: number[] = [];
    let state: 'start' | 'value' | 'comma' = afterRecord ? 'value' : 'start';
    for (;;) {
      this.skipWhitespace();
      if (this.pos === to) {
        const canEnd = state === 'comma' ? beforeRecord : state === 'value' ? !beforeRecord : !beforeRecord && !afterRecord;
        if (!canEnd) throw notRecords;
        return { kind: 'run', starts, ends };
      }
      if (this.pos > to) throw notRecords;
      if (state === 'value') {
        this.expect(COMMA);
        state = 'comma';
        continue;
      }
      starts.push(this.pos);
      this.skipValue(3);
      if (this.pos > to) throw notRecords;
      ends.push(this.pos);
      state = 'value';
    }
  }

  /** The record array's elements; `pos` is at its `[`. */
  private elements(): BodyShape {
    const open = this.pos++;
    const starts: number[] = [];
    const ends: number[] = [];
    this.skipWhitespace();
    if (this.at() === CLOSE_BRACKET) return { kind: 'records', open, close: this.pos++, starts, ends };
    for (;;) {
      starts.push(this.pos);
      this.skipValue(3);
      ends.push(this.pos);
      this.skipWhitespace();
      if (this.at() === CLOSE_BRACKET) return { kind: 'records', open, close: this.pos++, starts, ends };
      this.expect(COMMA);
      this.skipWhitespace();
    }
  }

  private readKey(): string {
    if (this.at() !== QUOTE) throw notRecords;
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start + 1, this.pos - 1);
    if (!raw.includes('\\')) return raw;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      throw notRecords;
    }
  }

  /** `pos` at an opening quote → just past its closing quote. */
  private skipString(): void {
    const end = stringEnd(this.text, this.pos);
    if (end < 0) throw notRecords;
    this.pos = end;
  }

  /**
   * One value inside a container `depth` levels deep. Brackets are counted as `tooDeepOffset`
   * counts them, so the first one past the limit is the same bracket.
   */
  private skipValue(depth: number): void {
    const { text, maxDepth } = this;
    const first = text.charCodeAt(this.pos);
    if (first === QUOTE) return this.skipString();
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      const start = this.pos;
      while (this.pos < text.length) {
        const code = text.charCodeAt(this.pos);
        if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COLON || code === QUOTE || code === OPEN_BRACE || code === OPEN_BRACKET || isJsonWhitespace(code)) break;
        this.pos++;
      }
      if (this.pos === start) throw notRecords;
      return;
    }
    let level = depth;
    let index = this.pos;
    const length = text.length;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code === QUOTE) {
        // Straight to the closing quote (not through `skipString`): most of a record is strings.
        index = stringEnd(text, index);
        if (index < 0) throw notRecords;
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (++level > maxDepth) throw new Stop({ kind: 'too-deep', offset: index });
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        if (--level === depth) {
          this.pos = index + 1;
          return;
        }
      }
      index++;
    }
    throw notRecords;
  }
}

function stopped<T>(scan: () => T): T | BodyShape {
  try {
    return scan();
  } catch (error) {
    if (error instanceof Stop) return error.shape;
    throw error;
  }
}

/** Scans a student body's text once (a leading byte-order mark is skipped). */
export function scanStudentBody(text: string, maxDepth: number = maxPayloadDepth): BodyShape {
  return stopped(() => new BodyScanner(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, maxDepth).scan()) as BodyShape;
}

/**
 * Rescans only `[from, to)` of a record array whose other parts are known (an edited stretch
 * between two unchanged records, or the array's ends): the elements there, the depth stop, or
 * `other` when the stretch is not a run of elements (the caller scans the whole body).
 */
export function scanRecordRun(text: string, from: number, to: number, afterRecord: boolean, beforeRecord: boolean, maxDepth: number = maxPayloadDepth): RecordRun | BodyShape {
  return stopped(() => new BodyScanner(text, from, maxDepth).elementsBetween(to, afterRecord, beforeRecord));
}
