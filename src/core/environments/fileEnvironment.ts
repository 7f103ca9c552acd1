import type { Directive } from '../psreq';

/** The environment a file chooses with `# @env name` (the first one written), if any. */
export function fileEnvironmentOf(document: { readonly fileDirectives?: readonly Directive[]; readonly requests: readonly { readonly directives: readonly Directive[] }[] }): string | undefined {
  for (const directives of [document.fileDirectives ?? [], ...document.requests.map((request) => request.directives)]) {
    const directive = directives.find((candidate) => candidate.name === 'env' && candidate.value.trim() !== '');
    if (directive) return directive.value.trim();
  }
  return undefined;
}
