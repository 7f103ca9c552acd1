import { bestTemplateMatch, compilePathTemplate } from '../../endpoints';
import type { V1Resource } from '../../schema';
import type { QDialect } from '../types';

// What each PowerSchool endpoint accepts: query parameters, expansions and extensions.
// Sources: PS_API_NOTES.md and powerschool-api-facts.md. A .psreq composer uses these for
// URL completion and "unknown parameter/expansion" diagnostics; the q parts use the q dialect.

export interface NamedItem {
  name: string;
  description: string;
}

/** `order`: a PowerQuery sort, `table.column[;asc|desc]` terms separated by `,`. */
export type ParameterValueKind = 'q' | 'integer' | 'boolean' | 'list' | 'columns' | 'column' | 'order' | 'text';

export interface ParameterSpec extends NamedItem {
  valueKind: ParameterValueKind;
  /** For integers: smallest accepted value. */
  min?: number;
  /**
   * For page sizes: the /ws/v1/metadata key holding the server's maximum; without a live
   * value, DEFAULT_MAX_PAGE_SIZE applies.
   */
  maxFromMetadata?: 'student_max_page_size' | 'school_max_page_size' | 'schema_table_query_max_page_size' | 'course_max_page_size'
    | 'section_max_page_size' | 'section_enrollment_max_page_size' | 'staff_max_page_size' | 'term_max_page_size';
  /** For column lists: what separates the entries (`,` unless stated). */
  listSeparator?: ',' | ';';
}

/** PowerSchool's usual plugin maximum page size (the /ws/v1/metadata values override it). */
export const DEFAULT_MAX_PAGE_SIZE = 100;

/** Where a q's fields come from: a v1 resource's catalog, a table's live columns or a PowerQuery's. */
export type FieldSource = `v1-${V1Resource}` | 'schema-table' | 'powerquery';

export interface EndpointSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with `{placeholders}`, e.g. `/ws/schema/table/{table}`. */
  path: string;
  description: string;
  parameters: readonly ParameterSpec[];
  /** The dialect of its `q` (or body `$q`) parameter and where its fields come from. */
  q?: { dialect: QDialect; fields: FieldSource };
  expansions?: readonly NamedItem[];
  /** Known extensions; the server publishes the real list in `@extensions` and ignores unknown ones. */
  extensions?: readonly NamedItem[];
}

export const STUDENT_EXPANSIONS: readonly NamedItem[] = [
  { name: 'demographics', description: 'Gender, birth date, district entry date, projected graduation year.' },
  { name: 'addresses', description: 'Physical and mailing addresses (street, city, state_province, postal_code, grid_location).' },
  { name: 'alerts', description: 'Discipline, guardian, medical and other alerts.' },
  { name: 'phones', description: 'Main (home) phone number.' },
  { name: 'school_enrollment', description: 'Enrollment status, grade level, entry/exit dates and codes, school, track, FTE.' },
  { name: 'ethnicity_race', description: 'Federal ethnicity and race codes.' },
  { name: 'contact', description: 'Emergency contacts, guardian email/fax, mother, father, doctor.' },
  { name: 'contact_info', description: "The student's email." },
  { name: 'initial_enrollment', description: 'District and school entry dates and grade levels.' },
  { name: 'schedule_setup', description: 'Home room, next school, next year grade.' },
  { name: 'fees', description: 'Fee balances and transactions.' },
  { name: 'lunch', description: 'Lunch balance and meal status.' },
  { name: 'counselors', description: 'Assigned counselors (newer servers).' },
  { name: 'global_id', description: 'Global identifier (newer servers).' },
];

