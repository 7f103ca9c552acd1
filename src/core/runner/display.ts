import { formatBytes } from '../client';
import type { RunResult } from './types';

/** `200 OK · 12 ms · 1.2 KB` (plus pages and records for `@all`). */
export function statusLine(result: RunResult): string {
  const { response, paging } = result;
  const parts = [`${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, `${Math.round(response.timeMs)} ms`, formatBytes(response.sizeBytes)];
  if (paging) parts.push(pagingText(paging));
  if (result.assertions?.length) parts.push(`${result.assertions.filter((assertion) => assertion.passed).length}/${result.assertions.length} assertions passed`);
  return parts.join(' · ');
}

/** One line per `??` assertion: `✓ ?? status == 200`, `✗ ?? … (why)`. */
export function assertionLines(result: RunResult): string[] {
  return (result.assertions ?? []).map(assertionLine);
}

function assertionLine(assertion: NonNullable<RunResult['assertions']>[number]): string {
  return `${assertion.passed ? '✓' : '✗'} ${assertion.text}${assertion.message ? ` (${assertion.message})` : ''}`;
}

/** `250 records in 3 pages`, and `(cancelled)` when the user stopped it there. */
export function pagingText(paging: NonNullable<RunResult['paging']>): string {
  return `${paging.records} records in ${paging.pages} page${paging.pages === 1 ? '' : 's'}${paging.cancelled ? ' (cancelled)' : ''}`;
}

/** The body pretty-printed when it is JSON, else as received. */
export function prettyBody(body: unknown, rawText: string): string {
  if (body === undefined) return rawText;
  if (typeof body === 'string') return body;
  return JSON.stringify(body, null, 2);
}

/** A response fails when the server answered 400 or more, or one of its `??` assertions failed. */
export function isFailure(result: RunResult): boolean {
  return result.response.status >= 400 || (result.assertions ?? []).some((assertion) => !assertion.passed);
}

/** Send all's closing summary: one line per request (status, time, assertions), then each failed assertion. */
export function sendAllSummary(results: readonly RunResult[]): { readonly text: string; readonly failed: number } {
  const lines: string[] = [];
  let failed = 0;
  for (const result of results) {
    const failure = isFailure(result);
    if (failure) failed++;
    const { request } = result;
    const label = request.title ?? request.name ?? `${request.method} ${request.url}`;
    lines.push(`${failure ? '✗' : '✓'} ${label} — ${statusLine(result)}`);
    for (const assertion of result.assertions ?? []) if (!assertion.passed) lines.push(`    ${assertionLine(assertion)}`);
  }
  lines.unshift(`${results.length} request(s) sent: ${results.length - failed} passed, ${failed} failed`, '');
  return { text: lines.join('\n'), failed };
}
