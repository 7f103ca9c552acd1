/**
 * A `.env` file's variables as dotenv reads them: `KEY=value` lines, an optional `export `,
 * `#` comments, single/double/backtick quotes (double quotes expand `\n`), later lines winning.
 */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const line = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*("(?:\\.|[^"\\])*"|'[^']*'|`[^`]*`|[^#\r\n]*?)\s*(?:#.*)?$/gm;
  for (const [, key, raw] of text.matchAll(line)) {
    const quote = raw![0];
    if (quote === '"') values[key!] = raw!.slice(1, -1).replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\(["\\])/g, '$1');
    else if (quote === "'" || quote === '`') values[key!] = raw!.slice(1, -1);
    else values[key!] = raw!;
  }
  return values;
}
