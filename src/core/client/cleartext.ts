/** True for this machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Why credentials must not go to this URL, or undefined when they may. */
export function cleartextProblem(url: string, allowInsecure: boolean | undefined): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' || allowInsecure || isLoopbackHost(parsed.hostname)) return undefined;
  return `refusing to send credentials over plain http:// to ${parsed.hostname}; use https:// or mark the connection "allowInsecure"`;
}
