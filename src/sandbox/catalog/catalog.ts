import catalogData from './catalog.json';

export type ColumnType = 'NUMBER' | 'VARCHAR2' | 'CLOB' | 'DATE' | 'FLOAT';

export interface CatalogColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly length: number | null;
  readonly nullable: boolean;
  readonly comment?: string;
}

export interface CatalogTable {
  readonly name: string;
  readonly comment: string;
  readonly primaryKey: string;
  readonly coreTable: boolean;
  /** Parent table of a database extension (U_*, *_X, *_C …); absent on core tables. */
  readonly extensionOf?: string | null;
  /** A database view (TEACHERS): listed with its metadata, but /ws/schema/table refuses its records with 405. */
  readonly view?: boolean;
  readonly area: string;
  readonly columns: readonly CatalogColumn[];
}

export interface PowerQueryArg {
  readonly name: string;
  readonly type: string;
  readonly column?: string;
  readonly comment?: string;
}

export interface PowerQueryDefinition {
  readonly name: string;
  readonly coreTable: string;
  readonly args: readonly PowerQueryArg[];
  readonly columns: readonly string[];
  readonly comment?: string;
}

/** The tables, areas and PowerQueries the sandbox serves, with name lookups. */
export interface Catalog {
  readonly areas: readonly string[];
  readonly tables: readonly CatalogTable[];
  readonly powerQueries: readonly PowerQueryDefinition[];
  table(name: string): CatalogTable | undefined;
}

export type CatalogSize = 'standard' | 'large';

function indexed(areas: readonly string[], tables: readonly CatalogTable[], powerQueries: readonly PowerQueryDefinition[]): Catalog {
  const byName = new Map(tables.map((table) => [table.name, table]));
  return { areas, tables, powerQueries, table: (name) => byName.get(name.toLowerCase()) };
}

/** The catalog plus tables installed plugins create (their user_schema_root). */
export function extendCatalog(catalog: Catalog, tables: readonly CatalogTable[]): Catalog {
  return tables.length ? indexed(catalog.areas, [...catalog.tables, ...tables], catalog.powerQueries) : catalog;
}

/** `Students` for students: how the server names a table in its error texts (`Log`, `Students`). */
export function tableDisplayName(table: CatalogTable): string {
  return table.name.charAt(0).toUpperCase() + table.name.slice(1);
}

/** A table is writable through /ws/schema/table when it is a database extension, never a core table. */
export function isWritableTable(table: CatalogTable): boolean {
  return !table.coreTable && (table.extensionOf !== undefined);
}

/** The real tables of the reference (84 core, 17 extension). */
export function standardCatalog(): Catalog {
  const data = catalogData as unknown as { areas: string[]; tables: CatalogTable[]; powerqueries: PowerQueryDefinition[] };
  return indexed(data.areas, data.tables, data.powerqueries);
}

const stateCodes = ['al', 'ak', 'az', 'ar', 'ca', 'co', 'ct', 'de', 'fl', 'ga', 'hi', 'id', 'il', 'in', 'ia', 'ks', 'ky', 'la', 'me', 'md',
  'ma', 'mi', 'mn', 'ms', 'mo', 'mt', 'ne', 'nv', 'nh', 'nj', 'nm', 'ny', 'nc', 'nd', 'oh', 'ok', 'or', 'pa', 'ri', 'sc', 'sd', 'tn', 'tx',
  'ut', 'vt', 'va', 'wa', 'wv', 'wi', 'wy'];
const parents: ReadonlyArray<readonly [string, string]> = [['stu', 'students'], ['ren', 'reenrollments'], ['sgr', 'storedgrades'],
  ['crs', 'courses'], ['usr', 'users'], ['sec', 'sections'], ['sch', 'schools'], ['log', 'log'], ['cc', 'cc'], ['att', 'attendance'],
  ['trm', 'terms'], ['fee', 'fees'], ['spe', 'spenrollments'], ['tst', 'studenttest'], ['gen', 'gen'], ['prs', 'person'],
  ['gdn', 'guardian'], ['sta', 'schoolstaff']];
const columnKinds: ReadonlyArray<readonly [ColumnType, number | null]> = [['VARCHAR2', 80], ['NUMBER', 10], ['DATE', null], ['VARCHAR2', 20], ['FLOAT', null], ['VARCHAR2', 1]];

/**
 * The standard catalog plus synthetic state extension tables (S_<STATE>_<PARENT>_X) up to about
 * 1,000 tables, so the schema tree can be tried at the scale of a real district's server.
 * Deterministic: the same list every time. One synthetic table has 400 columns.
 */
export function largeCatalog(targetTables = 1000): Catalog {
  const standard = standardCatalog();
  const tables: CatalogTable[] = [...standard.tables];
  const known = new Set(tables.map((table) => table.name));
  let serial = 0;
  for (const state of stateCodes) {
    for (const [short, parent] of parents) {
      if (tables.length >= targetTables) break;
      const name = `s_${state}_${short}_x`;
      if (known.has(name)) continue;
      const parentTable = standard.table(parent);
      if (!parentTable) continue;
      const key = `${parent}dcid`;
      const width = serial === 0 ? 400 : 3 + (serial * 7) % 25;
      const columns: CatalogColumn[] = [{ name: key, type: 'NUMBER', length: 10, nullable: false, comment: `${parent.toUpperCase()}.DCID` }];
      for (let i = 1; i < width; i++) {
        const [type, length] = columnKinds[(i + serial) % columnKinds.length]!;
        columns.push({ name: `${state}_${short}_field_${String(i).padStart(3, '0')}`, type, length, nullable: true });
      }
      tables.push({
        name, comment: `Synthetic ${state.toUpperCase()} state extension of ${parent.toUpperCase()} (large catalog for scale tests).`,
        primaryKey: key, coreTable: false, extensionOf: parent, area: parentTable.area, columns,
      });
      known.add(name);
      serial++;
    }
  }
  return indexed(standard.areas, tables, standard.powerQueries);
}

export function catalogFor(size: CatalogSize): Catalog {
  return size === 'large' ? largeCatalog() : standardCatalog();
}