export const STUDENT_EXTENSIONS: readonly NamedItem[] = [
  { name: 'studentcorefields', description: 'Core custom student fields (system extension).' },
  { name: 'u_studentsuserfields', description: 'Migrated custom fields of the district (U_STUDENTSUSERFIELDS).' },
  { name: 'u_students_extension', description: 'District-defined one-to-one student extension.' },
  { name: 's_stu_x', description: 'State reporting student extension (S_STU_X).' },
  { name: 's_stu_crdc_x', description: 'Civil Rights Data Collection student fields.' },
  { name: 's_stu_ncea_x', description: 'NCEA student fields.' },
  { name: 's_stu_edfi_x', description: 'Ed-Fi student fields.' },
  { name: 'c_studentlocator', description: 'Student locator (child table extension).' },
  { name: 'activities', description: 'Student activities.' },
];

/** Not in the project references: taken from PowerSchool's public school resource docs. */
export const SCHOOL_EXPANSIONS: readonly NamedItem[] = [
  { name: 'school_boundary', description: 'The school boundary.' },
  { name: 'full_time_equivalencies', description: 'FTE definitions of the school.' },
  { name: 'school_fees_setup', description: 'Fee setup of the school.' },
];

/** PowerSchool's v1 staff reference: home address, emails, home phone, the schools the person works at. */
export const STAFF_EXPANSIONS: readonly NamedItem[] = [
  { name: 'addresses', description: 'Home address (street, city, state_province, postal_code).' },
  { name: 'emails', description: 'Work email.' },
  { name: 'phones', description: 'Home phone.' },
  { name: 'school_affiliations', description: 'One school_affiliation (school_id, type, status) per school the staff member works at.' },
];

/** `/ws/schema/table/{t}/metadata?expansions=` (powerschool-api-facts.md). */
export const TABLE_METADATA_EXPANSIONS: readonly NamedItem[] = [
  { name: 'actions', description: 'HTTP methods the plugin may use on the table (GET, POST, PUT, DELETE).' },
  { name: 'attrs', description: 'Column attributes, e.g. read-only.' },
  { name: 'access', description: "The plugin's access to the table and each column: NoAccess, BlackListNoAccess, ViewOnly, FullAccess." },
  { name: 'backRels', description: 'Relationships from other tables to this one.' },
  { name: 'fwdRels', description: 'Relationships from this table to others.' },
  { name: 'userVisible', description: 'Whether the table is shown to users.' },
];

const page: ParameterSpec = { name: 'page', valueKind: 'integer', min: 1, description: 'The n-th page of records, starting at 1 (default 1).' };

function pagesize(maxFromMetadata: ParameterSpec['maxFromMetadata']): ParameterSpec {
  return {
    name: 'pagesize',
    valueKind: 'integer',
    min: 1,
    maxFromMetadata,
    description: `Records per page; default and maximum is the server's ${maxFromMetadata} (often ${DEFAULT_MAX_PAGE_SIZE}).`,
  };
}

const q = (description: string): ParameterSpec => ({ name: 'q', valueKind: 'q', description });
const expansions: ParameterSpec = { name: 'expansions', valueKind: 'list', description: 'Comma-separated expansions to include (can be slow for many records).' };
const extensions: ParameterSpec = { name: 'extensions', valueKind: 'list', description: 'Comma-separated resource extensions to include; unknown ones are ignored.' };
const projection: ParameterSpec = { name: 'projection', valueKind: 'columns', description: 'Comma-separated columns to return, or `*` for all (name only the ones you need).' };
const sort: ParameterSpec = { name: 'sort', valueKind: 'columns', description: 'Comma-separated columns to sort by.' };
/** A PowerQuery's projection (URL or body): documented `;`-separated, with `*` and `table.*`. */
const POWERQUERY_PROJECTION: ParameterSpec = { name: 'projection', valueKind: 'columns', listSeparator: ';', description: 'Columns to return separated by `;`: `table.column`, `table.*` or `*`, e.g. `students.dcid;students.last_name`.' };
const sortdescending: ParameterSpec = { name: 'sortdescending', valueKind: 'boolean', description: '`true` sorts descending.' };

