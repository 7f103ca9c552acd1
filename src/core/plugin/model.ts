import type { FindingSeverity } from '../check/findings';
import type { SourceRange } from './source';
import type { XmlAttribute } from './xmlTree';

// The one model of a PowerSchool plugin: what the sandbox runs as, what the checks, the editor
// and the CLI read. Values are as written (names keep their case); every element keeps where
// it sits so findings, completion and quick fixes can point into the files.

export type FieldAccess = 'ViewOnly' | 'FullAccess';
/** `<oauth accessLevelV1Api="…"/>`: what the plugin may do on /ws/v1. */
export type V1AccessLevel = 'FULL' | 'READ';

/** One plugin file's text; `path` is relative to the plugin folder with `/` separators. */
export interface PluginFileText {
  readonly path: string;
  readonly text: string;
}

/** Which of PowerSchool's folders a file belongs to, by its path. */
export type PluginFileKind = 'manifest' | 'queries' | 'permissions' | 'schema' | 'web' | 'other';

export interface PluginFile {
  readonly path: string;
  readonly kind: PluginFileKind;
  /** The text as read (what every offset of the model counts in); empty for web_root files, which are not read. */
  readonly text: string;
}

/** Where an element sits, and each of its attributes (by name, absent when not written). */
export interface ElementSource<K extends string = string> {
  readonly range: SourceRange;
  readonly startTagRange: SourceRange;
  /** Between the start and end tags: where a new child goes. */
  readonly contentRange: SourceRange;
  readonly attributes: Readonly<Partial<Record<K, XmlAttribute>>>;
}

/** Text content with its span (trimmed; for a CDATA section, its content exactly). */
export interface TextValue {
  readonly value: string;
  readonly range: SourceRange;
}

/** One `<access_request><field table field access/>` line, names as written. */
export interface FieldGrant {
  readonly table: string;
  readonly field: string;
  readonly access: FieldAccess;
}

/** A grant with where it is written; a grant whose access is not ViewOnly/FullAccess is in `PluginManifest.grantLines` only. */
export interface PluginGrant extends FieldGrant {
  readonly source: ElementSource<'table' | 'field' | 'access'>;
}

/** A `<field>` line as written, valid or not (the editor completes and checks these). */
export interface GrantLine {
  readonly table?: string;
  readonly field?: string;
  /** As written. */
  readonly access?: string;
  readonly source: ElementSource<'table' | 'field' | 'access'>;
}

/** What a plugin is granted: what the sandbox enforces and the .psreq checks compare against (a PluginManifest is one). */
export interface GrantedAccess {
  readonly name: string;
  readonly version: string;
  /** Absent when `<oauth>` has no accessLevelV1Api (or there is no `<oauth>`). */
  readonly accessLevelV1Api?: V1AccessLevel;
  readonly fieldGrants: readonly FieldGrant[];
}

/** plugin.xml. Grant lookups and the sandbox read `fieldGrants`; the editor reads the sources. */
export interface PluginManifest extends GrantedAccess {
  readonly file: string;
  /** Empty when not written (a finding says so). */
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly oauth?: ElementSource<'accessLevelV1Api'>;
  readonly publisher?: ElementSource<'name'> & { readonly contactEmail?: string };
  /** Every `<access_request>` (real plugins have one; where the quick fix adds lines). */
  readonly accessRequests: readonly ElementSource[];
  readonly grantLines: readonly GrantLine[];
  /** The valid grants: table, field and a ViewOnly/FullAccess access. */
  readonly fieldGrants: readonly PluginGrant[];
  readonly source: ElementSource<'name' | 'version' | 'description'>;
}

export type ArgType = 'primitive' | 'array';

export interface QueryArg {
  readonly name: string;
  /** As written; PowerSchool knows `primitive` and `array` (absent in a few real plugins). */
  readonly type?: string;
  /** `required="true"`; a missing or other value counts as not required. */
  readonly required: boolean;
  readonly default?: string;
  readonly description?: string;
  /** The table.column the arg filters, when written. */
  readonly column?: string;
  readonly source: ElementSource<'name' | 'type' | 'required' | 'default' | 'description' | 'column'>;
}

/**
 * One `<column>`. Real plugins write it four ways: `column="T.C"` with an output name as text,
 * `column="C"` with no table, `<column>T.C</column>` with no attribute, and fake tables such as
 * `column="TrackerSG.01StudentNumber"`. `mapping` is the source as written (attribute, else text);
 * `table`/`field` split it at its first dot (no table when there is no dot).
 */
