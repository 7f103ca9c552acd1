import { tablesFromMetadataJson, type ColumnMetadata } from '../../core/payload';

// No `vscode` here: PowerSchool's metadata answers → what the payload rules take.

type Loose = Record<string, unknown>;
const isLoose = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Columns from GET /ws/schema/table/{t}/metadata?expansions=access,attrs. The `attrs`
 * expansion says per column what `access` says per table: either makes a column read-only.
 */
export function columnsFromMetadata(json: unknown): readonly ColumnMetadata[] | undefined {
  if (!isLoose(json) || !Array.isArray(json.columns)) return undefined;
  const columns = json.columns.map((column: unknown) =>
    isLoose(column) && isLoose(column.attrs) && column.attrs.readOnly === true ? { ...column, readOnly: true } : column,
  );
  return tablesFromMetadataJson({ ...json, name: typeof json.name === 'string' ? json.name : 'table', columns })[0]?.columns;
}

/**
 * Extension table names from a list answer's `@extensions` (`"u_a,u_b"`, as GET
 * /ws/v1/district/student and GET /ws/schema/table/students send it).
 */
export function extensionNamesOf(json: unknown): string[] | undefined {
  const holder = isLoose(json) && isLoose(json.students) ? json.students : json;
  if (!isLoose(holder) || typeof holder['@extensions'] !== 'string') return undefined;
  return holder['@extensions'].split(',').map((name) => name.trim()).filter((name) => /^[A-Za-z][A-Za-z0-9_]*$/.test(name));
}
