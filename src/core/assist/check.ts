import type { PsreqDocument } from '../psreq/index';
import { diagnoseRequestWith } from './diagnose';
import type { AssistDiagnostic } from './types';

/**
 * The q/URL checker for `psdev check` (a `PsreqChecker` of src/core/check): every assistant
 * diagnostic of a parsed document — q expressions, parameters, expansions, page sizes,
 * PowerQuery `$q` — from the built-in catalogs, synchronously.
 */
export function requestChecker(input: { readonly text: string; readonly document: PsreqDocument }): AssistDiagnostic[] {
  const out: AssistDiagnostic[] = [];
  for (const request of input.document.requests) out.push(...diagnoseRequestWith(input.text, request));
  return out;
}
