import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import studentPostSchema from '../../../schemas/student-post.schema.json';
import tableRecordSchema from '../../../schemas/table-record.schema.json';
import { depthFinding, depthMessage, maxPayloadDepth, tooDeepOffset, tooDeepPointer } from './depth';
import { checkExtensionData, indexCatalog, type CatalogIndex } from './extensionRules';
import { bodyFieldRef, recordFieldRef, rootFieldRef } from './fieldLabel';
import { buildStudentFieldSpecs, type StudentFieldSpecs } from './fieldSpecs';
import { toFindings } from './findings';
import { psResultField, type LocatedIssue, type PowerSchoolView } from './issue';
import { mapSchemaErrors } from './schemaErrors';
import { actionOf, checkRecordRules, isObject } from './studentRules';
import { parseJson } from './syntax';
import { StudentPayloadSession } from './studentSession';
import { studentBodyFindings, studentBodyIssues, type StudentBodyRules } from './studentBody';
import { checkTableRecord } from './tableRules';
import type { ColumnInfo } from '../schema';
import type { ExtensionCatalog, PayloadFinding, PayloadIssue, StudentAction, StudentRecordError, StudentValidationContext } from './types';

export interface PayloadValidator {
  /** Student POST body text → findings with exact ranges (syntax errors included). Never throws. */
  validateStudentText(text: string, context?: StudentValidationContext): PayloadFinding[];
  /** An already parsed student POST body → findings located by JSON pointer. */
  validateStudentValue(value: unknown, context?: StudentValidationContext): PayloadIssue[];
  /** `{"tables":{"<table>":{…}}}` text against the table's columns (empty: shape only). */
  validateTableText(text: string, table: string, columns: readonly ColumnInfo[]): PayloadFinding[];
  validateTableValue(value: unknown, table: string, columns: readonly ColumnInfo[]): PayloadIssue[];
  /**
   * One student record as PowerSchool's POST would judge it (for the sandbox's emulation):
   * pure, no batch rules (duplicate client_uid is the caller's), no text positions.
   */
  checkStudentRecord(record: unknown, action: StudentAction, context?: StudentValidationContext): StudentRecordError[];
  /**
   * For a student body being edited (an open document): told the edits, it re-checks only the
   * records they touched; its findings equal `validateStudentText`'s for the same text.
   */
  studentSession(): StudentPayloadSession;
}

export interface PayloadValidatorOptions {
  /** Catalog used when a call gives none (e.g. the connection's extension tables). */
  readonly extensionCatalog?: ExtensionCatalog;
}

/** Ajv is loaded with the first compile (see createPayloadValidator): its modules take long to load. */
function createAjv(): Ajv {
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, logger: false });
  // Annotations: ours (read by fieldSpecs / schemaErrors) and VS Code's (messages, snippets).
  ajv.addVocabulary(['x-ps-actions', 'x-ps-column', 'x-ps-rule', 'errorMessage', 'patternErrorMessage', 'defaultSnippets']);
  addFormats(ajv, ['email']);
  ajv.addSchema(studentPostSchema);
  ajv.addSchema(tableRecordSchema);
  return ajv;
}

const strip = ({ ps: _ps, wantsClientUid: _wantsClientUid, ...issue }: LocatedIssue): PayloadIssue => issue;

/** A body too deep to check: one finding at the bracket that goes past the limit. */
function tooDeepFinding(text: string): PayloadFinding[] | undefined {
  const offset = tooDeepOffset(text);
  return offset === undefined ? undefined : [depthFinding(offset)];
}

function tooDeepIssue(value: unknown): PayloadIssue[] | undefined {
  const pointer = tooDeepPointer(value);
  return pointer === undefined ? undefined : [{ pointer, highlight: 'container', severity: 'error', code: 'json-depth', message: depthMessage(maxPayloadDepth) }];
}

/**
 * The body schema without its records (`items` / `else`): the records are checked one by one
 * against `definitions/student`, so the shape around them is checked on its own. Derived, never a kept copy.
 */
function envelopeSchemaOf(schema: typeof studentPostSchema): object {
  const { $id: _id, definitions: _definitions, ...body } = schema;
  const students = body.properties.students;
  const { items: _items, ...array } = students.properties.student.then;
  return { ...body, properties: { ...body.properties, students: { ...students, properties: { student: { if: students.properties.student.if, then: array } } } } };
}

interface Compiled {
  /** The body around its records; each record is checked on its own against `validateRecord`. */
  readonly validateEnvelope: ValidateFunction;
  readonly validateRecord: ValidateFunction;
  readonly validateTable: ValidateFunction;
  readonly specs: StudentFieldSpecs;
}

