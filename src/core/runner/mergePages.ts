/**
 * The first page's body with its record list replaced by every page's records, so `@all`
 * answers look like one big page: `{"record":[…]}` or the v1 wrapper `{"students":{"student":[…]}}`.
 * A body of another shape is returned as `{ record: [...] }`.
 */
export function mergePages(firstBody: unknown, records: readonly unknown[]): unknown {
  if (Array.isArray(firstBody)) return [...records];
  if (!firstBody || typeof firstBody !== 'object') return { record: [...records] };
  const body = firstBody as Record<string, unknown>;
  if ('record' in body) return { ...body, record: [...records] };
  const listKeys = Object.keys(body).filter((key) => !key.startsWith('@') && key !== 'name');
  if (listKeys.length !== 1) return { ...body, record: [...records] };
  const [listKey] = listKeys;
  const wrapper = body[listKey];
  if (wrapper && typeof wrapper === 'object' && !Array.isArray(wrapper)) {
    const inner = Object.keys(wrapper).filter((key) => !key.startsWith('@'));
    if (inner.length === 1) return { ...body, [listKey]: { ...(wrapper as Record<string, unknown>), [inner[0]]: [...records] } };
  }
  // An empty v1 list (`{"students":""}`) gives no element name; the plural's singular is the usual one.
  return { ...body, [listKey]: { [listKey.replace(/s$/, '')]: [...records] } };
}
