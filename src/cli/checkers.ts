import { parseChecker, variableChecker, type PsreqChecker } from '../core/check';
import { createPayloadValidator, payloadTargetOf, validateRequestBody, type PayloadValidator } from '../core/payload';

/**
 * Payload rules (issue 8) for the inline bodies of `POST /ws/v1/student` and
 * `POST|PUT /ws/schema/table/{t}` requests, built-in rules only (no connection here). The
 * validator (≈140 ms of ajv compiling) is made on the first such body, not for every command.
 */
function payloadBodyChecker(): PsreqChecker {
  let validator: PayloadValidator | undefined;
  return ({ document }) =>
    document.requests.flatMap((request) => {
      const body = request.body;
      // `{{baseUrl}}/ws/v1/student`: the path after a variable host part decides.
      const url = request.url.text.trim().replace(/^\{\{[^}]*\}\}/, '');
      if (!body || body.file || !payloadTargetOf(request.method.text, url)) return [];
      validator ??= createPayloadValidator();
      return validateRequestBody(validator, { method: request.method.text, url, body: body.text }).map(({ start, end, severity, message, code }) => ({
        start: start + body.span.start, end: end + body.span.start, severity, message, code,
      }));
    });
}

/**
 * Everything `psdev check` runs over a `.psreq` file. Each feature that can find problems in a
 * request file adds its checker here (q-expressions and URLs, payload bodies, …).
 */
export const psreqCheckers: readonly PsreqChecker[] = [parseChecker, variableChecker, payloadBodyChecker()];
