import { memoizeByText } from '../../text';
import { isArrayArg } from '../queryCall';
import { oracleToSqlite, type TranslateOptions } from './toSqlite';
import { UnsupportedSql } from './unsupported';

/** An arg as the translation needs it: its name and whether it is an array (bound into `IN (…)`). */
export interface TranslatedArg {
  readonly name: string;
  /** As written: `array` (any case) is an array, anything else a primitive. */
  readonly type?: string;
}

/** The translation options of a query's args, as the sandbox installs the query. */
export function translationArgs(args: readonly TranslatedArg[]): TranslateOptions['args'] {
  return args.map((arg) => ({ name: arg.name, array: isArrayArg(arg) }));
}

/** What the sandbox refuses in a query's SQL (the first construct it cannot run), or undefined when it runs it. */
export function sandboxRefusal(sql: string, args: readonly TranslatedArg[]): UnsupportedSql | undefined {
  try {
    oracleToSqlite(sql, { args: translationArgs(args) });
    return undefined;
  } catch (error) {
    if (error instanceof UnsupportedSql) return error;
    throw error;
  }
}

/** sandboxRefusal with memory of the `limit` most recent queries (the editor checks on every edit). */
export function memoizedSandboxRefusal(limit = 1024): typeof sandboxRefusal {
  const refusal = memoizeByText((key) => {
    const [sql, args] = JSON.parse(key) as [string, TranslatedArg[]];
    return sandboxRefusal(sql, args);
  }, limit);
  return (sql, args) => refusal(JSON.stringify([sql, args.map(({ name, type }) => ({ name, type }))]));
}
