import * as vscode from 'vscode';
import type { NamedQuery, QueryArg } from '../../core/plugin';
import { pluginCore } from './pluginCore';

const stateKey = 'powerschool.plugin.queryArgs';

/** What the user typed for each arg of a query, as typed (arrays as their comma-separated text). */
type TypedArgs = Readonly<Record<string, string>>;

/** Asks for one arg; `value` is what to offer (last time's, else the default). Undefined: the user cancelled. */
export type ArgAsker = (query: NamedQuery, arg: QueryArg, value: string) => Promise<string | undefined>;

/** The input box for one arg, typed by the arg's type: a value, or a list for an array (bound into IN (…)). */
const askInInputBox: ArgAsker = (query, arg, value) =>
  Promise.resolve(vscode.window.showInputBox({
    title: `Run ${query.name}: ${arg.name}${arg.required ? '' : ' (optional: leave empty to leave it out)'}`,
    prompt: [arg.description, pluginCore().isArrayArg(arg) ? 'array: values separated by commas, or a JSON array' : 'a value'].filter(Boolean).join(' · '),
    value,
    ignoreFocusOut: true,
    validateInput: (text) => pluginCore().queryArgValue(arg, text).problem,
  }));

/**
 * The args of a query run: each asked in turn (offering what was typed last time for this query,
 * kept in the workspace's state, else its default), then typed as PowerSchool takes them. An
 * empty optional arg is left out. Undefined when the user cancelled.
 */
export class QueryArgs {
  constructor(private readonly state: vscode.Memento, private ask: ArgAsker = askInInputBox) {}

  /** Replaces the input boxes (tests answer them); undefined restores them. */
  setAsker(ask: ArgAsker | undefined): void {
    this.ask = ask ?? askInInputBox;
  }

  async collect(query: NamedQuery): Promise<Record<string, unknown> | undefined> {
    const all = this.state.get<Record<string, TypedArgs>>(stateKey, {});
    const last = all[query.name] ?? {};
    const typed: Record<string, string> = {};
    const args: Record<string, unknown> = {};
    for (const arg of query.args.filter((each) => each.name)) {
      const text = await this.ask(query, arg, last[arg.name] ?? arg.default ?? '');
      if (text === undefined) return undefined;
      const { value, problem } = pluginCore().queryArgValue(arg, text);
      if (problem) throw new Error(`${query.name}: ${problem}`);
      typed[arg.name] = text;
      if (value !== undefined) args[arg.name] = value;
    }
    await this.state.update(stateKey, { ...all, [query.name]: typed });
    return args;
  }
}
