import { systemVariableNames, unsupportedSystemVariables } from './systemVariables';
import { findReferences, messageReferenceOf } from './references';
import type { PsreqDiagnostic, PsreqDocument, VariableReference } from './types';

const systemNames = new Set<string>([...systemVariableNames, '$uuid']);

/**
 * Checks every `{{…}}` without running anything: file variables, names given by the host
 * (connection variables), system variables, and `name.response…` of a named request that
 * comes earlier in the file.
 */
/** What the host knows of the file's environments (see core/environments). */
export interface LintEnvironments {
  /** Environments other than the chosen one that define a name. */
  readonly definedIn: (name: string) => readonly string[];
  /** `.env` values, for `{{$dotenv NAME}}`. */
  readonly dotenv: Readonly<Record<string, string>>;
}

export function lintVariables(document: PsreqDocument, knownNames: ReadonlySet<string> = new Set(), environments?: LintEnvironments): PsreqDiagnostic[] {
  const diagnostics: PsreqDiagnostic[] = [];
  const declared = new Set(document.fileVariables.map((variable) => variable.name));
  // `# @prompt name` asks for the value at Send time.
  for (const request of document.requests) for (const prompt of request.prompts ?? []) declared.add(prompt.name);
  const namedBefore = new Map<string, number>();
  document.requests.forEach((request) => {
    if (request.name && !namedBefore.has(request.name)) namedBefore.set(request.name, request.index);
  });
  const check = (reference: VariableReference, requestIndex?: number) => {
    const { name } = reference;
    if (name.startsWith('$')) {
      const [system = name, ...args] = name.split(/\s+/);
      const unsupported = unsupportedSystemVariables[system];
      if (system === '$dotenv' && environments && args[0] && environments.dotenv[args[0]] === undefined) diagnostics.push({ ...reference.nameSpan, severity: 'warning', code: 'undefined-dotenv', message: `${args[0]} is not in a .env file next to this file or at the workspace root` });
      else if (unsupported) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'unsupported-system-variable', message: unsupported(args) });
      else if (!systemNames.has(system)) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'unknown-system-variable', message: `unknown system variable '${system}' (${systemVariableNames.join(', ')})` });
      return;
    }
    // REST Client also reads what a named request sent: `{{login.request.body.*}}`.
    const message = messageReferenceOf(name);
    if (message) {
      const index = namedBefore.get(message.request);
      if (index === undefined) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'unknown-request', message: `no request is named '${message.request}' (add # @name ${message.request} above it)` });
      else if (index === requestIndex) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'self-reference', message: `request '${message.request}' cannot use its own response` });
      return;
    }
    if (!declared.has(name) && !knownNames.has(name)) {
      const elsewhere = environments?.definedIn(name) ?? [];
      if (elsewhere.length > 0) diagnostics.push({ ...reference.nameSpan, severity: 'warning', code: 'variable-not-in-environment', message: `'${name}' is not defined in the chosen environment; ${elsewhere.length === 1 ? 'environment' : 'environments'} ${elsewhere.map((env) => `'${env}'`).join(', ')} ${elsewhere.length === 1 ? 'defines' : 'define'} it` });
      else diagnostics.push({ ...reference.nameSpan, severity: 'warning', code: 'undefined-variable', message: environments ? `'${name}' is not defined in this file or any environment: declare it with @${name} = value or in http-client.env.json` : `'${name}' is not defined in this file: declare it with @${name} = value` });
    }
  };
  // File variable values are resolved where they are used, so their references need the same checks.
  for (const variable of document.fileVariables) for (const reference of findReferences(variable.value, variable.valueSpan.start)) check(reference);
  for (const request of document.requests) for (const reference of request.references) check(reference, request.index);
  return diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
}
