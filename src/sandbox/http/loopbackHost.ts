const loopbackHost = /^(?:\[::1\]|localhost|127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}))(?::\d{1,5})?$/i;

/**
 * True when a `Host` header names this machine's loopback (127.0.0.0/8, `localhost`, `[::1]`, any
 * port). Anything else reached the sandbox through a name the user did not type for it, as in DNS
 * rebinding, where a web page's own host name resolves to 127.0.0.1. No Host (HTTP/1.0) is loopback:
 * the server listens on 127.0.0.1 only.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const match = loopbackHost.exec(host);
  return match !== null && match.slice(1).every((octet) => octet === undefined || Number(octet) <= 255);
}
