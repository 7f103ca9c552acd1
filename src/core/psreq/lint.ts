import { systemVariableNames, unsupportedSystemVariables } from './systemVariables';
import type { PsreqDiagnostic, PsreqDocument } from './types';

// REST Client also reads what a named request sent: `{{login.request.body.*}}`.
const responseReference = /^([A-Za-z_][\w-]*)\.(?:response|request)\.(body|headers)(?:\.|$)/;
const systemNames = new Set<string>([...systemVariableNames, '$uuid']);

/**
 * Checks every `{{…}}` without running anything: file variables, names given by the host
 * (connection variables), system variables, and `name.response…` of a named request that
 * comes earlier in the file.
 */
export function lintVariables(document: PsreqDocument, knownNames: ReadonlySet<string> = new Set()): PsreqDiagnostic[] {
  const diagnostics: PsreqDiagnostic[] = [];
  const declared = new Set(document.fileVariables.map((variable) => variable.name));
  const namedBefore = new Map<string, number>();
  document.requests.forEach((request) => {
    if (request.name && !namedBefore.has(request.name)) namedBefore.set(request.name, request.index);
  });
  for (const request of document.requests) {
    for (const reference of request.references) {
      const { name } = reference;
      if (name.startsWith('$')) {
        const [system = name, ...args] = name.split(/\s+/);
        const unsupported = unsupportedSystemVariables[system];
        if (unsupported) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'unsupported-system-variable', message: unsupported(args) });
        else if (!systemNames.has(system)) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'unknown-system-variable', message: `unknown system variable '${system}' (${systemVariableNames.join(', ')})` });
        continue;
      }
      const response = responseReference.exec(name);
      if (response) {
        const index = namedBefore.get(response[1]);
        if (index === undefined) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'unknown-request', message: `no request is named '${response[1]}' (add # @name ${response[1]} above it)` });
        else if (index === request.index) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'self-reference', message: `request '${response[1]}' cannot use its own response` });
        continue;
      }
      if (!declared.has(name) && !knownNames.has(name)) {
        diagnostics.push({ ...reference.nameSpan, severity: 'warning', code: 'undefined-variable', message: `'${name}' is not defined in this file: declare it with @${name} = value` });
      }
    }
  }
  return diagnostics;
}
