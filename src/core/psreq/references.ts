import type { PsreqDiagnostic, VariableReference } from './types';

/** Finds every `{{…}}` in `text` (which starts at `base` in the document). */
export function findReferences(text: string, base: number, diagnostics?: PsreqDiagnostic[]): VariableReference[] {
  const references: VariableReference[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const newline = text.slice(open + 2, close < 0 ? undefined : close).search(/[\r\n]/);
    if (close < 0 || newline >= 0) {
      const lineEnd = newline >= 0 ? open + 2 + newline : text.length;
      diagnostics?.push({ start: base + open, end: base + lineEnd, severity: 'error', code: 'unclosed-variable', message: "'{{' is not closed: write {{name}}" });
      from = open + 2;
      continue;
    }
    const inner = text.slice(open + 2, close);
    const leading = inner.length - inner.trimStart().length;
    const name = inner.trim();
    if (name === '') {
      diagnostics?.push({ start: base + open, end: base + close + 2, severity: 'error', code: 'empty-variable', message: 'empty {{}}: name a variable inside the braces' });
    } else {
      references.push({ name, span: { start: base + open, end: base + close + 2 }, nameSpan: { start: base + open + 2 + leading, end: base + open + 2 + leading + name.length } });
    }
    from = close + 2;
  }
  return references;
}

/** `{{name.response.body.path}}` / `{{name.request.headers.X}}`: what a named request answered or sent. */
export interface MessageReference {
  readonly request: string;
  readonly entity: 'response' | 'request';
  readonly part: 'body' | 'headers';
  /** The JSONPath (body) or header name after the part; undefined when the reference stops at the part. */
  readonly path?: string;
}

const messagePattern = /^([A-Za-z_][\w-]*)\.(response|request)\.(body|headers)(?:\.(.*))?$/;

/** The named request's message a reference reads, or undefined for any other name. */
export function messageReferenceOf(name: string): MessageReference | undefined {
  const match = messagePattern.exec(name);
  if (!match) return undefined;
  return { request: match[1]!, entity: match[2] as MessageReference['entity'], part: match[3] as MessageReference['part'], ...(match[4] !== undefined ? { path: match[4] } : {}) };
}
