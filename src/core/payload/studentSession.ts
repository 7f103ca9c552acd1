import type { CatalogIndex } from './extensionRules';
import { studentBodyFindings, type RecordEntry, type StudentBodyRules } from './studentBody';
import type { PayloadFinding, StudentValidationContext, TextEdit } from './types';

/** Past this many edits between two checks, mapping each one costs more than checking every record again. */
const maxMappedEdits = 256;

/** What the session needs of its validator for a given context. */
export type StudentRulesFor = (context: StudentValidationContext | undefined) => { readonly rules: StudentBodyRules; readonly catalog: CatalogIndex | undefined };

/**
 * Incremental findings for one student body being edited (an open document). It keeps each
 * record's check with the record's span; `edit` moves the spans along with the text and
 * drops the records an edit touched; `findings` scans the new text for record spans and
 * re-checks only those it no longer holds. A record is kept only while no edit has touched
 * its text, and its check is a pure function of that text, so the findings always equal a
 * full `validateStudentText` (the property tests say so after random edits).
 */
export class StudentPayloadSession {
  private records: RecordEntry[] = [];
  private version: number | undefined;
  private length = -1;
  private catalog: CatalogIndex | undefined;
  private last = { checked: 0, reused: 0 };

  constructor(private readonly rulesFor: StudentRulesFor) {}

  /**
   * The edits that made document `version` from the text this session last saw, each in
   * offsets of the text as the edits before it left it (VS Code's content changes, in order).
   */
  edit(version: number, edits: readonly TextEdit[]): void {
    this.version = version;
    if (edits.length > maxMappedEdits) this.records = [];
    for (const edit of edits) {
      this.length += edit.newText.length - (edit.end - edit.start);
      if (this.records.length) this.mapRecords(edit);
    }
  }

  /** Findings of `text`, document `version`: the text this session was told of, or it starts afresh. */
  findings(text: string, version: number, context?: StudentValidationContext): PayloadFinding[] {
    const { rules, catalog } = this.rulesFor(context);
    if (version !== this.version || text.length !== this.length || catalog !== this.catalog) this.records = [];
    const result = studentBodyFindings(text, rules, this.records);
    // A body that does not parse keeps the records it had, so its repair re-checks only what changed.
    if (result.records) this.records = result.records;
    this.version = version;
    this.length = text.length;
    this.catalog = catalog;
    this.last = { checked: result.checked, reused: result.reused };
    return result.findings;
  }

  /** How many records the last `findings` checked afresh and how many it kept. */
  get lastRun(): { readonly checked: number; readonly reused: number } {
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
