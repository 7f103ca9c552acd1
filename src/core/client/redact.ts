// Text is let out of a stream only up to a `,`, `}` or `]`: no secret, token or pattern below
// spans one, so none is cut in two. `holdBackChars` (longer than any token) always stays behind.
const holdBackChars = 4096;
const maxPendingChars = 1024 * 1024;

/**
 * Masks credentials in any text before it is logged or shown: the client secret, every token this
 * client has held, whatever follows `Basic`/`Bearer`, a URL's user and password, and
 * Authorization headers. The one place redaction happens; the client's logger, its errors, the
 * extension's history and what psdev prints pass through it.
 */
export class Redactor {
  private readonly known = new Set<string>();

  remember(value: string | undefined): void {
    if (value && value.length >= 4) this.known.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const value of this.known) result = result.split(value).join('***');
    return result
      .replace(/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***')
      .replace(/(access_token"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***')
      .replace(/(client_secret"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***')
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s"'<>@]+@/gi, '$1***@');
  }

  /**
   * Redacts text that arrives in pieces (a body streamed to a file): `push` returns what is safe
   * to write so far, `end` the rest. At most about a megabyte waits at any time.
   */
  streaming(): { push(text: string): string; end(): string } {
    let pending = '';
    return {
      push: (text) => {
        pending += text;
        if (pending.length <= holdBackChars) return '';
        let cut = Math.max(pending.lastIndexOf(',', pending.length - holdBackChars), pending.lastIndexOf('}', pending.length - holdBackChars), pending.lastIndexOf(']', pending.length - holdBackChars)) + 1;
        if (cut === 0 && pending.length > maxPendingChars) cut = pending.length - holdBackChars;
        const ready = pending.slice(0, cut);
        pending = pending.slice(cut);
        return this.redact(ready);
      },
      end: () => {
        const rest = pending;
        pending = '';
        return this.redact(rest);
      },
    };
  }

  /** A copy of request or response headers fit to show: credentials masked, the rest redacted. */
  redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
    const shown: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (/^(authorization|proxy-authorization|cookie|set-cookie)$/i.test(name)) {
        const scheme = /^\s*(\w+)\s/.exec(value)?.[1];
        shown[name] = scheme ? `${scheme} ***` : '***';
      } else {
        shown[name] = this.redact(value);
      }
    }
    return shown;
  }
}
