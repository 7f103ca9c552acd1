import type { PsreqRequest } from '../psreq';
import { percentDecode } from '../q/index';
import { bodyKeyAt, readJsonBody, type BodyMember } from './body';
import { describeRequest, type RequestInfo } from './requestInfo';
import type { UrlParameter } from './urlText';

// Which part of a request an offset is in: a path segment, a query key or value, a JSON body
// key or string value. Completion and hover start here.

export type RequestPart =
  | { kind: 'path'; info: RequestInfo; /** local index in the apiPath text */ cursor: number; /** nothing typed yet after the method */ empty?: { offset: number } }
  | { kind: 'query-key'; info: RequestInfo; parameter: UrlParameter; cursor: number }
  | { kind: 'query-value'; info: RequestInfo; parameter: UrlParameter; name: string; cursor: number }
  | { kind: 'body-key'; info: RequestInfo; start: number; end: number; quoted: boolean }
  | { kind: 'body-string'; info: RequestInfo; member: BodyMember; cursor: number }
  | { kind: 'none' };

function inUrl(info: RequestInfo, offset: number): RequestPart | undefined {
  const { url } = info;
  const index = url.url.fromDocument(offset);
  if (index === undefined) return undefined;
  if (url.queryStart < 0 || index <= url.queryStart) {
    return index >= url.apiPathStart ? { kind: 'path', info, cursor: index - url.apiPathStart } : undefined;
  }
  const parameter = url.parameters.find((candidate) => candidate.start <= index && index <= candidate.end);
  if (!parameter) return undefined;
  const keyEnd = parameter.start + parameter.key.text.length;
  if (!parameter.hasEquals || index <= keyEnd) return { kind: 'query-key', info, parameter, cursor: index - parameter.start };
  return { kind: 'query-value', info, parameter, name: percentDecode(parameter.key.text), cursor: index - keyEnd - 1 };
}

export function locateInRequest(documentText: string, request: PsreqRequest, offset: number): RequestPart {
  const info = describeRequest(request);
  const url = inUrl(info, offset);
  if (url) return url;
  const lineEnd = documentText.indexOf('\n', request.method.span.end);
  const onRequestLine = offset > request.method.span.end && (lineEnd < 0 || offset <= lineEnd);
  if (request.url.text === '' && !request.method.implicit && onRequestLine) return { kind: 'path', info, cursor: 0, empty: { offset } };
  const body = request.body;
  if (body && !body.file && offset >= body.span.start && offset <= body.span.end) {
    const key = bodyKeyAt(request, offset);
    if (key) return { kind: 'body-key', info, ...key };
    const member = readJsonBody(documentText, request)?.members.find((candidate) => candidate.stringValue && candidate.value && candidate.value.start < offset && offset <= candidate.value.end);
    const cursor = member?.stringValue?.fromDocument(offset);
    if (member && cursor !== undefined) return { kind: 'body-string', info, member, cursor };
  }
  return { kind: 'none' };
}
