/** True for this machine: 127.0.0.0/8, ::1 and localhost (WHATWG URL parsing has already normalised `127.1`, `0x7f.0.0.1`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Only names that cannot resolve elsewhere: `*.localhost` can be pointed anywhere by a resolver.
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Why credentials must not go to this URL, or undefined when they may. */
export function cleartextProblem(url: string, allowInsecure: boolean | undefined): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' || allowInsecure || isLoopbackHost(parsed.hostname)) return undefined;
  return `refusing to send credentials over plain http:// to ${parsed.hostname}; use https:// or mark the connection "allowInsecure"`;
}
