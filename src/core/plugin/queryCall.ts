// A named query called as PowerSchool takes the call: args typed by their declared type, and the
// request that runs it. The editor asks for the args; the text is what its runner sends.
import type { QueryArg } from './model';

/** An arg declared `type="array"` (any case): its value is a list bound into `IN (…)`; anything else is a primitive. */
export function isArrayArg(arg: { readonly type?: string }): boolean {
  return arg.type?.toLowerCase() === 'array';
}

/**
 * An arg's value from what the user typed: trimmed text for a primitive; for an array (bound into
 * `IN (…)`) a JSON array as written, else the comma-separated values. A string is the problem
 * with the text; undefined leaves an empty optional arg out.
 */
export function queryArgValue(arg: Pick<QueryArg, 'name' | 'type' | 'required'>, text: string): { value?: unknown; problem?: string } {
  const trimmed = text.trim();
  if (!trimmed) return arg.required ? { problem: `${arg.name} is required` } : {};
  if (!isArrayArg(arg)) return { value: trimmed };
  if (!trimmed.startsWith('[')) return { value: trimmed.split(',').map((item) => item.trim()).filter((item) => item !== '') };
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) ? { value: parsed } : { problem: `${arg.name}: a JSON array, or values separated by commas` };
  } catch (error) {
    return { problem: `${arg.name}: not a JSON array (${(error as Error).message})` };
  }
}

/**
 * The .psreq text that runs query `name` with `args`: the name URL-encoded and every `{{` of the
 * body escaped (`\u007b` in a JSON string), so nothing a plugin file holds is read as a variable
 * (an arg's default could otherwise read the environment and send it). `pagesize=0`: every record.
 */
export function queryRequestText(name: string, args: Readonly<Record<string, unknown>>): string {
  const body = JSON.stringify(args).replace(/\{\{/g, '{\\u007b');
  return `POST /ws/schema/query/${encodeURIComponent(name)}?pagesize=0\nContent-Type: application/json\n\n${body}\n`;
}
