import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { json, type SandboxRequest, type SandboxResponse } from './types';

/** PowerSchool's default token lifetime: 30 days. */
export const defaultTokenLifetimeSeconds = 30 * 24 * 3600;

export interface TokenIssuerOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly lifetimeSeconds: number;
  readonly now: () => number;
}

interface IssuedToken {
  readonly value: string;
  readonly expiresAt: number;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const challenge = (error?: { code: string; description: string }) =>
  error
    ? `Bearer error="${error.code}",realm="PowerSchool",error_description="${error.description}"`
    : 'Bearer realm="PowerSchool"';

/**
 * The OAuth2 client-credentials server: one client, one live token at a time. As PowerSchool
 * does, asking again before expiry returns the same token with the remaining lifetime.
 */
export class TokenIssuer {
  private current: IssuedToken | undefined;
  private readonly revoked = new Set<string>();

  constructor(private readonly options: TokenIssuerOptions) {}

  /** The 401 for a token request without this client's credentials, else undefined; needs only the headers. */
  refuseClient(headers: IncomingHttpHeaders): SandboxResponse | undefined {
    const credentials = basicCredentials(headers.authorization);
    if (credentials && sameText(credentials.id, this.options.clientId) && sameText(credentials.secret, this.options.clientSecret)) return undefined;
    // Shape inferred from client code: {error, error_description}; no secret is ever echoed.
    return json(401, { error: 'invalid_client', error_description: 'Bad client credentials' }, { 'WWW-Authenticate': 'Basic realm="PowerSchool"' });
  }

  /** `POST /oauth/access_token` */
  issue(request: SandboxRequest): SandboxResponse {
    const refused = this.refuseClient(request.headers);
    if (refused) return refused;
    const form = new URLSearchParams(request.body);
    const grant = form.get('grant_type') ?? request.query.get('grant_type');
    if (grant !== 'client_credentials') {
      return json(400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grant ?? '(none)'}` });
    }
    const now = this.options.now();
    if (!this.current || this.current.expiresAt <= now) {
      this.current = { value: randomUUID(), expiresAt: now + this.options.lifetimeSeconds * 1000 };
    }
    const remaining = Math.max(0, Math.floor((this.current.expiresAt - now) / 1000));
    // expires_in is a string in PowerSchool's response (confirmed quirk).
    return json(200, { access_token: this.current.value, token_type: 'Bearer', expires_in: String(remaining) }, { 'Cache-Control': 'no-store' });
  }

  /** Whether the request's bearer token is one this client issued (live or not): which client a request speaks for. */
  issued(headers: IncomingHttpHeaders): boolean {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
    return token !== undefined && (this.current !== undefined && sameText(token, this.current.value) || this.revoked.has(token));
  }

  /** Undefined when the request carries a live token, else the 401 to send (empty body, as PowerSchool). */
  check(headers: IncomingHttpHeaders): SandboxResponse | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
    if (!match) return { status: 401, text: '', headers: { 'WWW-Authenticate': challenge() } };
    const token = match[1]!;
    if (this.current && sameText(token, this.current.value) && !this.revoked.has(token)) {
      if (this.current.expiresAt > this.options.now()) return undefined;
      return { status: 401, text: '', headers: { 'WWW-Authenticate': challenge({ code: 'invalid_token', description: 'The access token has expired' }) } };
    }
    return { status: 401, text: '', headers: { 'WWW-Authenticate': challenge({ code: 'invalid_token', description: 'Invalid access token' }) } };
  }

  /** Invalidates the live token now; the next token request gets a new one. */
  revokeAll(): void {
    if (this.current) this.revoked.add(this.current.value);
    this.current = undefined;
  }
}
