import { V1_RESOURCE_FIELDS, type ResourceField, type V1Resource } from '../../schema';
import type { CatalogField, FieldCatalog } from './types';

// Fields usable in `q=` on the v1 lists: students (/ws/v1/district/student,
// /ws/v1/school/{id}/student and their /count variants) and a school's staff, courses, sections
// and terms and a section's enrollments — every field of core/schema's catalog of the resource.
// For students, the ones PowerSchool's "searching" page lists are documented; the rest exist on
// the resource and the sandbox filters on them, but the real server may reject them, so
// validation only warns.

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

const catalogOf = (resource: V1Resource): FieldCatalog => ({ title: `/ws/v1 ${resource}`, fields: V1_RESOURCE_FIELDS[resource].map(catalogField) });

/** The q catalog of each v1 list resource. */
export const V1_CATALOGS: Readonly<Record<V1Resource, FieldCatalog>> = {
  student: catalogOf('student'),
  staff: catalogOf('staff'),
  course: catalogOf('course'),
  section: catalogOf('section'),
  term: catalogOf('term'),
  section_enrollment: catalogOf('section_enrollment'),
};
