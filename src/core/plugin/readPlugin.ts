import type { ElementSource, ExtensionField, ExtensionTable, FieldAccess, GrantLine, NamedQuery, PermissionImplies, PermissionMapping, Plugin, PluginFile, PluginFileKind, PluginFileText, PluginFinding, PluginGrant, PluginManifest, QueryArg, QueryColumn, QuerySql, SchemaExtension, TextValue, V1AccessLevel } from './model';
import type { SourceRange } from './source';
import { attributeOf, childrenNamed, parseXmlDocument, textSpan, type XmlDocument, type XmlElement } from './xmlTree';

/** The access values plugin.xml uses, keyed case-insensitively. */
const accessValues: ReadonlyMap<string, FieldAccess> = new Map([['viewonly', 'ViewOnly'], ['fullaccess', 'FullAccess']]);
const queryTarget = /^\/ws\/schema\/query\/([^/?#\s]+)\/?$/i;

/** A plugin-relative path with `/` separators and no leading `./` or `/`. */
export function normalizePluginPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

/** Which of PowerSchool's folders a plugin file is in. */
export function pluginFileKind(path: string): PluginFileKind {
  const normal = normalizePluginPath(path);
  if (normal === 'plugin.xml') return 'manifest';
  const folder = normal.slice(0, normal.indexOf('/') + 1);
  const xml = normal.toLowerCase().endsWith('.xml');
  if (folder === 'queries_root/' && xml) return 'queries';
  if (folder === 'permissions_root/' && xml) return 'permissions';
  if (folder === 'user_schema_root/' && xml) return 'schema';
  if (folder === 'web_root/') return 'web';
  return 'other';
}

/** What one file contributes to the model. */
interface FileModel {
  readonly file: PluginFile;
  readonly manifest?: PluginManifest;
  readonly queries: readonly NamedQuery[];
  readonly permissionMappings: readonly PermissionMapping[];
  readonly extensions: readonly SchemaExtension[];
  readonly findings: readonly PluginFinding[];
}

function readFile(file: PluginFileText): FileModel {
  const path = normalizePluginPath(file.path);
  const kind = pluginFileKind(path);
  const findings: PluginFinding[] = [];
  const read: FileModel = { file: { path, kind, text: file.text }, queries: [], permissionMappings: [], extensions: [], findings };
  if (kind === 'web' || kind === 'other') return read;
  const document = parseXmlDocument(path, file.text);
  if (document.error) findings.push(finding(document.error.range, 'error', 'malformed-xml', `${document.error.message} (the file is not well-formed XML; PowerSchool refuses the plugin)`));
  const root = document.root;
  if (!root) return read;
  const reader = new FileReader(document, findings);
  if (kind === 'manifest') {
    const manifest = reader.manifest(root);
    return manifest ? { ...read, manifest } : read;
  }
  if (kind === 'queries') return { ...read, queries: reader.queries(root) };
  if (kind === 'permissions') return { ...read, permissionMappings: reader.permissions(root) };
  return { ...read, extensions: reader.extension(root) };
}

function assemble(parts: readonly FileModel[]): Plugin {
  const files = parts.map((part) => part.file);
  const manifest = parts.find((part) => part.manifest)?.manifest;
  const findings = parts.flatMap((part) => part.findings);
  if (files.length && !files.some((file) => file.kind === 'manifest')) {
    findings.push(finding(emptyRange(files[0]!.path), 'warning', 'missing-manifest', 'the plugin has no plugin.xml at its root: add one (<plugin name version description> with a <publisher>) before packaging'));
  }
  return {
    files,
    ...(manifest ? { manifest } : {}),
    queries: parts.flatMap((part) => part.queries),
    permissionMappings: parts.flatMap((part) => part.permissionMappings),
    extensions: parts.flatMap((part) => part.extensions),
    findings,
  };
}

/**
 * Reads a plugin from its files' texts (so the editor can pass unsaved buffers): plugin.xml,
 * queries_root, permissions_root and user_schema_root XML, as real plugins write them
 * (plugin-corpus-facts.md: any element order, four column forms, optional coreTable, summary
 * or description). Never throws; what is malformed or missing becomes a finding.
 */
export function readPlugin(files: readonly PluginFileText[]): Plugin {
  return assemble(files.map(readFile));
}

/**
 * readPlugin for a host that reads the same plugin again and again (the editor, on every edit):
 * a file whose text has not changed since the last call is not parsed again. Keeps the files
 * of the last call only.
 */
export function createPluginReader(): (files: readonly PluginFileText[]) => Plugin {
  let previous = new Map<string, FileModel>();
  return (files) => {
    const current = new Map<string, FileModel>();
    const parts = files.map((file) => {
      const known = previous.get(file.path);
      const part = known && known.file.text === file.text ? known : readFile(file);
      current.set(file.path, part);
      return part;
    });
    previous = current;
    return assemble(parts);
  };
}

export function finding(range: SourceRange, severity: PluginFinding['severity'], code: string, message: string, fixes?: PluginFinding['fixes']): PluginFinding {
  return { file: range.file, range, severity, code, message, ...(fixes?.length ? { fixes } : {}) };
}

function emptyRange(file: string): SourceRange {
  const start = { line: 0, character: 0, offset: 0 };
  return { file, start, end: start };
}

export function elementSource<K extends string>(element: XmlElement): ElementSource<K> {
  const attributes: Partial<Record<K, XmlElement['attributes'][number]>> = {};
  for (const attribute of element.attributes) attributes[attribute.name as K] = attribute;
  return { range: element.range, startTagRange: element.startTagRange, contentRange: element.contentRange, attributes };
}

/** Reads one parsed file's elements into the model, adding findings for what PowerSchool needs and is not there. */
class FileReader {
  constructor(private readonly document: XmlDocument, private readonly findings: PluginFinding[]) {}

  manifest(root: XmlElement): PluginManifest | undefined {
    if (!this.expectRoot(root, 'plugin', 'plugin.xml')) return undefined;
    const name = this.required(root, 'name');
    const version = this.required(root, 'version');
    const description = attributeOf(root, 'description')?.value;
    if (description === undefined) this.add(root.nameRange, 'warning', 'missing-attribute', '<plugin> has no description attribute: add description="…" (every published plugin has one; PowerSchool shows it on the plugin page)');
    let accessLevelV1Api: V1AccessLevel | undefined;
    const oauthElements = childrenNamed(root, 'oauth');
    for (const oauth of oauthElements) {
      const level = attributeOf(oauth, 'accessLevelV1Api');
      const written = level?.value.trim();
      if (!written) continue;
      const upper = written.toUpperCase();
      if (upper === 'FULL' || upper === 'READ') accessLevelV1Api = upper;
      else this.add(level!.valueRange, 'error', 'invalid-value', `accessLevelV1Api must be FULL or READ, found '${written}': write accessLevelV1Api="READ" (or FULL to write through /ws/v1)`);
    }
    const publisherElement = childrenNamed(root, 'publisher')[0];
    if (!publisherElement) this.add(root.nameRange, 'warning', 'missing-element', '<plugin> has no <publisher>: add <publisher name="…"><contact email="…"/></publisher> (every published plugin has one)');
    const accessRequests = childrenNamed(root, 'access_request');
    const grantLines: GrantLine[] = [];
    const fieldGrants: PluginGrant[] = [];
    for (const request of accessRequests) {
      for (const field of childrenNamed(request, 'field')) {
        const source = elementSource<'table' | 'field' | 'access'>(field);
        const table = this.required(field, 'table');
        const column = this.required(field, 'field');
        const written = this.required(field, 'access');
        const access = written === undefined ? undefined : accessValues.get(written.toLowerCase());
        if (written !== undefined && access === undefined) this.add(source.attributes.access!.valueRange, 'error', 'invalid-value', `access must be ViewOnly or FullAccess, found '${written}': write access="ViewOnly" to read or "FullAccess" to write`);
        else if (access !== undefined && access !== written) this.add(source.attributes.access!.valueRange, 'warning', 'value-case', `write access="${access}" as PowerSchool spells it, not '${written}'`);
        grantLines.push({ ...(table !== undefined ? { table } : {}), ...(column !== undefined ? { field: column } : {}), ...(written !== undefined ? { access: written } : {}), source });
        if (table && column && access) fieldGrants.push({ table, field: column, access, source });
      }
    }
    const contactEmail = publisherElement && childrenNamed(publisherElement, 'contact')[0] && attributeOf(childrenNamed(publisherElement, 'contact')[0]!, 'email')?.value;
    return {
      file: this.document.file,
      name: name ?? '',
      version: version ?? '',
      ...(description !== undefined ? { description } : {}),
      ...(accessLevelV1Api ? { accessLevelV1Api } : {}),
      ...(oauthElements[0] ? { oauth: elementSource<'accessLevelV1Api'>(oauthElements[0]) } : {}),
      ...(publisherElement ? { publisher: { ...elementSource<'name'>(publisherElement), ...(contactEmail !== undefined ? { contactEmail } : {}) } } : {}),
      accessRequests: accessRequests.map((request) => elementSource(request)),
      grantLines,
      fieldGrants,
      source: elementSource(root),
    };
  }

  queries(root: XmlElement): NamedQuery[] {
    if (!this.expectRoot(root, 'queries', 'a named_queries.xml file')) return [];
    return childrenNamed(root, 'query').map((query) => this.query(query));
  }

  private query(element: XmlElement): NamedQuery {
    const source = elementSource<'name' | 'coreTable' | 'flattened' | 'tags'>(element);
    const name = this.required(element, 'name') ?? '';
    const flattenedWritten = attributeOf(element, 'flattened');
    let flattened: boolean | undefined;
    if (!flattenedWritten) this.add(element.nameRange, 'warning', 'missing-attribute', `<query> has no flattened attribute: add flattened="true" (records as flat objects keyed by the column names) or flattened="false" (records under tables.<table>); every published query says which`);
    else if (/^(true|false)$/.test(flattenedWritten.value.trim())) flattened = flattenedWritten.value.trim() === 'true';
    else this.add(flattenedWritten.valueRange, 'error', 'invalid-value', `flattened must be true or false, found '${flattenedWritten.value}'`);
    const coreTable = attributeOf(element, 'coreTable')?.value;
    const tags = (attributeOf(element, 'tags')?.value ?? '').split(',').map((tag) => tag.trim()).filter(Boolean);
    const summary = childrenNamed(element, 'summary')[0];
    const description = childrenNamed(element, 'description')[0];
    const argsElement = childrenNamed(element, 'args')[0];
    const columnsElement = childrenNamed(element, 'columns')[0];
    const sqlElement = childrenNamed(element, 'sql')[0];
    if (!columnsElement) this.add(element.nameRange, 'error', 'missing-element', `query '${name}' has no <columns>: add <columns> with one <column column="table.column">name</column> per SELECT item`);
    if (!sqlElement) this.add(element.nameRange, 'error', 'missing-element', `query '${name}' has no <sql>: add <sql><![CDATA[ SELECT … ]]></sql>`);
    return {
      file: this.document.file,
      name,
      ...(coreTable !== undefined ? { coreTable } : {}),
      ...(flattened !== undefined ? { flattened } : {}),
      tags,
      ...(summary ? { summary: textSpan(this.document, summary) } : {}),
      ...(description ? { description: textSpan(this.document, description) } : {}),
      args: argsElement ? childrenNamed(argsElement, 'arg').map((arg) => this.arg(arg)) : [],
      ...(argsElement ? { argsElement: elementSource<never>(argsElement) } : {}),
      columns: columnsElement ? childrenNamed(columnsElement, 'column').map((column) => this.column(column)).filter((column): column is QueryColumn => column !== undefined) : [],
      ...(columnsElement ? { columnsElement: elementSource<never>(columnsElement) } : {}),
      ...(sqlElement ? { sql: this.sql(sqlElement) } : {}),
      source,
    };
  }

  private arg(element: XmlElement): QueryArg {
    const source = elementSource<'name' | 'type' | 'required' | 'default' | 'description' | 'column'>(element);
    const name = this.required(element, 'name') ?? '';
    const type = source.attributes.type?.value;
    if (type !== undefined && type !== 'primitive' && type !== 'array') this.add(source.attributes.type!.valueRange, 'error', 'invalid-value', `an arg's type must be primitive or array, found '${type}': write type="primitive" for one value or type="array" for a list bound in IN (:${name || 'name'})`);
    const required = source.attributes.required?.value.trim();
    if (required !== undefined && required !== '' && required !== 'true' && required !== 'false') this.add(source.attributes.required!.valueRange, 'error', 'invalid-value', `required must be true or false, found '${required}'`);
    const optional = (key: 'default' | 'description' | 'column') => (source.attributes[key] !== undefined ? { [key]: source.attributes[key]!.value } : {});
    return { name, ...(type !== undefined ? { type } : {}), required: required === 'true', ...optional('default'), ...optional('description'), ...optional('column'), source };
  }

  private column(element: XmlElement): QueryColumn | undefined {
    const source = elementSource<'column' | 'description'>(element);
    const attribute = source.attributes.column;
    const text = element.text.trim() ? textSpan(this.document, element) : undefined;
    const mapping = attribute?.value.trim() || text?.value;
    if (!mapping) {
      this.add(element.nameRange, 'error', 'missing-attribute', '<column> names no column: write <column column="table.column">output_name</column>');
      return undefined;
    }
    const dot = mapping.indexOf('.');
    const mappingRange = attribute?.value.trim() ? attribute.valueRange : text!.range;
    return {
      mapping,
      ...(dot > 0 ? { table: mapping.slice(0, dot) } : {}),
      field: dot > 0 ? mapping.slice(dot + 1) : mapping,
      outputName: text?.value ?? mapping,
      mappingRange,
      form: attribute?.value.trim() ? 'attribute' : 'text',
      ...(text ? { text } : {}),
      source,
    };
  }

  private sql(element: XmlElement): QuerySql {
    const source = elementSource<never>(element);
    const only = element.cdata.length === 1 ? element.cdata[0] : undefined;
    const outside = only ? element.text.replace(only.value.replace(/\r\n?/g, '\n'), '') : undefined;
    if (only && outside!.trim() === '') return { text: only.value, offset: only.range.start.offset, range: only.range, exact: true, source };
    const { start, end } = element.contentRange;
    const raw = this.document.text.slice(start.offset, end.offset);
    const exact = element.cdata.length === 0 && !raw.includes('&');
    return { text: exact ? raw : element.text, offset: start.offset, range: element.contentRange, exact, source };
  }

  permissions(root: XmlElement): PermissionMapping[] {
    if (!this.expectRoot(root, 'permission_mappings', 'a permission_mappings.xml file')) return [];
    return childrenNamed(root, 'permission').map((permission) => ({
      file: this.document.file,
      page: this.required(permission, 'name') ?? '',
      implies: childrenNamed(permission, 'implies').map((implies): PermissionImplies => {
        const target: TextValue = textSpan(this.document, implies);
        if (!target.value) this.add(implies.nameRange, 'error', 'missing-element', '<implies> names no target: write the API path it allows, e.g. /ws/schema/query/com.example.plugin.students');
        const queryName = queryTarget.exec(target.value)?.[1];
        return { allow: this.required(implies, 'allow') ?? '', target, ...(queryName ? { queryName } : {}), source: elementSource<'allow'>(implies) };
      }),
      source: elementSource<'name'>(permission),
    }));
  }

  extension(root: XmlElement): SchemaExtension[] {
    if (!this.expectRoot(root, 'psExtension', 'a user_schema_root file')) return [];
    const nameElement = childrenNamed(root, 'extensionname')[0];
    if (!nameElement) this.add(root.nameRange, 'error', 'missing-element', '<psExtension> has no <extensionname>: add <extensionname>U_MY_EXTENSION</extensionname>');
    const tables = childrenNamed(root, 'extendedTable').map((table): ExtensionTable => {
      const source = elementSource<'dbTableName' | 'name' | 'coreTable' | 'childName' | 'type' | 'comment' | 'description'>(table);
      const name = source.attributes.dbTableName?.value ?? source.attributes.name?.value;
      if (name === undefined) this.add(table.nameRange, 'error', 'missing-attribute', '<extendedTable> has no dbTableName: add dbTableName="U_…" (the database table it creates)');
      const optional = (key: 'coreTable' | 'childName' | 'type') => (source.attributes[key] !== undefined ? { [key]: source.attributes[key]!.value } : {});
      return { name: name ?? '', ...optional('coreTable'), ...optional('childName'), ...optional('type'), fields: descendantsNamed(table, 'field').map((field) => this.extensionField(field)), source };
    });
    return [{ file: this.document.file, ...(nameElement ? { name: textSpan(this.document, nameElement) } : {}), tables, source: elementSource(root) }];
  }

  private extensionField(element: XmlElement): ExtensionField {
    const source = elementSource<'name' | 'type' | 'length' | 'description' | 'comment' | 'defaultValue'>(element);
    const description = source.attributes.description?.value ?? source.attributes.comment?.value;
    return {
      name: this.required(element, 'name') ?? '',
      ...(source.attributes.type ? { type: source.attributes.type.value } : {}),
      ...(source.attributes.length ? { length: source.attributes.length.value } : {}),
      ...(description !== undefined ? { description } : {}),
      source,
    };
  }

  private expectRoot(root: XmlElement, localName: string, what: string): boolean {
    if (root.localName === localName) return true;
    this.add(root.nameRange, 'error', 'wrong-root', `the root element of ${what} must be <${localName}>, found <${root.name}>`);
    return false;
  }

  /** The attribute's value, trimmed; a finding when it is missing or empty. */
  private required(element: XmlElement, name: string): string | undefined {
    const attribute = attributeOf(element, name);
    const value = attribute?.value.trim();
    if (value) return value;
    if (attribute) this.add(attribute.valueRange, 'error', 'empty-attribute', `${name} of <${element.name}> is empty: write a value`);
    else if (!element.unfinished) this.add(element.nameRange, 'error', 'missing-attribute', `<${element.name}> needs a ${name} attribute: add ${name}="…"`);
    return undefined;
  }

  private add(range: SourceRange, severity: PluginFinding['severity'], code: string, message: string): void {
    this.findings.push(finding(range, severity, code, message));
  }
}

function descendantsNamed(element: XmlElement, localName: string): XmlElement[] {
  return element.children.flatMap((child) => (child.localName === localName ? [child] : descendantsNamed(child, localName)));
}
