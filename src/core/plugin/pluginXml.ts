import { createLineIndex } from '../text';
import { localName, parseXml, XmlError, type XmlElement } from './xml';

export type FieldAccess = 'ViewOnly' | 'FullAccess';
/** `<oauth accessLevelV1Api="…"/>`: what the plugin may do on /ws/v1. */
export type V1AccessLevel = 'FULL' | 'READ';

/** One `<access_request><field table field access/>` line, names as written. */
export interface FieldGrant {
  readonly table: string;
  readonly field: string;
  readonly access: FieldAccess;
}

/** What the sandbox and the editor need of a plugin.xml; the full plugin model grows from here. */
export interface PluginDefinition {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** Absent when `<oauth>` has no accessLevelV1Api (or there is no `<oauth>`). */
  readonly accessLevelV1Api?: V1AccessLevel;
  readonly fieldGrants: readonly FieldGrant[];
}

/** The access values plugin.xml uses, keyed case-insensitively. */
const accessValues: ReadonlyMap<string, FieldAccess> = new Map([['viewonly', 'ViewOnly'], ['fullaccess', 'FullAccess']]);

/**
 * Reads a plugin.xml as PowerSchool's plugins write it (plugin-corpus-facts.md): root `<plugin
 * name version description>` in any namespace, children in any order, `<oauth>` with an optional
 * accessLevelV1Api, `<access_request>` holding `<field>` lines (and `<cdn_request>`, ignored).
 * Throws XmlError with line:column for malformed XML and for values PowerSchool would refuse.
 */
export function parsePluginXml(text: string): PluginDefinition {
  const root = parseXml(text);
  const position = createLineIndex(text);
  const fail = (reason: string, element: XmlElement): never => {
    const { line, column } = position(element.offset);
    throw new XmlError(reason, line + 1, column + 1);
  };
  if (localName(root) !== 'plugin') fail(`the root element must be <plugin>, found <${root.name}>`, root);
  const required = (element: XmlElement, attribute: string): string => {
    const value = element.attributes[attribute]?.trim();
    return value ? value : fail(`<${element.name}> needs a ${attribute} attribute`, element);
  };
  const children = (element: XmlElement, name: string) => element.children.filter((child) => localName(child) === name);

  let accessLevelV1Api: V1AccessLevel | undefined;
  for (const oauth of children(root, 'oauth')) {
    const level = oauth.attributes.accessLevelV1Api?.trim();
    if (level === undefined || level === '') continue;
    const upper = level.toUpperCase();
    if (upper !== 'FULL' && upper !== 'READ') fail(`accessLevelV1Api must be FULL or READ, found '${level}'`, oauth);
    accessLevelV1Api = upper as V1AccessLevel;
  }
  const fieldGrants: FieldGrant[] = [];
  for (const request of children(root, 'access_request')) {
    for (const field of children(request, 'field')) {
      const written = required(field, 'access');
      const access = accessValues.get(written.toLowerCase()) ?? fail(`access must be ViewOnly or FullAccess, found '${written}'`, field);
      fieldGrants.push({ table: required(field, 'table'), field: required(field, 'field'), access });
    }
  }
  const description = root.attributes.description;
  return { name: required(root, 'name'), version: required(root, 'version'), ...(description !== undefined ? { description } : {}), ...(accessLevelV1Api ? { accessLevelV1Api } : {}), fieldGrants };
}

/** `<field table="STUDENTS" field="DCID" access="ViewOnly"/>`: the line a plugin.xml needs for a column. */
/** Whether a grant allows what a request needs: FullAccess covers everything, ViewOnly only reads. */
export function grantCovers(grant: FieldAccess | undefined, need: FieldAccess): boolean {
  return grant === 'FullAccess' || grant === need;
}

export function accessRequestLine(table: string, field: string, access: FieldAccess): string {
  return `<field table="${table.toUpperCase()}" field="${field.toUpperCase()}" access="${access}"/>`;
}

/** The grant for table.field, names compared case-insensitively; FullAccess wins over ViewOnly if both are listed. */
export function grantLookup(grants: readonly FieldGrant[]): (table: string, field: string) => FieldAccess | undefined {
  const byColumn = new Map<string, FieldAccess>();
  for (const grant of grants) {
    const key = `${grant.table.toLowerCase()}.${grant.field.toLowerCase()}`;
    if (byColumn.get(key) !== 'FullAccess') byColumn.set(key, grant.access);
  }
  return (table, field) => byColumn.get(`${table.toLowerCase()}.${field.toLowerCase()}`);
}
