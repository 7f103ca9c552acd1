import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RawStatement } from './rawStatement';
import { sqlJsMemory, type SqliteAbi } from './sqliteAbi';

export type Row = Record<string, SqlValue>;

const wasmCandidates = ['sql-wasm.wasm', join('dist', 'sql-wasm.wasm'), join('node_modules', 'sql.js', 'dist', 'sql-wasm.wasm')];

/** Finds sql.js's WebAssembly: the explicit path, else the nearest candidate walking up from `startDir`. */
export function locateSqlWasm(startDir: string, explicitPath?: string): string {
  if (explicitPath) {
    if (!existsSync(explicitPath)) throw new Error(`sql-wasm.wasm not found at ${explicitPath}`);
    return explicitPath;
  }
  for (let dir = startDir; ; dir = dirname(dir)) {
    for (const candidate of wasmCandidates) {
      const path = join(dir, candidate);
      if (existsSync(path)) return path;
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`sql-wasm.wasm not found near ${startDir} (pass wasmPath)`);
}

/** The parts of the WebAssembly API used here (TypeScript declares its values only with the DOM's library). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
  Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBuffer };
}

/**
 * Loads sql.js from the given wasm file. sql.js itself memoises its module per process, so a
 * second sandbox reuses it; we instantiate the WebAssembly ourselves (no global locateFile hook is
 * needed) and keep its memory on the module, where `sqliteAbiOf` finds it.
 */
export async function loadSqlJs(wasmPath: string): Promise<SqlJsStatic> {
  const bytes = readFileSync(wasmPath);
  const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  let memory: unknown;
  const sql = await new Promise<SqlJsStatic>((resolve, reject) => {
    initSqlJs({
      instantiateWasm: (imports, instantiated) => {
        // sql.js waits for this callback and has no way to hear of a failure: reject here instead.
        webAssembly.instantiate(bytes, imports).then(({ instance }) => {
          memory = Object.values(instance.exports).find((value) => value instanceof webAssembly.Memory);
          instantiated(instance as Parameters<typeof instantiated>[0]);
        }).catch(reject);
        return {};
      },
    }).then(resolve, reject);
  });
  // Only the call that instantiated it sees the memory; later calls get the memoised module, which holds it already.
  if (memory && !(sqlJsMemory in sql)) Object.defineProperty(sql, sqlJsMemory, { value: memory });
  return sql;
}

/** One write as executed, enough to replay it on a copy of the database. */
export interface WrittenStatement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** Sees a transaction's writes just before COMMIT; throwing rolls the transaction back. */
export type CommitHook = (writes: readonly WrittenStatement[]) => void;

/** One row inserted, updated or deleted: its table (as created, lower case) and rowid. */
export type RowChangeListener = (table: string, rowid: number) => void;

type RowFactory = (values: readonly SqlValue[]) => Row;

/**
 * An object-literal row builder for these column names: V8 builds the literal from one template
 * with its shape known, where adding 120 keys one by one walks a shape transition per key. Names are
 * written as JSON string literals (any text is safe there); `__proto__` is a computed key, so it is an
 * own property like any other name. A name given twice keeps its last value, as assignment would.
 */
export function rowFactoryFor(names: readonly string[]): RowFactory {
  const properties = names.map((name, index) => `${name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: values[${index}]`);
  return new Function('values', `return { ${properties.join(', ')} };`) as RowFactory;
}

/** Prepared statements kept for reuse, most recently used last (a request runs the same few shapes). */
const keptStatements = 64;

/** A thin, typed wrapper over one sql.js database. */
export class SqlStore {
  private readonly statements = new Map<string, Statement>();
  private readonly running = new Set<Statement>();
  private readonly rowFactories = new WeakMap<Statement, RowFactory>();
  private commitHook: CommitHook | undefined;
  private writes: WrittenStatement[] | undefined;
  private readonly rowListeners: RowChangeListener[] = [];

  /** `abi`, when given, is the module's C API: bulk writes bind through it (`RawStatement`). */
  constructor(readonly db: Database, private readonly abi?: SqliteAbi) {}

  /**
   * `sql` prepared to be bound and stepped through SQLite's C API (see RawStatement); undefined when
   * this store was not given it, and then sql.js's own statements are the way.
   */
  prepareRaw(sql: string): RawStatement | undefined {
    // sql.js keeps the sqlite3 pointer of a Database in its `db` field.
    const pointer = (this.db as unknown as { db?: unknown }).db;
    return this.abi && typeof pointer === 'number' ? RawStatement.prepare(this.abi, pointer, sql) : undefined;
  }

  /**
   * From now on every `run` belongs to a transaction whose writes `hook` receives before COMMIT
   * (a `--data` file journals them there, so a write is durable before it is acknowledged).
   */
  onCommit(hook: CommitHook): void {
    this.commitHook = hook;
  }

  /**
   * Calls `listener` for every row a statement changes from now on (SQLite's update hook), so a
   * cache derived from rows can drop exactly what a write touched. Not called for rows removed by
   * a DELETE without WHERE or by DROP TABLE, which the sandbox never runs after start.
   */
  onRowChange(listener: RowChangeListener): void {
    if (this.rowListeners.length === 0) {
      this.db.updateHook((_operation, _database, table, rowid) => {
        for (const each of this.rowListeners) each(table, rowid);
      });
    }
    this.rowListeners.push(listener);
  }

  all(sql: string, params: readonly SqlValue[] = []): Row[] {
    const statement = this.prepared(sql);
    this.running.add(statement);
    try {
      statement.bind(params as SqlValue[]);
      const rows: Row[] = [];
      let makeRow: RowFactory | undefined;
      while (statement.step()) {
        makeRow ??= this.rowFactory(statement);
        rows.push(makeRow(statement.get()));
      }
      return rows;
    } finally {
      this.running.delete(statement);
      if (this.statements.get(sql) === statement) statement.reset();
      else statement.free();
    }
  }

  /** The row builder for a statement's columns, made once per kept statement (getAsObject() re-reads every name per row). */
  private rowFactory(statement: Statement): RowFactory {
    const known = this.rowFactories.get(statement);
    if (known) return known;
    const made = rowFactoryFor(statement.getColumnNames());
    this.rowFactories.set(statement, made);
    return made;
  }

  /**
   * The kept statement for `sql` (prepared once: parsing and planning cost as much as reading a
   * page of rows), or a one-off one while the kept one is still stepping (a nested call).
   */
  private prepared(sql: string): Statement {
    const kept = this.statements.get(sql);
    if (kept && this.running.has(kept)) return this.db.prepare(sql);
    if (kept) {
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      return kept;
    }
    const statement = this.db.prepare(sql);
    this.statements.set(sql, statement);
    for (const [oldSql, old] of this.statements) {
      if (this.statements.size <= keptStatements) break;
      if (this.running.has(old)) continue;
      this.statements.delete(oldSql);
      old.free();
    }
    return statement;
  }

  get(sql: string, params: readonly SqlValue[] = []): Row | undefined {
    return this.all(sql, params)[0];
  }

  scalar(sql: string, params: readonly SqlValue[] = []): SqlValue {
    const row = this.get(sql, params);
    return row ? Object.values(row)[0] ?? null : null;
  }

  run(sql: string, params: readonly SqlValue[] = []): number {
    if (this.commitHook && !this.writes) return this.transaction(() => this.run(sql, params));
    this.db.run(sql, params as SqlValue[]);
    if (this.commitHook) this.writes?.push({ sql, params: [...params] });
    return this.db.getRowsModified();
  }

  /** Whether a `transaction` is running. */
  get inTransaction(): boolean {
    return this.writes !== undefined;
  }

  /** Runs `work` in one transaction (joining the enclosing one, if any); rolls back if it or the commit hook throws. */
  transaction<T>(work: () => T): T {
    if (this.writes) return work();
    this.db.exec('BEGIN');
    this.writes = [];
    try {
      const result = work();
      if (this.writes.length && this.commitHook) this.commitHook(this.writes);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.writes = undefined;
    }
  }

  close(): void {
    this.statements.clear(); // sql.js frees every statement of the database it closes
    this.db.close();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
