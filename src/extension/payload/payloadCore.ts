import type * as PayloadCore from '../../core/payload';

/**
 * core's payload validation (the student and table-record schemas, the rules, the record-by-record
 * session) is a bundle of its own (dist/payload.js) required the first time a document is
 * validated or a schema is served: activation validates nothing. The extension reaches its
 * functions through this; a static value import would load it with the extension's bundle again.
 */
export function payloadCore(): typeof PayloadCore {
  return require('../../core/payload') as typeof PayloadCore;
}
