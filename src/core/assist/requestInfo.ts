import type { PsreqRequest, VariableReference } from '../psreq';
import { pathSegments as templateSegments, placeholderName } from '../endpoints';
import { matchEndpoint, type EndpointSpec } from '../q/index';
import { subSlice, type TextSlice } from './textSlice';
import { splitUrl, type UrlParts } from './urlText';

// What the assistant needs to know about one request: its URL split into parts, the documented
// endpoint it calls (if any), and the values of the path's placeholders ({table}, {name}, …).

export interface PathSegment {
  /** Local indexes in the apiPath text. */
  start: number;
  end: number;
  text: string;
  slice: TextSlice;
}

export interface RequestInfo {
  request: PsreqRequest;
  url: UrlParts;
  method: string;
  segments: PathSegment[];
  endpoint?: EndpointSpec;
  /** Placeholder name (`table`, `name`, `id`) → the segment filling it. */
  placeholders: Map<string, PathSegment>;
}

export function pathSegments(apiPath: TextSlice): PathSegment[] {
  const segments: PathSegment[] = [];
  const text = apiPath.text;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '/') continue;
    if (i > start) segments.push({ start, end: i, text: text.slice(start, i), slice: subSlice(apiPath, start, i) });
    start = i + 1;
  }
  return segments;
}

export function describeRequest(request: PsreqRequest): RequestInfo {
  const url = splitUrl(request.url);
  const segments = pathSegments(url.apiPath);
  const method = request.method.text;
  const endpoint = url.apiPath.text ? matchEndpoint(method, url.apiPath.text) : undefined;
  const placeholders = new Map<string, PathSegment>();
  if (endpoint) {
    templateSegments(endpoint.path).forEach((part, index) => {
      const name = placeholderName(part);
      if (name && segments[index]) placeholders.set(name, segments[index]);
    });
  }
  return { request, url, method, segments, endpoint, placeholders };
}

/** The placeholder's value when it is plain text (not a `{{variable}}`). */
export function literalPlaceholder(info: RequestInfo, name: string): string | undefined {
  const segment = info.placeholders.get(name);
  if (!segment || segment.text.includes('{{')) return undefined;
  return segment.text;
}

/** True when a document span touches a `{{variable}}`: findings there are about a placeholder, not the value. */
export function overlapsReference(references: readonly VariableReference[], start: number, end: number): boolean {
  return references.some(({ span }) => span.start < Math.max(end, start + 1) && start < span.end);
}
