import { completePart } from './complete';
import { diagnoseRequest } from './diagnose';
import { hoverPart } from './hover';
import { locateInRequest } from './locate';
import { parsePsreq, requestAt, type PsreqDocument } from '../psreq';
import type { AssistCompletion, AssistDiagnostic, AssistHover, LiveCatalog } from './types';

// Editor assistance for whole .psreq documents, over the parse the host already holds for the
// text's version (or a fresh one). Diagnostics keep each request's findings keyed by its text, so
// an edit re-checks only the request it touched.

export interface PsreqAssistOptions {
  /** What the connected server knows; without it the built-in catalogs serve. */
  live?: LiveCatalog;
  /** Today as `YYYY-MM-DD` (offered for date fields); core does not read the clock. */
  today?: () => string;
}

export interface DiagnoseOptions {
  /** The document already parsed from the same text. */
  parsed?: PsreqDocument;
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

  /** `parsed`: the host's parse of this very text, when it has one. */
  async complete(text: string, offset: number, parsed: PsreqDocument = parsePsreq(text)): Promise<AssistCompletion[]> {
    const request = requestAt(parsed.requests, offset);
    if (!request) return [];
    return completePart(locateInRequest(text, request, offset), text, { live: this.options.live, today: this.options.today?.() });
  }

  async hover(text: string, offset: number, parsed: PsreqDocument = parsePsreq(text)): Promise<AssistHover | undefined> {
    const request = requestAt(parsed.requests, offset);
    return request ? hoverPart(locateInRequest(text, request, offset), text, this.options.live) : undefined;
  }

  async diagnose(text: string, options: DiagnoseOptions = {}): Promise<AssistDiagnostic[]> {
    const parsed = options.parsed ?? parsePsreq(text);
    const previous = this.cache;
    const next = new Map<string, AssistDiagnostic[]>();
    const out: AssistDiagnostic[] = [];
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
