import { completePart } from './complete';
import { diagnoseRequest } from './diagnose';
import { hoverPart } from './hover';
import { locateInRequest, requestAt } from './locate';
import { parseForAssist, viewOfDocument, type ParsedPsreq } from './requestView';
import type { AssistCompletion, AssistDiagnostic, AssistHover, LiveCatalog } from './types';

// Editor assistance for whole .psreq documents. Completion and hover parse only the request
// block around the cursor (a 5,000-line file costs what one request costs); diagnostics keep
// each request's findings keyed by its text, so an edit re-checks only the request it touched.

export interface PsreqAssistOptions {
  /** What the connected server knows; without it the built-in catalogs serve. */
  live?: LiveCatalog;
  /** Today as `YYYY-MM-DD` (offered for date fields); core does not read the clock. */
  today?: () => string;
}

export interface DiagnoseOptions {
  /** Also return the .psreq parser's own diagnostics (syntax, names, variables). */
  parser?: boolean;
  /** The document already parsed from the same text. */
  parsed?: ParsedPsreq;
}

/** The `###`-delimited block holding the offset: [start, end) of the text. */
export function blockAround(text: string, offset: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let start: number;
  if (text.startsWith('###', lineStart)) start = lineStart;
  else {
    const previous = text.lastIndexOf('\n###', lineStart - 1);
    start = previous < 0 ? 0 : previous + 1;
  }
  const next = text.indexOf('\n###', offset);
  return { start, end: next < 0 ? text.length : next };
}

function shifted<T extends { start: number; end: number }>(item: T, by: number): T {
  return { ...item, start: item.start + by, end: item.end + by };
}

function shiftDiagnostic(diagnostic: AssistDiagnostic, by: number): AssistDiagnostic {
  const moved = shifted(diagnostic, by);
  if (diagnostic.fixes) moved.fixes = diagnostic.fixes.map((fix) => shifted(fix, by));
  return moved;
}

export class PsreqAssist {
  /** Request text → its diagnostics relative to the request start; only the last run's requests stay. */
  private cache = new Map<string, AssistDiagnostic[]>();

  constructor(private readonly options: PsreqAssistOptions = {}) {}

  /** Drops cached diagnostics, e.g. when the live catalog changed. */
  invalidate(): void {
    this.cache = new Map();
  }

  private async inBlock<T>(text: string, offset: number, run: (blockText: string, local: number) => Promise<T | undefined>): Promise<{ value: T; shift: number } | undefined> {
    const block = blockAround(text, offset);
    const value = await run(text.slice(block.start, block.end), offset - block.start);
    return value === undefined ? undefined : { value, shift: block.start };
  }

  async complete(text: string, offset: number): Promise<AssistCompletion[]> {
    const found = await this.inBlock(text, offset, async (blockText, local) => {
      const request = requestAt(parseForAssist(blockText).requests, local);
      if (!request) return undefined;
      const part = locateInRequest(blockText, request, local);
      return completePart(part, blockText, { live: this.options.live, today: this.options.today?.() });
    });
    return found ? found.value.map((item) => shifted(item, found.shift)) : [];
  }

  async hover(text: string, offset: number): Promise<AssistHover | undefined> {
    const found = await this.inBlock(text, offset, async (blockText, local) => {
      const request = requestAt(parseForAssist(blockText).requests, local);
      return request ? hoverPart(locateInRequest(blockText, request, local), blockText, this.options.live) : undefined;
    });
    return found && shifted(found.value, found.shift);
  }

  async diagnose(text: string, options: DiagnoseOptions = {}): Promise<AssistDiagnostic[]> {
    const parsed = options.parsed ? viewOfDocument(options.parsed) : parseForAssist(text);
    const previous = this.cache;
    const next = new Map<string, AssistDiagnostic[]>();
    const out: AssistDiagnostic[] = [];
    if (options.parser) for (const d of parsed.diagnostics) out.push({ start: d.start, end: d.end, severity: d.severity, code: d.code, message: d.message });
    for (const request of parsed.requests) {
      const key = text.slice(request.span.start, request.span.end);
      let local = next.get(key) ?? previous.get(key);
      if (!local) {
        const found = await diagnoseRequest(text, request, this.options.live);
        local = found.map((d) => shiftDiagnostic(d, -request.span.start));
      }
      next.set(key, local);
      for (const d of local) out.push(shiftDiagnostic(d, request.span.start));
    }
    this.cache = next;
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }
}
