import { requestChecker } from '../core/assist';
import { parseChecker, variableChecker, type PsreqChecker } from '../core/check';
import { createPayloadValidator, payloadBodiesOf, validatePsreqBodies, type PayloadValidator } from '../core/payload';

/**
 * Payload rules for the inline bodies of `POST /ws/v1/student` and `POST|PUT /ws/schema/table/{t}`
 * requests, built-in rules only (no connection here). The validator (≈140 ms of ajv compiling)
 * is made on the first such body, not for every command.
 */
function payloadBodyChecker(): PsreqChecker {
  let validator: PayloadValidator | undefined;
  return ({ document }) => {
    const bodies = payloadBodiesOf(document);
    if (bodies.length === 0) return [];
    validator ??= createPayloadValidator();
    return validatePsreqBodies(validator, bodies).map(({ start, end, severity, message, code }) => ({ start, end, severity, message, code }));
  };
}

/**
 * Everything `psdev check` runs over a `.psreq` file. Each feature that can find problems in a
 * request file adds its checker here (q-expressions and URLs, payload bodies, …).
 */
export const psreqCheckers: readonly PsreqChecker[] = [parseChecker, variableChecker, requestChecker, payloadBodyChecker()];