export interface QueryColumn {
  readonly mapping: string;
  readonly table?: string;
  readonly field: string;
  /** The key of a flattened record: the text, or the mapping when there is no text. */
  readonly outputName: string;
  /** Where the mapping is written: the attribute's value, or the text. */
  readonly mappingRange: SourceRange;
  readonly form: 'attribute' | 'text';
  readonly text?: TextValue;
  readonly source: ElementSource<'column' | 'description'>;
}

/** The SQL of a query; `offset` is where `text[0]` sits in the file, so offset i of the SQL is file offset `offset + i`. */
export interface QuerySql {
  readonly text: string;
  readonly offset: number;
  readonly range: SourceRange;
  /** False when the SQL is plain text with entity references (then offsets inside it are approximate). */
  readonly exact: boolean;
  readonly source: ElementSource<never>;
}

export interface NamedQuery {
  readonly file: string;
  /** As written; empty when missing. */
  readonly name: string;
  /** Absent when not written; may be empty or any case in real plugins. */
  readonly coreTable?: string;
  /** Absent when not written or not true/false (a finding says so). */
  readonly flattened?: boolean;
  readonly tags: readonly string[];
  readonly summary?: TextValue;
  readonly description?: TextValue;
  readonly args: readonly QueryArg[];
  readonly argsElement?: ElementSource<never>;
  readonly columns: readonly QueryColumn[];
  readonly columnsElement?: ElementSource<never>;
  readonly sql?: QuerySql;
  readonly source: ElementSource<'name' | 'coreTable' | 'flattened' | 'tags'>;
}

/** `<implies allow="post">/ws/schema/query/com.x.y</implies>`. */
export interface PermissionImplies {
  /** As written: `post`, `get`, `put` … */
  readonly allow: string;
  readonly target: TextValue;
  /** The query name when the target is `/ws/schema/query/<name>`. */
  readonly queryName?: string;
  readonly source: ElementSource<'allow'>;
}

/** `<permission name="/admin/page.html">` in a permissions_root file. */
export interface PermissionMapping {
  readonly file: string;
  readonly page: string;
  readonly implies: readonly PermissionImplies[];
  readonly source: ElementSource<'name'>;
}

export interface ExtensionField {
  readonly name: string;
  /** As written: String, Integer, Boolean, Date, Clob (case varies in real files). */
  readonly type?: string;
  /** As written (a number of characters for String). */
  readonly length?: string;
  readonly description?: string;
  readonly source: ElementSource<'name' | 'type' | 'length' | 'description' | 'comment' | 'defaultValue'>;
}

export interface ExtensionTable {
  /** `dbTableName` (or `name`) as written. */
  readonly name: string;
  readonly coreTable?: string;
  readonly childName?: string;
  /** `standalone`, or absent for a table extending `coreTable`. */
  readonly type?: string;
  readonly fields: readonly ExtensionField[];
  readonly source: ElementSource<'dbTableName' | 'name' | 'coreTable' | 'childName' | 'type' | 'comment' | 'description'>;
}

/** A user_schema_root file: `<psExtension><extensionname>…</extensionname><extendedTable>…</extendedTable></psExtension>`. */
export interface SchemaExtension {
  readonly file: string;
  readonly name?: TextValue;
  readonly tables: readonly ExtensionTable[];
  readonly source: ElementSource;
}

/** One text replacement in a plugin file (offsets in that file's text as read). */
export interface PluginEdit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A quick fix: every edit it makes, possibly in several files. */
export interface PluginFix {
  readonly title: string;
  readonly edits: readonly PluginEdit[];
}

/** A problem in a plugin file; the message names the fix. */
export interface PluginFinding {
  readonly file: string;
  readonly range: SourceRange;
  readonly severity: FindingSeverity;
  readonly code: string;
  readonly message: string;
  readonly fixes?: readonly PluginFix[];
}

export interface Plugin {
  readonly files: readonly PluginFile[];
  /** Absent when there is no plugin.xml (a finding says so). */
  readonly manifest?: PluginManifest;
  readonly queries: readonly NamedQuery[];
  readonly permissionMappings: readonly PermissionMapping[];
  readonly extensions: readonly SchemaExtension[];
  /** What reading found: malformed XML, wrong roots, required elements and attributes, value sets. */
  readonly findings: readonly PluginFinding[];
}
