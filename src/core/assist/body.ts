import { getLocation, parseTree, type Node } from 'jsonc-parser/lib/esm/main';
import type { PsreqRequest } from '../psreq';
import { maskTemplates } from '../payload/requestBody';
import { jsonStringSlice } from './jsonString';
import type { TextSlice } from './textSlice';

// The top-level members of a JSON request body (a PowerQuery's arguments, `$q`, `projection`),
// with document offsets. `{{variables}}` are masked first so a templated body still parses.

export interface BodyMember {
  key: string;
  /** The key's string literal, quotes included (document offsets). */
  keyStart: number;
  keyEnd: number;
  value?: { type: Node['type']; start: number; end: number };
  /** The decoded string value, when the value is a string. */
  stringValue?: TextSlice;
}

export interface JsonBody {
  /** The top-level object (document offsets), when the body is one. */
  object?: { start: number; end: number };
  members: BodyMember[];
}

export function readJsonBody(documentText: string, request: PsreqRequest): JsonBody | undefined {
  const body = request.body;
  if (!body || body.file) return undefined;
  const masked = maskTemplates(body.text).text;
  const root = parseTree(masked, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return { members: [] };
  const base = body.span.start;
  const members: BodyMember[] = [];
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || keyNode.type !== 'string') continue;
    const member: BodyMember = { key: String(keyNode.value), keyStart: base + keyNode.offset, keyEnd: base + keyNode.offset + keyNode.length };
    if (valueNode) {
      member.value = { type: valueNode.type, start: base + valueNode.offset, end: base + valueNode.offset + valueNode.length };
      if (valueNode.type === 'string') member.stringValue = jsonStringSlice(documentText, base + valueNode.offset, valueNode.length);
    }
    members.push(member);
  }
  return { object: { start: base + root.offset, end: base + root.offset + root.length }, members };
}

/** Where in the body an offset is: typing a top-level key (and the key literal around it, if any). */
export function bodyKeyAt(request: PsreqRequest, offset: number): { start: number; end: number; quoted: boolean } | undefined {
  const body = request.body;
  if (!body || body.file || offset < body.span.start || offset > body.span.end) return undefined;
  const bodyStart = body.span.start;
  const masked = maskTemplates(body.text).text;
  const local = offset - bodyStart;
  const location = getLocation(masked, local);
  if (!location.isAtPropertyKey || location.path.length !== 1) return undefined;
  const previous = location.previousNode;
  if (previous && previous.type === 'string' && previous.offset <= local && local <= previous.offset + previous.length) {
    return { start: bodyStart + previous.offset, end: bodyStart + previous.offset + previous.length, quoted: true };
  }
  // A bare word being typed (`{ stu|`) is replaced whole.
  let start = local;
  while (start > 0 && /[\w$]/.test(masked[start - 1])) start--;
  let end = local;
  while (end < masked.length && /[\w$]/.test(masked[end])) end++;
  // An unfinished key (`{ "stu| }`, `{ "|" }`) the JSON scanner did not report as a node.
  if (masked[start - 1] === '"') {
    const closing = masked[end] === '"' ? end + 1 : end;
    return { start: bodyStart + start - 1, end: bodyStart + closing, quoted: true };
  }
  return { start: bodyStart + start, end: bodyStart + end, quoted: false };
}
