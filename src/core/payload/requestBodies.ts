import type { PsreqDocument } from '../psreq';
import { placed } from './findings';
import { payloadTargetOf, validateRequestBody, type PayloadTarget } from './requestBody';
import type { ColumnInfo } from '../schema';
import type { ExtensionCatalog, PayloadFinding } from './types';
import type { PayloadValidator } from './validator';

// .psreq requests → payload findings in offsets of the whole file: shared by the editor and `psdev check`.

/** A request whose inline JSON body takes one of the payloads we know. */
export interface PayloadBody {
  readonly method: string;
  readonly url: string;
  readonly target: PayloadTarget;
  readonly text: string;
  /** Offset of the body's first character in the .psreq file. */
  readonly offset: number;
}

/** `{{baseUrl}}/ws/v1/student` names the path after its variable host part. */
function withoutLeadingVariable(url: string): string {
  return url.replace(/^\{\{[^}]*\}\}/, '');
}

/** Inline bodies of requests that post a student or table-record payload (`< file` bodies are left alone). */
export function payloadBodiesOf(document: Pick<PsreqDocument, 'requests'>): PayloadBody[] {
  const bodies: PayloadBody[] = [];
  for (const request of document.requests) {
    const body = request.body;
    if (!body || body.file || body.text.trim() === '') continue;
    const offset = body.span.start;
    const method = request.method.text;
    const url = withoutLeadingVariable(request.url.text.trim());
    const target = payloadTargetOf(method, url);
    if (target) bodies.push({ method, url, target, text: body.text, offset });
  }
  return bodies;
}

export interface LiveLookups {
  readonly extensionCatalog?: () => ExtensionCatalog | undefined;
  readonly tableColumns?: (table: string) => readonly ColumnInfo[] | undefined;
}

/** Payload findings of every request body in a .psreq file, in file offsets. */
export function validatePsreqBodies(validator: PayloadValidator, bodies: readonly PayloadBody[], lookups: LiveLookups = {}): PayloadFinding[] {
  const findings: PayloadFinding[] = [];
  for (const body of bodies) {
    // The catalog is fetched only for bodies that name extension tables.
    const extensionCatalog = body.target.kind === 'students' && body.text.includes('_extension_data') ? lookups.extensionCatalog?.() : undefined;
    const found = validateRequestBody(validator, {
      method: body.method,
      url: body.url,
      body: body.text,
      ...(extensionCatalog ? { extensionCatalog } : {}),
      ...(lookups.tableColumns ? { tableColumns: lookups.tableColumns } : {}),
    });
    for (const finding of found) findings.push(placed(finding, body.offset));
  }
  return findings;
}
