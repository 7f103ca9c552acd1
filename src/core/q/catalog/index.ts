export { findField, typeOfIn, type AllowedValue, type CatalogField, type FieldCatalog } from './types';
export { V1_CATALOGS } from './v1Catalogs';
export {
  DEFAULT_MAX_PAGE_SIZE,
  ENDPOINTS,
  POWERQUERY_BODY_KEYS,
  SCHOOL_EXPANSIONS,
  STAFF_EXPANSIONS,
  STUDENT_EXPANSIONS,
  STUDENT_EXTENSIONS,
  TABLE_METADATA_EXPANSIONS,
  matchEndpoint,
  type EndpointSpec,
  type FieldSource,
  type NamedItem,
  type ParameterSpec,
  type ParameterValueKind,
} from './endpoints';
export { catalogFromPowerQueryColumns, catalogFromTableColumns, qTypeOfColumn } from './fromColumns';
