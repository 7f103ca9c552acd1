/**
 * Masks credentials in any text before it is logged: the client secret, every token this client
 * has held, and whatever follows `Basic`/`Bearer`. The one place redaction happens.
 */
export class Redactor {
  private readonly known = new Set<string>();

  remember(value: string | undefined): void {
    if (value && value.length >= 4) this.known.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const value of this.known) result = result.split(value).join('***');
    return result.replace(/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***').replace(/(access_token"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1***');
  }
}
