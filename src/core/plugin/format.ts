import { join } from 'node:path';
import { compilerLine } from '../text';
import type { PluginFinding } from './model';

/** `file:line:col: severity: message [code]` with 1-based line and column, as compilers print; `root` prefixes the plugin-relative path. */
export function formatPluginFinding(finding: PluginFinding, root?: string): string {
  const file = root === undefined ? finding.file : join(root, finding.file);
  return compilerLine(file, { line: finding.range.start.line, column: finding.range.start.character }, finding.severity, finding.message, finding.code);
}
