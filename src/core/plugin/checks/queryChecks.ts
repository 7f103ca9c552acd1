import type { NamedQuery, Plugin, PluginFinding, PluginFix } from '../model';
import { finding } from '../readPlugin';
import type { CheckContext } from './context';
import { appendChildren, editableText, insertBefore } from './edits';

const documentedParts = 'PowerSchool documents five-part names (com.org.product.area.name); published plugins ship 2- to 7-part names';

/** Query names: empty (reported when read), repeated in the plugin, and part counts PowerSchool may not expect (a warning: real plugins vary). */
export function queryNameChecks({ plugin }: CheckContext): PluginFinding[] {
  const findings: PluginFinding[] = [];
  const byName = new Map<string, NamedQuery[]>();
  for (const query of plugin.queries) {
    if (!query.name) continue;
    const key = query.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), query]);
    const range = query.source.attributes.name!.valueRange;
    const parts = query.name.split('.');
    if (parts.some((part) => part === '')) findings.push(finding(range, 'warning', 'query-name', `query name '${query.name}' has an empty part: remove the extra dot (${documentedParts})`));
    else if (parts.length < 2) findings.push(finding(range, 'warning', 'query-name', `query name '${query.name}' has one part: use a dotted name such as com.example.plugin.area.${query.name} (${documentedParts}; a one-part name can clash with other plugins' queries)`));
    if (/[^A-Za-z0-9_.]/.test(query.name)) findings.push(finding(range, 'warning', 'query-name', `query name '${query.name}' has characters other than letters, digits, '_' and '.': published plugins use only those, and the name is part of the URL /ws/schema/query/<name>`));
  }
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    for (const query of same.slice(1)) {
      const first = same[0]!.source.attributes.name!.valueRange;
      findings.push(finding(query.source.attributes.name!.valueRange, 'error', 'duplicate-query', `query '${query.name}' is already defined in ${first.file}:${first.start.line + 1}: rename one (POST /ws/schema/query/<name> can run only one of them)`));
    }
  }
  return findings;
}

/**
 * SQL the sandbox cannot run is information, not a problem: PowerSchool runs Oracle, and the
 * finding tells the author why Run on the sandbox answers 400 before they press it.
 */
export function sandboxSqlChecks({ plugin, sandboxRefusal, sqlRange }: CheckContext): PluginFinding[] {
  return plugin.queries.flatMap((query) => {
    const refusal = sandboxRefusal(query);
    if (!refusal) return [];
    return [finding(sqlRange(query, refusal.start, refusal.end), 'info', 'sandbox-sql', `${refusal.message} (PowerSchool may still run it; the sandbox answers Run with 400)`)];
  });
}

/** Every `:bind` declared as an arg (names ignoring case, as PowerSchool matches them), and every required arg used. */
export function bindChecks({ plugin, analysis: analyses, sqlRange }: CheckContext): PluginFinding[] {
  const findings: PluginFinding[] = [];
  for (const query of plugin.queries) {
    const analysis = analyses(query);
    if (!analysis) continue;
    const declared = new Set(query.args.map((arg) => arg.name.toLowerCase()));
    const reported = new Set<string>();
    for (const bind of analysis.binds) {
      const key = bind.name.toLowerCase();
      if (declared.has(key) || reported.has(key)) continue;
      reported.add(key);
      const fix = declareArgFix(plugin, query, bind.name);
      findings.push(finding(sqlRange(query, bind.start, bind.end), 'error', 'undeclared-bind', `:${bind.name} is not declared: add <arg name="${bind.name}" type="primitive" required="true" description="…"/> to the query's <args> (PowerSchool binds only declared args)`, fix ? [fix] : undefined));
    }
    const bound = new Set(analysis.binds.map((bind) => bind.name.toLowerCase()));
    for (const arg of query.args) {
      if (!arg.name || !arg.required || bound.has(arg.name.toLowerCase())) continue;
      findings.push(finding(arg.source.attributes.name!.valueRange, 'warning', 'unused-arg', `required arg '${arg.name}' is never used in the SQL: bind it as :${arg.name}, or remove it (every call must still pass it)`));
    }
  }
  return findings;
}

function declareArgFix(plugin: Plugin, query: NamedQuery, name: string): PluginFix | undefined {
  const text = editableText(plugin, query.file);
  if (text === undefined) return undefined;
  const arg = `<arg name="${name}" type="primitive" required="true" description="${name}"/>`;
  const before = query.columnsElement ?? query.sql?.source;
  const edit = query.argsElement
    ? appendChildren(query.file, text, query.argsElement, 'args', [arg])
    : before
      ? insertBefore(query.file, text, before, ['<args>', `\t${arg}`, '</args>'])
      : undefined;
  return edit && { title: `Declare :${name} as an arg`, edits: [edit] };
}

/** The number of `<column>` elements equals the top-level SELECT list (plugin-corpus-facts.md: it does in all 149 countable real queries). */
export function columnCountChecks({ plugin, analysis: analyses, sqlRange }: CheckContext): PluginFinding[] {
  const findings: PluginFinding[] = [];
  for (const query of plugin.queries) {
    const analysis = analyses(query);
    if (!analysis || !query.columnsElement || !('items' in analysis.selectList)) continue;
    const selected = analysis.selectList.items.length;
    const declared = query.columns.length;
    if (selected === declared) continue;
    const advice = declared < selected
      ? `add ${selected - declared} <column> element(s) for the last SELECT item(s)`
      : `remove ${declared - selected} <column> element(s) or select more`;
    findings.push(finding(query.columnsElement.startTagRange, 'error', 'column-count', `<columns> has ${declared} column(s) but the SELECT list has ${selected}: ${advice} (PowerSchool maps them one to one, in order)`));
    const extra = analysis.selectList.items[declared];
    if (extra) findings.push(finding(sqlRange(query, extra.start, extra.end), 'error', 'column-count', `SELECT item ${declared + 1} has no <column> in <columns>: add one`));
  }
  return findings;
}
