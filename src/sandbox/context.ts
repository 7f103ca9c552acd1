import type { PayloadValidator } from '../core/payload';
import type { PluginAccess } from './access/pluginAccess';
import type { Catalog } from './catalog/catalog';
import type { DistrictInfo } from './data/district';
import type { FragmentCache } from './data/fragmentCache';
import type { SqlStore } from './data/sqlite';

/** What every route handler of one sandbox shares; built once per `startSandbox`. */
export interface SandboxContext {
  readonly store: SqlStore;
  readonly catalog: Catalog;
  readonly district: DistrictInfo;
  /** The metadata's max page size (student, school, schema table query). */
  readonly maxPageSize: number;
  readonly now: () => number;
  /** PowerSchool's student rules (`checkStudentRecord`), compiled once per sandbox. */
  readonly payloadValidator: PayloadValidator;
  /** Students as /ws/v1 list elements, per expansions and extensions; kept true to the rows by `watchStudentRows`. */
  readonly studentElements: FragmentCache;
  /** The plugin the sandbox runs as: its grants decide what /ws/schema and PowerQueries may touch. */
  readonly access: PluginAccess;
}
