import type { FieldAccess, FieldGrant } from './model';

/** Whether a grant allows what a request needs: FullAccess covers everything, ViewOnly only reads. */
export function grantCovers(grant: FieldAccess | undefined, need: FieldAccess): boolean {
  return grant === 'FullAccess' || grant === need;
}

/** `<field table="STUDENTS" field="DCID" access="ViewOnly"/>`: the line a plugin.xml needs for a column. */
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