const STUDENT_Q = q('Filter students: field==value joined with `;`, e.g. `school_enrollment.enroll_status==A;name.last_name==JA*`.');
/** q on a school's staff/course/section/term list or a section's enrollments (fields: core/schema's V1_RESOURCE_FIELDS). */
function listQ(resource: Exclude<V1Resource, 'student'>, example: string): Pick<EndpointSpec, 'q'> & { parameter: ParameterSpec } {
  return { parameter: q(`Filter the ${resource.replace('_', ' ')} records: field==value joined with \`;\`, e.g. \`${example}\`.`), q: { dialect: 'v1', fields: `v1-${resource}` } };
}
const STAFF_Q = listQ('staff', 'name.last_name==S*');
const COURSE_Q = listQ('course', 'course_name==Algebra*');
const SECTION_Q = listQ('section', 'term_id==1234');
const TERM_Q = listQ('term', 'start_year==2025;portion==1');
const SECTION_ENROLLMENT_Q = listQ('section_enrollment', 'entry_date=ge=2025-09-01');

const TABLE_Q = q('Filter rows: column==value joined with `;` (column names case-insensitive), e.g. `enroll_status==0;schoolid==100`.');

export const ENDPOINTS: readonly EndpointSpec[] = [
  { method: 'POST', path: '/oauth/access_token', description: 'Get a Bearer token (Basic client id:secret, grant_type=client_credentials).', parameters: [] },
  { method: 'GET', path: '/ws/v1/time', description: 'Server time; needs no token.', parameters: [] },
  { method: 'GET', path: '/ws/v1/metadata', description: 'Global metadata: max page sizes, version, plugin id, time zone.', parameters: [] },
  { method: 'GET', path: '/ws/v1/district', description: 'District information.', parameters: [] },
  { method: 'GET', path: '/ws/v1/district/school', description: 'Schools of the district.', parameters: [page, pagesize('school_max_page_size'), expansions], expansions: SCHOOL_EXPANSIONS },
  { method: 'GET', path: '/ws/v1/district/school/count', description: 'Number of schools: `{"resource":{"count":N}}`.', parameters: [] },
  {
    method: 'GET', path: '/ws/v1/district/student', description: 'Students of the district.',
    parameters: [STUDENT_Q, page, pagesize('student_max_page_size'), expansions, extensions],
    q: { dialect: 'v1', fields: 'v1-student' }, expansions: STUDENT_EXPANSIONS, extensions: STUDENT_EXTENSIONS,
  },
  { method: 'GET', path: '/ws/v1/district/student/count', description: 'Number of matching students.', parameters: [STUDENT_Q], q: { dialect: 'v1', fields: 'v1-student' } },
  { method: 'GET', path: '/ws/v1/school/{id}', description: 'One school by DCID.', parameters: [expansions], expansions: SCHOOL_EXPANSIONS },
  {
    method: 'GET', path: '/ws/v1/school/{id}/student', description: 'Students of one school (school DCID).',
    parameters: [STUDENT_Q, page, pagesize('student_max_page_size'), expansions, extensions],
    q: { dialect: 'v1', fields: 'v1-student' }, expansions: STUDENT_EXPANSIONS, extensions: STUDENT_EXTENSIONS,
  },
  { method: 'GET', path: '/ws/v1/school/{id}/student/count', description: 'Number of matching students of one school.', parameters: [STUDENT_Q], q: { dialect: 'v1', fields: 'v1-student' } },
  { method: 'GET', path: '/ws/v1/student/{id}', description: 'One student by DCID.', parameters: [expansions, extensions], expansions: STUDENT_EXPANSIONS, extensions: STUDENT_EXTENSIONS },
  {
    method: 'POST', path: '/ws/v1/student', description: 'Insert/update students: `{"students":{"student":[{client_uid, action, …}]}}`.',
    // real-server-behaviour.md: `_extension_data` is written only for the tables named here.
    parameters: [{ ...extensions, description: 'Comma-separated extension tables whose `_extension_data` is written; values of a table not named here are not written (the answer is still SUCCESS).' }],
    extensions: STUDENT_EXTENSIONS,
  },
  { method: 'GET', path: '/ws/v1/course/{id}', description: 'One course by DCID.', parameters: [] },
  { method: 'GET', path: '/ws/v1/school/{id}/course', description: 'Courses a school (DCID) runs sections of.', parameters: [COURSE_Q.parameter, page, pagesize('course_max_page_size')], q: COURSE_Q.q },
  { method: 'GET', path: '/ws/v1/school/{id}/course/count', description: 'Number of matching courses of one school.', parameters: [COURSE_Q.parameter], q: COURSE_Q.q },
  { method: 'GET', path: '/ws/v1/term/{id}', description: 'One term by TERMS.DCID.', parameters: [] },
  { method: 'GET', path: '/ws/v1/school/{id}/term', description: 'Terms of one school (year terms and their parts).', parameters: [TERM_Q.parameter, page, pagesize('term_max_page_size')], q: TERM_Q.q },
  { method: 'GET', path: '/ws/v1/school/{id}/term/count', description: 'Number of matching terms of one school.', parameters: [TERM_Q.parameter], q: TERM_Q.q },
  { method: 'GET', path: '/ws/v1/section/{id}', description: 'One section by SECTIONS.DCID: school_id, course_id, staff_id, term_id (all DCIDs).', parameters: [] },
  { method: 'GET', path: '/ws/v1/school/{id}/section', description: 'Sections of one school.', parameters: [SECTION_Q.parameter, page, pagesize('section_max_page_size')], q: SECTION_Q.q },
  { method: 'GET', path: '/ws/v1/school/{id}/section/count', description: 'Number of matching sections of one school.', parameters: [SECTION_Q.parameter], q: SECTION_Q.q },
  {
    method: 'GET', path: '/ws/v1/section/{id}/section_enrollment', description: 'Enrollments (CC rows) of one section, sorted by student_id and entry_date.',
    parameters: [SECTION_ENROLLMENT_Q.parameter, page, pagesize('section_enrollment_max_page_size')], q: SECTION_ENROLLMENT_Q.q,
  },
  { method: 'GET', path: '/ws/v1/section/{id}/section_enrollment/count', description: 'Number of matching enrollments of one section.', parameters: [SECTION_ENROLLMENT_Q.parameter], q: SECTION_ENROLLMENT_Q.q },
  { method: 'GET', path: '/ws/v1/section_enrollment/{id}', description: 'One section enrollment by CC.DCID: section_id, student_id (DCIDs), entry/exit date, dropped.', parameters: [] },
  { method: 'GET', path: '/ws/v1/staff/{id}', description: 'One staff member by USERS.DCID.', parameters: [expansions], expansions: STAFF_EXPANSIONS },
  {
    method: 'GET', path: '/ws/v1/school/{id}/staff', description: 'Staff of one school.',
    parameters: [STAFF_Q.parameter, page, pagesize('staff_max_page_size'), expansions], expansions: STAFF_EXPANSIONS, q: STAFF_Q.q,
  },
  { method: 'GET', path: '/ws/v1/school/{id}/staff/count', description: 'Number of matching staff of one school.', parameters: [STAFF_Q.parameter], q: STAFF_Q.q },
  { method: 'GET', path: '/ws/schema/area', description: 'Functional areas.', parameters: [] },
  { method: 'GET', path: '/ws/schema/area/{area}/table', description: 'Tables of a functional area.', parameters: [] },
  { method: 'GET', path: '/ws/schema/table', description: 'All tables.', parameters: [] },
  {
    method: 'GET', path: '/ws/schema/table/{table}/metadata', description: 'Columns (type, length, key) and access of a table.',
    parameters: [{ name: 'expansions', valueKind: 'list', description: 'Comma-separated: access, actions, attrs, backRels, fwdRels, userVisible.' }],
    expansions: TABLE_METADATA_EXPANSIONS,
  },
  { method: 'GET', path: '/ws/schema/table/{table}/count', description: 'Number of matching rows: `{"count":N}`.', parameters: [TABLE_Q], q: { dialect: 'schema', fields: 'schema-table' } },
  {
    method: 'GET', path: '/ws/schema/table/{table}', description: 'Rows of a table.',
    parameters: [TABLE_Q, projection, page, pagesize('schema_table_query_max_page_size'), sort, sortdescending],
    q: { dialect: 'schema', fields: 'schema-table' },
  },
  { method: 'GET', path: '/ws/schema/table/{table}/{id}', description: 'One row by id.', parameters: [projection] },
  { method: 'POST', path: '/ws/schema/table/{table}', description: 'Insert a row into an extension table (U_*, *_X).', parameters: [] },
  { method: 'PUT', path: '/ws/schema/table/{table}/{id}', description: 'Update a row of an extension table.', parameters: [] },
  { method: 'DELETE', path: '/ws/schema/table/{table}/{id}', description: 'Delete a row of an extension table (204).', parameters: [] },
  { method: 'GET', path: '/ws/schema/query/api', description: 'Every PowerQuery as a Swagger 2.0 document.', parameters: [] },
  {
    method: 'POST', path: '/ws/schema/query/{name}', description: 'Run a PowerQuery; body: arguments, `$q`, `projection`.',
    parameters: [
      page,
      { ...pagesize('schema_table_query_max_page_size'), min: 0, description: 'Records per page; 0 = all records.' },
      { name: 'order', valueKind: 'order', description: 'Sort order: `table.column` terms separated by `,`, each with an optional `;asc` or `;desc`, e.g. `students.last_name,students.first_name;desc`.' },
      POWERQUERY_PROJECTION,
      { name: 'count', valueKind: 'boolean', description: '`true` adds the total count.' },
      { name: 'dofor', valueKind: 'text', description: 'Restrict to a selection (e.g. the current selection of a school).' },
      extensions,
    ],
    q: { dialect: 'powerquery', fields: 'powerquery' },
  },
  { method: 'POST', path: '/ws/schema/query/{name}/count', description: 'Number of PowerQuery records: `{"count":N}`.', parameters: [], q: { dialect: 'powerquery', fields: 'powerquery' } },
  { method: 'GET', path: '/ws/powerqueryaccesslist', description: 'Fields read by all trusted PowerQueries, as view-only access requests.', parameters: [] },
  { method: 'GET', path: '/ws/powerqueryaccesslist/{name}', description: 'Fields read by one PowerQuery.', parameters: [] },
  {
    method: 'GET', path: '/ws/dataversion/{application}/{version}',
    description: 'Ids of records changed since a data version (0 = all), by table: `{"$dataversion":N,"tables":{"students":[…]}}`; ask next with the returned `$dataversion`.',
    parameters: [],
  },
];

/** Keys of a PowerQuery request body besides its arguments. */
export const POWERQUERY_BODY_KEYS: readonly NamedItem[] = [
  { name: '$q', description: 'Filter: table.column<op>value joined with `;` — no `,` (OR), no parentheses; `*` on text; null as `\\u0000`.' },
  { name: 'projection', description: POWERQUERY_PROJECTION.description },
  { name: '$dataversion', description: 'Return only records changed since this data version (with a subscription).' },
];

/**
 * The endpoint serving `method path` (path without query string); literal segments win over
 * placeholders, so `/ws/schema/table/STUDENTS/count` is the count endpoint, not row `count`.
 */
export function matchEndpoint(method: string, path: string): EndpointSpec | undefined {
  const verb = method.toUpperCase();
  return bestTemplateMatch(compiledEndpoints.filter(({ endpoint }) => endpoint.method === verb), ({ template }) => template, path)?.candidate.endpoint;
}

// Split once: the editor matches the request of each block it checks, on every edit.
const compiledEndpoints = ENDPOINTS.map((endpoint) => ({ endpoint, template: compilePathTemplate(endpoint.path) }));
