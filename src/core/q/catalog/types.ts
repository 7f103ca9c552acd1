// A field catalog tells validation, completion and hover what a q expression may name.
// It is plain data so that a host can build one from live table metadata and pass it in.

import type { QFieldType } from '../evaluate';

export interface AllowedValue {
  value: string;
  meaning: string;
}

export interface CatalogField {
  /** As written in q: `name.last_name` (v1), `LAST_NAME` (schema table), `students.last_name` ($q). */
  name: string;
  type: QFieldType;
  /** Maximum length of text values (characters), or precision of numbers, when known. */
  length?: number;
  /** Database column behind the field, e.g. `Students.Last_Name`. */
  column?: string;
  description?: string;
  /** Values the field accepts. */
  allowedValues?: readonly AllowedValue[];
  /** True when values outside allowedValues are also valid (they are only the common ones). */
  openValues?: boolean;
  /** Letter case of values does not matter (status letters). */
  valuesCaseInsensitive?: boolean;
  /**
   * False for resource fields that exist but that PowerSchool does not document as searchable;
   * using them in q gets a warning rather than an error.
   */
  documented?: boolean;
}

export interface FieldCatalog {
  /** What the fields belong to, for messages: `/ws/v1/district/student`, `STUDENTS`, a PowerQuery name. */
  title: string;
  fields: readonly CatalogField[];
  /** Field names match regardless of letter case (schema tables and $q columns). */
  caseInsensitive?: boolean;
}

/** The field with this name, honouring the catalog's case rule. */
export function findField(catalog: FieldCatalog, name: string): CatalogField | undefined {
  if (!catalog.caseInsensitive) return catalog.fields.find((f) => f.name === name);
  const lower = name.toLowerCase();
  return catalog.fields.find((f) => f.name.toLowerCase() === lower);
}

/** A `typeOf` for matchesQ that reads declared types from a catalog. */
export function typeOfIn(catalog: FieldCatalog): (field: string) => CatalogField['type'] | undefined {
  return (field) => findField(catalog, field)?.type;
}
