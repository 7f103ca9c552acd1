import type { IncomingHttpHeaders } from 'node:http';

/** One parsed request as the route handlers see it. */
export interface SandboxRequest {
  readonly method: string;
  /** Decoded path without the query string, trailing slash removed (except for `/`). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Path parameters captured by the matched route. */
  readonly params: Readonly<Record<string, string>>;
}

/** What a handler answers; the server serialises `json` (or sends `text` as is). */
export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
  /** A JSON body already serialized as UTF-8, in parts sent one after another (see `jsonParts`). */
  readonly parts?: readonly Uint8Array[];
}

export type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return { status, json: body, headers };
}

/** A JSON body from serialized parts, written as they are (never joined): a cache may keep the parts. */
export function jsonParts(status: number, parts: readonly Uint8Array[]): SandboxResponse {
  return { status, parts, headers: { 'Content-Type': 'application/json;charset=UTF-8' } };
}

export interface ErrorDetail {
  readonly resource: string;
  readonly field: string;
  readonly code: string;
}

/**
 * PowerSchool's error body: `{"message": "...", "errors": [{resource, field, code}]}` (the
 * reference marks this shape inferred from client code; the same shape serves every error here).
 */
export function errorResponse(status: number, message: string, errors?: readonly ErrorDetail[], headers?: Record<string, string>): SandboxResponse {
  return json(status, errors && errors.length ? { message, errors } : { message }, headers);
}

/** Reads an integer query parameter from `minimum` to `maximum`; undefined when absent, an error message when invalid. */
export function integerParam(query: URLSearchParams, name: string, minimum: number, maximum: number): number | undefined | { error: string } {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) return { error: `${name} must be an integer, got '${raw}'` };
  const value = Number(raw.trim());
  if (value < minimum) return { error: `${name} must be at least ${minimum}, got ${value}` };
  if (value > maximum) return { error: `${name} must be at most ${maximum}, got ${raw.trim()}` };
  return value;
}
