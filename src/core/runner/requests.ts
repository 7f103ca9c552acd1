import type { PsreqDiagnostic, PsreqDocument, PsreqRequest } from '../psreq';

// What the runner and its hosts read off a parsed request beyond the parser's fields.

/** `# @all`: every page is fetched and merged. */
export function isPaged(request: PsreqRequest): boolean {
  return request.directives.some((directive) => directive.name === 'all');
}

/** The text after `###`, when there is any. */
export function requestTitle(request: PsreqRequest): string | undefined {
  return request.title?.text.trim() || undefined;
}

/** Syntax errors: a request holding one is not sent. */
export function syntaxErrorsOf(document: PsreqDocument): PsreqDiagnostic[] {
  return document.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
}
