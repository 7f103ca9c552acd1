import * as vscode from 'vscode';
import type { NamedQuery, QueryArg } from '../../core/plugin';

const stateKey = 'powerschool.plugin.queryArgs';

/** What the user typed for each arg of a query, as typed (arrays as their comma-separated text). */
type TypedArgs = Readonly<Record<string, string>>;

/** Asks for one arg; `value` is what to offer (last time's, else the default). Undefined: the user cancelled. */
export type ArgAsker = (query: NamedQuery, arg: QueryArg, value: string) => Promise<string | undefined>;

const isArray = (arg: QueryArg) => arg.type?.toLowerCase() === 'array';

/** An array arg's text as PowerSchool takes it: a JSON array as written, else comma-separated values. */
function arrayValue(text: string): unknown[] | string {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) ? parsed : 'a JSON array, or values separated by commas';
    } catch (error) {
      return `not a JSON array: ${(error as Error).message}`;
    }
  }
  return trimmed.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Why `text` is not a value for `arg`, or undefined when it is. */
export function argProblem(arg: QueryArg, text: string): string | undefined {
  if (!text.trim()) return arg.required ? `${arg.name} is required` : undefined;
  const value = isArray(arg) ? arrayValue(text) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The input box for one arg, typed by the arg's type: a value, or a list for an array (bound into IN (…)). */
export const askInInputBox: ArgAsker = (query, arg, value) =>
  Promise.resolve(vscode.window.showInputBox({
    title: `Run ${query.name}: ${arg.name}${arg.required ? '' : ' (optional: leave empty to leave it out)'}`,
    prompt: [arg.description, isArray(arg) ? 'array: values separated by commas, or a JSON array' : 'a value'].filter(Boolean).join(' · '),
    value,
    ignoreFocusOut: true,
    validateInput: (text) => argProblem(arg, text),
  }));

/**
 * The args of a query run: each asked in turn (offering what was typed last time for this query,
 * kept in the workspace's state, else its default), then sent as PowerSchool takes them. An
 * empty optional arg is left out. Undefined when the user cancelled.
 */
export class QueryArgs {
  constructor(private readonly state: vscode.Memento, private ask: ArgAsker = askInInputBox) {}

  /** Replaces the input boxes (tests answer them); undefined restores them. */
  setAsker(ask: ArgAsker | undefined): void {
    this.ask = ask ?? askInInputBox;
  }

  remembered(query: string): TypedArgs {
    return this.state.get<Record<string, TypedArgs>>(stateKey, {})[query] ?? {};
  }

  async collect(query: NamedQuery): Promise<Record<string, unknown> | undefined> {
    const last = this.remembered(query.name);
    const typed: Record<string, string> = {};
    const args: Record<string, unknown> = {};
    for (const arg of query.args.filter((each) => each.name)) {
      const text = await this.ask(query, arg, last[arg.name] ?? arg.default ?? '');
      if (text === undefined) return undefined;
      const problem = argProblem(arg, text);
      if (problem) throw new Error(`${query.name}: ${problem}`);
      typed[arg.name] = text;
      if (text.trim()) args[arg.name] = isArray(arg) ? arrayValue(text) : text.trim();
    }
    await this.state.update(stateKey, { ...this.state.get<Record<string, TypedArgs>>(stateKey, {}), [query.name]: typed });
    return args;
  }
}
