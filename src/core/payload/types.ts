import type { TableMetadata } from '../schema';

/** How bad a finding is; hosts map these to their own levels (VS Code: Error/Warning/Information). */
export type Severity = 'error' | 'warning' | 'info';

/** A text replacement in 0-based offsets of the validated text. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A quick fix offered only where the right edit is certain. */
export interface PayloadFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** What a fix should do, before it is turned into text edits. */
export type FixIntent =
  | { readonly kind: 'remove-property'; readonly title: string }
  | { readonly kind: 'replace-value'; readonly title: string; readonly value: unknown }
  | { readonly kind: 'insert-property'; readonly title: string; readonly name: string; readonly value: unknown };

/**
 * Which part of the node at `pointer` a finding highlights: the value, the property's key,
 * or (for something missing inside an object) the object's key or, without one, its `{`.
 */
export type Highlight = 'value' | 'key' | 'container';

/** A finding located by JSON pointer only (what value-level validation returns). */
export interface PayloadIssue {
  readonly pointer: string;
  readonly highlight: Highlight;
  readonly severity: Severity;
  /** Stable rule id, e.g. `max-length`, `status-on-insert`. */
  readonly code: string;
  /** Names the field and the rule. */
  readonly message: string;
  readonly fixes?: readonly FixIntent[];
}

/** A finding with its exact place in the text. */
export interface PayloadFinding {
  readonly pointer: string;
  /** 0-based offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly fixes?: readonly PayloadFix[];
}

/** The extension tables of STUDENTS the connection knows, used to check `_extension_data`. */
export interface ExtensionCatalog {
  readonly tables: readonly Pick<TableMetadata, 'name' | 'columns'>[];
}

export interface StudentValidationContext {
  /** When given, extension table and field names (and values) are checked against it. */
  readonly extensionCatalog?: ExtensionCatalog;
}

export type StudentAction = 'INSERT' | 'UPDATE';

/** PowerSchool's per-record result codes (errors) plus FIELD_IGNORED for warnings. */
export type PowerSchoolErrorCode = 'REQUIRED' | 'FIELD_VALIDATION_ERROR' | 'INVALID_LOCAL_ID' | 'INVALID_DATE_VALUE' | 'REQUIRED_PHYSICAL_STREET' | 'FIELD_IGNORED';

/** One problem of one student record, in the shape of PowerSchool's POST result. */
export interface StudentRecordError {
  readonly code: PowerSchoolErrorCode;
  /** The result's field as PowerSchool writes it, e.g. `student/name/last_name`, `students/demographics/birth_date`. */
  readonly field: string;
  /** PowerSchool-style terse description, e.g. `Value may not contain more than 10 character(s).` */
  readonly message: string;
  /** Warnings do not stop the record; PowerSchool reports them as warning_message. */
  readonly severity: 'error' | 'warning';
}
