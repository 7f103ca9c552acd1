import type { SentRequest } from './types';

/** POSIX shell single-quoting: 'it'\''s'. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The request as a cURL command line. The token is written as `$PS_TOKEN` (so the line can be
 * shared) unless the caller passes the real one because the user asked for it.
 */
export function toCurl(request: SentRequest, options: { token?: string } = {}): string {
  const parts = ['curl'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(shellQuote(request.url));
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization' && request.withToken) {
      parts.push('-H', options.token ? shellQuote(`Authorization: Bearer ${options.token}`) : '"Authorization: Bearer $PS_TOKEN"');
      continue;
    }
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push('--data-raw', shellQuote(request.body));
  return parts.join(' ');
}
