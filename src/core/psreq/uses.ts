import { findReferences, messageReferenceOf } from './references';
import type { FileVariable, PsreqRequest } from './types';

/**
 * What a request's `{{…}}` draw on from outside the file: the process environment and earlier
 * responses. The send policy judges a request by them (a secret or student data leaving for
 * another host).
 */
export interface VariableUses {
  /** System variables that read the process environment, as written: `$processEnv PS_CLIENT_SECRET`. */
  readonly environmentReads: readonly string[];
  /** Requests whose response the request carries (`{{name.response…}}`). */
  readonly responses: readonly string[];
}

const environmentReaders = new Set(['$processEnv', '$dotenv']);

/** Whether `{{name}}` reads the process environment (`$processEnv`, `$dotenv`). */
export function readsEnvironment(name: string): boolean {
  return environmentReaders.has(name.split(/\s+/, 1)[0]!);
}

/** Collects the uses of the names a resolver (or a static walk) meets. */
export class VariableUsesRecorder implements VariableUses {
  private readonly reads = new Set<string>();
  private readonly named = new Set<string>();

  get environmentReads(): readonly string[] {
    return [...this.reads];
  }

  get responses(): readonly string[] {
    return [...this.named];
  }

  record(name: string): void {
    if (readsEnvironment(name)) this.reads.add(name.replace(/\s+/g, ' '));
    const message = messageReferenceOf(name);
    if (message?.entity === 'response') this.named.add(message.request);
  }
}

/**
 * The uses of a request read from the file alone, through the file variables it names (connection
 * variables and `<@ file` contents are not known here): what `psdev check` judges.
 */
export function usesWritten(document: { readonly fileVariables: readonly Pick<FileVariable, 'name' | 'value'>[] }, request: PsreqRequest): VariableUses {
  const recorder = new VariableUsesRecorder();
  const values = new Map<string, string>();
  for (const variable of document.fileVariables) values.set(variable.name, variable.value);
  const seen = new Set<string>();
  const visit = (name: string) => {
    recorder.record(name);
    const value = values.get(name);
    if (value === undefined || seen.has(name)) return;
    seen.add(name);
    for (const reference of findReferences(value, 0)) visit(reference.name);
  };
  for (const reference of request.references) visit(reference.name);
  return recorder;
}
