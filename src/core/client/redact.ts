/**
 * Masks credentials in any text before it is logged or shown: the client secret, every token this
 * client has held, whatever follows `Basic`/`Bearer`, and Authorization headers. The one place
 * redaction happens; the client's logger and its errors pass through it.
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
      .replace(/(client_secret"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***');
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
