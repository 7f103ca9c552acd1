import type { CatalogIndex } from './extensionRules';
import { scanRecordRun, type BodyShape } from './bodyScan';
import { studentBodyFindings, type RecordEntry, type StudentBodyRules } from './studentBody';
import type { PayloadFinding, StudentValidationContext, TextEdit } from './types';

/** Past this many edits between two checks, mapping each one costs more than checking every record again. */
const maxMappedEdits = 256;

/** What the session needs of its validator for a given context. */
export type StudentRulesFor = (context: StudentValidationContext | undefined) => { readonly rules: StudentBodyRules; readonly catalog: CatalogIndex | undefined };

/**
 * Incremental findings for one student body being edited (an open document). It keeps each
 * record's check with the record's span; `edit` moves the spans along with the text, drops the
 * records an edit touched and notes where it changed the text; `findings` rescans only those
 * stretches (the whole text when an edit reached outside the record array) and re-checks only
 * the records it no longer holds. A record is kept only while no edit has touched
 * its text, and its check is a pure function of that text, so the findings always equal a
 * full `validateStudentText` (the property tests say so after random edits).
 */
export class StudentPayloadSession {
  private records: RecordEntry[] = [];
  /** The record array's brackets while no edit has touched the text around it. */
  private array: { open: number; close: number } | undefined;
  /** What edits replaced since the last scan that found the records (sorted, merged): only there is the text rescanned. */
  private dirty: { start: number; end: number }[] = [];
  private version: number | undefined;
  private length = -1;
  private catalog: CatalogIndex | undefined;
  private last = { checked: 0, reused: 0, wholeScan: true };

  constructor(private readonly rulesFor: StudentRulesFor) {}

  /**
   * The edits that made document `version` from the text this session last saw, each in
   * offsets of the text as the edits before it left it (VS Code's content changes, in order).
   */
  edit(version: number, edits: readonly TextEdit[]): void {
    this.version = version;
    if (edits.length > maxMappedEdits) this.forget();
    for (const edit of edits) {
      this.length += edit.newText.length - (edit.end - edit.start);
      if (this.records.length) this.mapRecords(edit);
      if (this.array) this.mapArray(edit);
    }
  }

  /** Findings of `text`, document `version`: the text this session was told of, or it starts afresh. */
  findings(text: string, version: number, context?: StudentValidationContext): PayloadFinding[] {
    const { rules, catalog } = this.rulesFor(context);
    if (version !== this.version || text.length !== this.length || catalog !== this.catalog) this.forget();
    const known = this.rescan(text);
    const result = studentBodyFindings(text, rules, { previous: this.records, known });
    // A body that does not parse keeps the records it had, so its repair re-checks only what changed.
    if (result.records) {
      this.records = result.records;
      this.array = result.array && { ...result.array };
      this.dirty = [];
    }
    this.version = version;
    this.length = text.length;
    this.catalog = catalog;
    this.last = { checked: result.checked, reused: result.reused, wholeScan: known === undefined };
    return result.findings;
  }

  private forget(): void {
    this.records = [];
    this.array = undefined;
    this.dirty = [];
  }

  /**
   * The scan's answer from rescanning only the stretches edits touched (between two kept
   * records, or a kept record and a bracket); undefined when the whole text must be scanned.
   */
  private rescan(text: string): BodyShape | undefined {
    const { array, records, dirty } = this;
    if (!array || text.charCodeAt(array.open) !== 0x5b || text.charCodeAt(array.close) !== 0x5d) return undefined;
    const starts: number[] = [];
    const ends: number[] = [];
    let next = 0;
    for (let index = 0; index <= records.length; index++) {
      const from = index === 0 ? array.open + 1 : records[index - 1]!.end;
      const to = index === records.length ? array.close : records[index]!.start;
      while (next < dirty.length && dirty[next]!.end < from) next++;
      if (next < dirty.length && dirty[next]!.start <= to) {
        const run = scanRecordRun(text, from, to, index > 0, index < records.length);
        if (run.kind === 'other') return undefined;
        if (run.kind === 'too-deep') return run;
        if (run.kind === 'run') for (let at = 0; at < run.starts.length; at++) starts.push(run.starts[at]!), ends.push(run.ends[at]!);
      }
      if (index < records.length) {
        starts.push(records[index]!.start);
        ends.push(records[index]!.end);
      }
    }
    return { kind: 'records', open: array.open, close: array.close, starts, ends };
  }

  /** Edits inside the record array move its `]` and are remembered for the next rescan; an edit around it forgets it. */
  private mapArray({ start, end, newText }: TextEdit): void {
    const array = this.array!;
    if (start <= array.open || end > array.close) {
      this.array = undefined;
      this.dirty = [];
      return;
    }
    const delta = newText.length - (end - start);
    array.close += delta;
    const touched = { start, end: start + newText.length };
    const dirty: { start: number; end: number }[] = [];
    for (const range of this.dirty) {
      if (range.end < start) dirty.push(range);
      else if (range.start > end) dirty.push({ start: range.start + delta, end: range.end + delta });
      else {
        touched.start = Math.min(touched.start, range.start);
        touched.end = Math.max(touched.end, range.end + delta);
      }
    }
    dirty.push(touched);
    this.dirty = dirty.sort((a, b) => a.start - b.start);
  }

  /** How many records the last `findings` checked afresh and how many it kept, and whether it scanned the whole text. */
  get lastRun(): { readonly checked: number; readonly reused: number; readonly wholeScan: boolean } {
    return this.last;
  }

  /**
   * Records whose text the edit changes are dropped; later ones move. Text put right before or
   * after a record leaves its text alone: whether it still stands alone is the next scan's to say.
   */
  private mapRecords({ start, end, newText }: TextEdit): void {
    const records = this.records;
    const delta = newText.length - (end - start);
    let low = 0;
    let high = records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (records[middle]!.end <= start) low = middle + 1;
      else high = middle;
    }
    let after = low;
    // With start === end (an insertion) only a record it lands inside of is dropped.
    while (after < records.length && records[after]!.start < end) after++;
    records.splice(low, after - low);
    if (delta === 0) return;
    for (let index = low; index < records.length; index++) {
      records[index]!.start += delta;
      records[index]!.end += delta;
    }
  }
}
