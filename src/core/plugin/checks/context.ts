import type { NamedQuery, Plugin } from '../model';
import { rangeMaker, type RangeMaker, type SourceRange } from '../source';
import { analyzeSql, sandboxRefusal as refuseSql, type SqlAnalysis, type UnsupportedSql } from '../sql';
import type { PluginCatalog } from './catalog';

/** What every plugin check reads: the plugin, the catalog if any, and per-run caches of SQL analyses and line indexes. */
export interface CheckContext {
  readonly plugin: Plugin;
  readonly catalog?: PluginCatalog;
  /** The analysis of the query's SQL; undefined when it has none. */
  analysis(query: NamedQuery): SqlAnalysis | undefined;
  /** The construct of the query's SQL the sandbox cannot run; undefined when it runs it (or there is no SQL). */
  sandboxRefusal(query: NamedQuery): UnsupportedSql | undefined;
  /** The file range of SQL offsets of a query (the whole SQL when its offsets are approximate). */
  sqlRange(query: NamedQuery, start: number, end: number): SourceRange;
}

/** The SQL work a check run does; a host passes memoised ones to keep results across runs (the editor re-checks on every keystroke). */
export interface SqlTools {
  readonly analyzeSql?: (sql: string) => SqlAnalysis;
  readonly sandboxRefusal?: typeof refuseSql;
}

export function checkContext(plugin: Plugin, catalog: PluginCatalog | undefined, { analyzeSql: analyze = analyzeSql, sandboxRefusal = refuseSql }: SqlTools = {}): CheckContext {
  const analyses = new Map<NamedQuery, SqlAnalysis>();
  const ranges = new Map<string, RangeMaker>();
  const rangesOf = (file: string) => {
    let make = ranges.get(file);
    if (!make) ranges.set(file, (make = rangeMaker(file, plugin.files.find((each) => each.path === file)?.text ?? '')));
    return make;
  };
  return {
    plugin,
    ...(catalog ? { catalog } : {}),
    analysis(query) {
      if (!query.sql) return undefined;
      let analysis = analyses.get(query);
      if (!analysis) analyses.set(query, (analysis = analyze(query.sql.text)));
      return analysis;
    },
    sandboxRefusal(query) {
      return query.sql && sandboxRefusal(query.sql.text, query.args);
    },
    sqlRange(query, start, end) {
      const sql = query.sql!;
      return sql.exact ? rangesOf(query.file)(sql.offset + start, sql.offset + end) : sql.range;
    },
  };
}