function compile(): Compiled {
  const ajv = createAjv();
  return {
    validateEnvelope: ajv.compile(envelopeSchemaOf(studentPostSchema)),
    validateRecord: ajv.getSchema(`${studentPostSchema.$id}#/definitions/student`) as ValidateFunction,
    validateTable: ajv.getSchema(tableRecordSchema.$id) as ValidateFunction,
    specs: buildStudentFieldSpecs(studentPostSchema),
  };
}

/**
 * The returned object is reused for every call. The schemas' validators are compiled on the first
 * call, once: compiling takes most of a second, which the editor must not pay while activating
 * (nor a CLI command that never validates).
 */
export function createPayloadValidator(options: PayloadValidatorOptions = {}): PayloadValidator {
  let compiled: Compiled | undefined;
  const validators = (): Compiled => (compiled ??= compile());
  const catalogIndexes = new WeakMap<ExtensionCatalog, CatalogIndex>();

  const catalogFor = (context: StudentValidationContext | undefined): CatalogIndex | undefined => {
    const catalog = context?.extensionCatalog ?? options.extensionCatalog;
    if (!catalog) return undefined;
    let index = catalogIndexes.get(catalog);
    if (!index) catalogIndexes.set(catalog, (index = indexCatalog(catalog)));
    return index;
  };

  const recordIssues = (record: unknown, catalog: CatalogIndex | undefined): LocatedIssue[] => {
    const { validateRecord, specs } = validators();
    validateRecord(record);
    const issues = mapSchemaErrors(validateRecord.errors, { fieldRef: recordFieldRef, specs });
    if (!isObject(record)) return issues;
    for (const issue of checkRecordRules(record, actionOf(record.action), specs, '')) issues.push(issue);
    for (const issue of checkExtensionData(record, '', catalog)) issues.push(issue);
    return issues;
  };
  const bodyRules = (catalog: CatalogIndex | undefined): StudentBodyRules => ({
    envelopeIssues(body) {
      const { validateEnvelope, specs } = validators();
      validateEnvelope(body);
      return mapSchemaErrors(validateEnvelope.errors, { fieldRef: bodyFieldRef, specs });
    },
    recordIssues: (record) => recordIssues(record, catalog),
  });
  // One rules object per catalog, not one per check: the record loop's optimized code is built on
  // the closure it calls, and V8 throws that code away at the first full GC after the closure died.
  const rulesWithoutCatalog = bodyRules(undefined);
  const rulesByCatalog = new WeakMap<CatalogIndex, StudentBodyRules>();
  const rulesFor = (context: StudentValidationContext | undefined): StudentBodyRules => {
    const catalog = catalogFor(context);
    if (!catalog) return rulesWithoutCatalog;
    let rules = rulesByCatalog.get(catalog);
    if (!rules) rulesByCatalog.set(catalog, (rules = bodyRules(catalog)));
    return rules;
  };

  const tableIssues = (value: unknown, table: string, columns: readonly ColumnInfo[]): LocatedIssue[] => {
    const { validateTable } = validators();
    validateTable(value);
    return [...mapSchemaErrors(validateTable.errors, { fieldRef: rootFieldRef }), ...checkTableRecord(value, table, columns)];
  };

  return {
    studentSession: () => new StudentPayloadSession((context) => ({ rules: rulesFor(context), catalog: catalogFor(context) })),
    validateStudentValue: (value, context) => tooDeepIssue(value) ?? studentBodyIssues(value, rulesFor(context)).map(strip),
    validateStudentText: (text, context) => studentBodyFindings(text, rulesFor(context)).findings,
    validateTableValue: (value, table, columns) => tooDeepIssue(value) ?? tableIssues(value, table, columns).map(strip),
    validateTableText(text, table, columns) {
      const tooDeep = tooDeepFinding(text);
      if (tooDeep) return tooDeep;
      const parsed = parseJson(text);
      return parsed.ok ? toFindings(text, tableIssues(parsed.value, table, columns)) : parsed.findings;
    },
    checkStudentRecord(record, action, context) {
      if (!isObject(record)) return [{ code: 'FIELD_VALIDATION_ERROR', field: 'student', message: 'Value must be an object', severity: 'error' }];
      const withAction = record.action === action ? record : { ...record, action };
      const { validateRecord, specs } = validators();
      validateRecord(withAction);
      const issues = mapSchemaErrors(validateRecord.errors, { fieldRef: recordFieldRef, specs });
      issues.push(...checkRecordRules(withAction, action, specs, ''), ...checkExtensionData(withAction, '', catalogFor(context)));
      const errors: StudentRecordError[] = [];
      for (const issue of issues) {
        if (!issue.ps || issue.severity === 'info') continue;
        for (const view of [issue.ps].flat() as PowerSchoolView[]) {
          errors.push({ code: view.code, field: psResultField(view), message: view.message, severity: issue.severity === 'error' ? 'error' : 'warning' });
        }
      }
      return errors;
    },
  };
}
