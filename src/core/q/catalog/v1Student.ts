import { V1_STUDENT_FIELDS, type ResourceField } from '../../schema';
import type { CatalogField, FieldCatalog } from './types';

// Fields of the v1 student resource usable in `q=` on /ws/v1/district/student,
// /ws/v1/school/{id}/student and their /count variants: every field of core/schema's catalog.
// The ones PowerSchool's "searching" page lists are documented; the rest exist on the resource
// and the sandbox filters on them, but the real server may reject them, so validation only warns.

function catalogField(field: ResourceField): CatalogField {
  const catalogField: CatalogField = { name: field.path, type: field.type, column: field.column, documented: field.searchable, description: field.description };
  if (field.length !== undefined) catalogField.length = field.length;
  if (field.values) {
    catalogField.allowedValues = field.values.known;
    if (field.values.open) catalogField.openValues = true;
    if (field.values.caseInsensitive) catalogField.valuesCaseInsensitive = true;
  }
  return catalogField;
}

export const V1_STUDENT_CATALOG: FieldCatalog = { title: '/ws/v1 student', fields: V1_STUDENT_FIELDS.map(catalogField) };
