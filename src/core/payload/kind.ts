
export type PayloadKind = 'students' | 'tables';

/**
 * Which body a text holds, by its top-level key; for text that does not parse, by which of
 * the two keys appears first (so syntax errors still get the right validator).
 */
export function detectPayloadKind(text: string): PayloadKind | undefined {
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if ('students' in value) return 'students';
    if ('tables' in value) return 'tables';
    return undefined;
  } catch {
    const students = text.search(/"students"\s*:/);
    const tables = text.search(/"tables"\s*:/);
    if (students >= 0 && (tables < 0 || students < tables)) return 'students';
    return tables >= 0 ? 'tables' : undefined;
  }
}
