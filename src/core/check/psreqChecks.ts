import type { PsreqAssist } from '../assist';
import type { GrantedAccess } from '../plugin';
import { accessChecker } from './accessChecks';
import { payloadBodiesOf, validatePsreqBodies, type PayloadValidator } from '../payload';
import { lintVariables, type PsreqDocument } from '../psreq';
import type { Finding } from './findings';
import { sendingChecker, type SendingCheckOptions } from './sendingChecks';

/** A `.psreq` file and its one parse. */
export interface PsreqCheckInput {
  readonly text: string;
  readonly document: PsreqDocument;
  /** The file's absolute path when it is on disk: `< file` bodies are checked against its folder. */
  readonly path?: string;
}

/** One kind of check over a parsed `.psreq` file (parse, variables, q-expressions, payload bodies, …). */
export type PsreqChecker = (input: PsreqCheckInput) => readonly Finding[] | Promise<readonly Finding[]>;

export interface PsreqCheckOptions extends SendingCheckOptions {
  /** Checks q, parameters, expansions, page sizes and PowerQuery bodies: the editor's (live catalog) or one over the built-in catalogs. */
  readonly assist: PsreqAssist;
  /** Names defined outside the file (the connection's variables), so `{{name}}` of those is not undefined. */
  readonly knownVariables?: () => ReadonlySet<string>;
  /**
   * Validates inline student and table-record bodies with the built-in rules; made on the first
   * such body (≈140 ms of compiling). The editor leaves it out: its payload diagnostics run the
   * same validation with the connection's live metadata.
   */
  readonly payloadValidator?: () => PayloadValidator;
  /** The plugin the connection runs as, when known: columns it was not granted are reported. */
  readonly plugin?: () => GrantedAccess | undefined;
}

const parseChecker: PsreqChecker = ({ document }) => document.diagnostics;

function payloadBodyChecker(create: () => PayloadValidator): PsreqChecker {
  let validator: PayloadValidator | undefined;
  return ({ document }) => {
    const bodies = payloadBodiesOf(document);
    if (bodies.length === 0) return [];
    validator ??= create();
    return validatePsreqBodies(validator, bodies).map(({ start, end, severity, message, code }) => ({ start, end, severity, message, code }));
  };
}

/** Every check of a `.psreq` file: what `psdev check` prints and the editor's psreq diagnostics show. */
export function psreqChecks(options: PsreqCheckOptions): PsreqChecker[] {
  const checks: PsreqChecker[] = [
    parseChecker,
    ({ document }) => lintVariables(document, options.knownVariables?.()),
    ({ text, document }) => options.assist.diagnose(text, { parsed: document }),
    sendingChecker(options),
  ];
  if (options.payloadValidator) checks.push(payloadBodyChecker(options.payloadValidator));
  if (options.plugin) checks.push(accessChecker(options.plugin));
  return checks;
}

/** Runs every checker over the file; a checker that throws becomes one finding, not a crash. */
export async function checkPsreq(input: PsreqCheckInput, checkers: readonly PsreqChecker[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const checker of checkers) {
    try {
      findings.push(...(await checker(input)));
    } catch (error) {
      findings.push({ start: 0, end: 0, severity: 'error', code: 'checker-failed', message: `internal error in a checker: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
