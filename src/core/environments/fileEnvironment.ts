import type { PsreqDocument } from '../psreq';

/** The environment a file chooses with `# @env name` (the first one written), if any. */
export function fileEnvironmentOf(document: PsreqDocument): string | undefined {
  for (const request of document.requests) {
    const directive = request.directives.find((candidate) => candidate.name === 'env' && candidate.value.trim() !== '');
    if (directive) return directive.value.trim();
  }
  return undefined;
}
