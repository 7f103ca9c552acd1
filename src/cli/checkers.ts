import { parseChecker, variableChecker, type PsreqChecker } from '../core/check';

/**
 * Everything `psdev check` runs over a `.psreq` file. Each feature that can find problems in a
 * request file adds its checker here (q-expressions and URLs, payload bodies, …).
 */
export const psreqCheckers: readonly PsreqChecker[] = [parseChecker, variableChecker];
