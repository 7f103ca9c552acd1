import { byRange } from '../text';
import { systemVariableNames, unsupportedSystemVariables } from './systemVariables';
import { findReferences, messageReferenceOf } from './references';
import { firstOfItsName, shiftSpans, type PsreqBlock, type PsreqBlocks, type PsreqFileScope } from './blocks';
import type { PsreqDiagnostic, VariableReference } from './types';

const systemNames = new Set<string>([...systemVariableNames, '$uuid']);

// Checks every `{{…}}` without running anything: file variables, names given by the host
// (connection variables), system variables, and `name.response…` of a named request.

/** What the host knows of the file's environments (see core/environments). */
export interface LintEnvironments {
  /** Environments other than the chosen one that define a name. */
  readonly definedIn: (name: string) => readonly string[];
  /** `.env` values, for `{{$dotenv NAME}}`. */
  readonly dotenv: Readonly<Record<string, string>>;
}

/** Every `{{…}}` of the file, block by block (what `lintBlock` says of each). */
export function lintVariables(parsed: PsreqBlocks, knownNames: ReadonlySet<string> = new Set(), environments?: LintEnvironments): PsreqDiagnostic[] {
  const diagnostics: PsreqDiagnostic[] = [];
  parsed.blocks.forEach((block, i) => {
    for (const diagnostic of lintBlock(block, parsed.scope, knownNames, environments)) diagnostics.push(shiftSpans(diagnostic, parsed.starts[i]));
  });
  return diagnostics;
}

/**
 * The `{{…}}` of one block (offsets relative to it): in its file variables' values (resolved where
 * they are used, so they need the same checks) and in its request, against what the file
 * (`scope`) and the host define.
 */
export function lintBlock(block: PsreqBlock, scope: PsreqFileScope, knownNames: ReadonlySet<string> = new Set(), environments?: LintEnvironments): PsreqDiagnostic[] {
  const diagnostics: PsreqDiagnostic[] = [];
  // `{{name.response…}}` of its own name is this request's own response only when it is the first so named.
  const ownName = firstOfItsName(block, scope) ? block.name : undefined;
  const check = (reference: VariableReference, requestName?: string) => {
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
      if (!scope.named.has(message.request)) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'unknown-request', message: `no request is named '${message.request}' (add # @name ${message.request} above it)` });
      else if (message.request === requestName) diagnostics.push({ ...reference.nameSpan, severity: 'error', code: 'self-reference', message: `request '${message.request}' cannot use its own response` });
      return;
    }
    if (!scope.declared.has(name) && !knownNames.has(name)) {
      const elsewhere = environments?.definedIn(name) ?? [];
      if (elsewhere.length > 0) diagnostics.push({ ...reference.nameSpan, severity: 'warning', code: 'variable-not-in-environment', message: `'${name}' is not defined in the chosen environment; ${elsewhere.length === 1 ? 'environment' : 'environments'} ${elsewhere.map((env) => `'${env}'`).join(', ')} ${elsewhere.length === 1 ? 'defines' : 'define'} it` });
      else diagnostics.push({ ...reference.nameSpan, severity: 'warning', code: 'undefined-variable', message: environments ? `'${name}' is not defined in this file or any environment: declare it with @${name} = value or in http-client.env.json` : `'${name}' is not defined in this file: declare it with @${name} = value` });
    }
  };
  for (const variable of block.fileVariables) for (const reference of findReferences(variable.value, variable.valueSpan.start)) check(reference);
  for (const reference of block.request?.references ?? []) check(reference, ownName);
  return diagnostics.sort(byRange);
}
