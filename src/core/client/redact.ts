// A streamed text is let out up to a `,`, `}` or `]` at least `holdBackChars` from its end: no
// token or pattern below spans one, and the held-back tail keeps a secret that does whole. Text
// without such a character is let out once a megabyte waits, cut at a character no token holds.
const holdBackChars = 4096;
const maxPendingChars = 1024 * 1024;
const tokenCharacter = /[A-Za-z0-9._~+/=%-]/;
// What comes right before a masked value (see `redact`): a cut there would leave the value with nothing to name it.
const credentialLead = /(?:\b(?:Basic|Bearer)\s+|(?:access_token|client_secret)"?\s*(?:[:=]\s*"?)?|\b[a-z][a-z0-9+.-]*:\/\/[^/?#\s"'<>@]*)$/i;
const leadWindow = 256;

/** Moves a cut back before a key, scheme or URL userinfo that ends at it (a `,` may sit inside userinfo). */
function beforeCredentialLead(text: string, cut: number): number {
  for (;;) {
    const from = Math.max(0, cut - leadWindow);
    const lead = credentialLead.exec(text.slice(from, cut));
    if (!lead || lead[0].length === 0) return cut;
    cut = from + lead.index;
  }
}

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
      // `/oauth/access_token: …` is the token URL's path in a message, not a key with a value.
      .replace(/((?<!\/)access_token"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***')
      .replace(/(client_secret"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***')
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s"'<>@]+@/gi, '$1***@');
  }

  /**
   * Redacts text that arrives in pieces (a body streamed to a file): `push` returns what is safe
   * to write so far, `end` the rest. At most about a megabyte waits at any time.
   */
  streaming(): { push(text: string): string; end(): string } {
    let pending = '';
    const cutAt = (cut: number) => {
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return this.redact(ready);
    };
    return {
      push: (text) => {
        pending += text;
        // Only the new text is searched, so each character is looked at once.
        const from = text.length - holdBackChars - 1;
        const at = from < 0 ? -1 : Math.max(text.lastIndexOf(',', from), text.lastIndexOf('}', from), text.lastIndexOf(']', from));
        if (at >= 0) return cutAt(beforeCredentialLead(pending, pending.length - text.length + at + 1));
        if (pending.length <= maxPendingChars) return '';
        let cut = pending.length - holdBackChars;
        const floor = cut - holdBackChars;
        while (cut > floor && tokenCharacter.test(pending[cut - 1]!)) cut--;
        if (cut === floor) cut = pending.length - holdBackChars;
        return cutAt(beforeCredentialLead(pending, cut));
      },
      end: () => cutAt(pending.length),
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
