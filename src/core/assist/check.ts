import type { PsreqDocument } from '../psreq/index';
import { diagnoseRequest } from './diagnose';
import type { AssistDiagnostic, LiveCatalog } from './types';

/**
 * The q/URL checker for `psdev check`: every assistant diagnostic of a parsed document (q
 * expressions, parameters, expansions, page sizes, PowerQuery bodies), offsets into `text`.
 * Same shape as the parser's diagnostics: { start, end, severity, code, message }.
 */
export async function checkPsreqRequests(text: string, document: PsreqDocument, live?: LiveCatalog): Promise<AssistDiagnostic[]> {
  const out: AssistDiagnostic[] = [];
  for (const request of document.requests) out.push(...(await diagnoseRequest(text, request, live)));
  return out;
}
