import { didYouMean } from '../../text';
import type { PluginFinding } from '../model';
import { finding } from '../readPlugin';
import type { CheckContext } from './context';

/** What `<implies allow>` says in published plugins (plugin-corpus-facts.md: post 61, get 29, put 7), plus delete for table rows. */
const allowValues = new Set(['get', 'post', 'put', 'delete']);

/**
 * Permission mappings: a `/ws/schema/query/<name>` target names a query of this plugin (all 64
 * in the corpus do; PowerSchool's own com.pearson.* queries are left alone), and `allow` is an
 * HTTP method PowerSchool knows.
 */
export function permissionChecks({ plugin }: CheckContext): PluginFinding[] {
  const findings: PluginFinding[] = [];
  const names = plugin.queries.map((query) => query.name).filter(Boolean);
  const known = new Set(names);
  for (const mapping of plugin.permissionMappings) {
    for (const implies of mapping.implies) {
      const allow = implies.source.attributes.allow;
      if (allow && implies.allow && !allowValues.has(implies.allow.toLowerCase())) {
        findings.push(finding(allow.valueRange, 'warning', 'invalid-value', `allow '${implies.allow}' is not an HTTP method PowerSchool maps: write post (run a query), get (read) or put (write)`));
      }
      const target = implies.queryName;
      if (!target || known.has(target) || /^com\.pearson\./i.test(target)) continue;
      const sameButCase = names.find((name) => name.toLowerCase() === target.toLowerCase());
      const message = sameButCase
        ? `the target names query '${target}', but this plugin defines '${sameButCase}': write it with the same case`
        : `the target names query '${target}', which this plugin does not define: name one of its queries${didYouMean(target, names)}, or add the query to queries_root`;
      findings.push(finding(implies.target.range, 'warning', 'unknown-query', message));
    }
  }
  return findings;
}
