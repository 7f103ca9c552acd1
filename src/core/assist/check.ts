import { diagnoseRequestWith } from './diagnose';
import { viewOfRequest, type ParsedPsreq } from './requestView';
import type { AssistDiagnostic } from './types';

/**
 * The q/URL checker for `psdev check` (a `PsreqChecker` of src/core/check): every assistant
 * diagnostic of a parsed document — q expressions, parameters, expansions, page sizes,
 * PowerQuery `$q` — from the built-in catalogs, synchronously.
 */
export function requestChecker(input: { readonly text: string; readonly document: ParsedPsreq }): AssistDiagnostic[] {
  const out: AssistDiagnostic[] = [];
  for (const request of input.document.requests) out.push(...diagnoseRequestWith(input.text, viewOfRequest(request)));
  return out;
}
