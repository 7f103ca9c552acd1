import { Redactor } from '../../core/client';
import type { Redacting } from './logger';

/**
 * Every client's redactor (the secrets and tokens it has held) plus the generic patterns
 * (Bearer, access_token, client_secret): what log lines and error messages pass through.
 * Redactors of replaced clients stay: an old token may still sit in a late error.
 */
export class Redaction implements Redacting {
  private readonly redactors = new Set<Redactor>([new Redactor()]);

  add(redactor: Redactor): void {
    this.redactors.add(redactor);
  }

  redact(text: string): string {
    let result = text;
    for (const redactor of this.redactors) result = redactor.redact(result);
    return result;
  }
}
