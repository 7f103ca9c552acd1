import type { CatalogField } from './catalog/types';

// Markdown shown by completion items and hovers.

export function fieldDetail(field: CatalogField): string {
  const type = field.length !== undefined ? `${field.type}(${field.length})` : field.type;
  return field.column ? `${type} · ${field.column}` : type;
}

export function fieldMarkdown(field: CatalogField): string {
  const lines = [`**${field.name}** — \`${fieldDetail(field)}\``];
  if (field.description) lines.push('', field.description);
  if (field.type === 'date') lines.push('', 'Dates are written `YYYY-MM-DD`.');
  if (field.type === 'string') lines.push('', 'Text compares case-insensitively; `*` matches any characters (with `==`).');
  if (field.allowedValues && field.allowedValues.length > 0) {
    lines.push('', field.openValues ? 'Common values:' : 'Allowed values:', '');
    for (const v of field.allowedValues) lines.push(`- \`${v.value}\` — ${v.meaning}`);
  }
  if (field.documented === false) lines.push('', '_Not documented by PowerSchool as a search field; the server may reject it._');
  return lines.join('\n');
}
