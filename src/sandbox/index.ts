// The embedded PowerSchool sandbox: a local emulator of the /ws API over a generated district.
// vscode-free; runs in-process (extension host) or from `psdev sandbox`.
import { createPayloadValidator } from '../core/payload';
import type { GrantedAccess, Plugin } from '../core/plugin';
import { pluginAccess, refuseV1 } from './access/pluginAccess';
import { catalogFor, extendCatalog, type CatalogSize } from './catalog/catalog';
import type { SandboxContext } from './context';
import { districtInfo } from './data/district';
import { FragmentCache } from './data/fragmentCache';
import type { DistrictCacheOptions } from './data/districtCache';
import { openDistrict, type DistrictOrigin } from './data/openStore';
import { registerOracleFunctions } from './data/oracleFunctions';
import { existsSync } from 'node:fs';
import { DataFileInUseError, lockDataFile, type DataLock } from './data/dataLock';
import { DurableDataFile, readSavedDatabase } from './data/persist';
import { loadSqlJs, locateSqlWasm, type SqlStore } from './data/sqlite';
import { FaultInjector, resolveFaults, type Fault } from './faults';
import { defaultTokenLifetimeSeconds, TokenIssuer } from './http/auth';
import { Router } from './http/router';
import { listen, type SandboxClient } from './http/server';
import { addDataVersionRoutes } from './dataversion/dataVersionRoutes';
import { installQueries, pluginCredentials, pluginExtensionTables } from './plugins/installPlugin';
import { addPluginListingRoutes } from './plugins/pluginRoutes';
import { addPowerQueryRoutes } from './powerquery/powerQueryRoutes';
import { addSchemaRoutes } from './schema/schemaRoutes';
import { watchStudentRows } from './v1/studentResource';
import { addV1Routes } from './v1/v1Routes';

export type { Fault } from './faults';
export { parseFaultSpec, faultSpecHelp } from './faults';
export { builtInPluginCatalog } from './catalog/pluginCatalog';

export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Seed of the generated district and of rate-based faults (default 1). */
  readonly seed?: number;
  /** Number of schools (default 5). */
  readonly schools?: number;
  /** Number of students (default 2,000; 100,000 start in about 2 s). */
  readonly students?: number;
  /** Fixed delay before every response, in ms (default 0). */
  readonly latency?: number;
  /** Faults as SPEC strings (`429:every=5,retry-after=1`) or objects; see `faultSpecHelp`. */
  readonly faults?: readonly (string | Fault)[];
  /**
   * SQLite file holding the district: loaded if it exists and is not empty (generation options are
   * then ignored). Every write is journalled to `<dataFile>.journal` before it is answered and folded
   * into the file within 200 ms and on close; `<dataFile>.lock` keeps a second sandbox off it.
   */
  readonly dataFile?: string;
  /**
   * The district as an earlier sandbox's `handOver()` answered it: started from it (generation
   * options ignored), so nothing written there is lost. Not with `dataFile`, which has its own.
   */
  readonly data?: Uint8Array;
  /**
   * Keeps generated districts from 20,000 students in this folder, by everything that decides their
   * bytes, and starts from the saved file when it matches (about 1.5 s of generation saved at 100,000
   * students). Not used with `dataFile` holding a district or with `data`.
   */
  readonly districtCache?: DistrictCacheOptions;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** `large` adds synthetic state extension tables up to ~1,000 tables (one with 400 columns). */
  readonly catalog?: CatalogSize;
  /** Max page size published in /ws/v1/metadata and enforced on paging (default 100). */
  readonly maxPageSize?: number;
  /** One line per request (method, path, status, time); never tokens or secrets. */
  readonly logger?: (line: string) => void;
  /** Alias of `logger` (the extension's SandboxHost passes `log`). */
  readonly log?: (line: string) => void;
  /** Problems the user must see even without a request log (a data file that cannot be written); default: the logger. */
  readonly warn?: (line: string) => void;
  /** Path of sql.js's `sql-wasm.wasm`; found next to the bundle or in node_modules when omitted. */
  readonly wasmPath?: string;
  /** Clock in ms since the epoch (tests); default Date.now. */
  readonly now?: () => number;
  /** The plugin the default client runs as (the `manifest` of `readPlugin`); default: every grant and accessLevelV1Api FULL. */
  readonly plugin?: GrantedAccess;
  /**
   * Plugins installed as PowerSchool installs them: each gets its own OAuth client (under its own
   * grants), its named queries are served to every client, its user_schema_root tables exist.
   */
  readonly plugins?: readonly Plugin[];
}

/** An installed plugin's OAuth client. */
export interface InstalledPluginClient {
  readonly name: string;
  readonly version: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Named queries whose SQL the sandbox cannot run, with the construct it refused. */
  readonly unsupportedQueries: readonly { readonly name: string; readonly reason: string }[];
}

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly clientId: string;
  readonly clientSecret: string;
  /** One client per installed plugin, in the order given. */
  readonly plugins: readonly InstalledPluginClient[];
  /** Where the district came from: `saved` (`dataFile` or `data`), `cache` (`districtCache`) or `generated`. */
  readonly origin: DistrictOrigin;
  /** Invalidates the current access token at once (a client must request a new one). */
  revokeTokens(): void;
  /** Stops listening, drops connections, saves the data file if any and releases its lock, frees the database. */
  close(): Promise<void>;
  /**
   * Closes as `close` does, first taking the district as it stands once no request runs (every
   * write answered so far), for a sandbox started next with `data` (e.g. as another plugin).
   */
  handOver(): Promise<Uint8Array>;
}

export const sandboxDefaults = {
  port: 0,
  seed: 1,
  schools: 5,
  students: 2000,
  latency: 0,
  maxPageSize: 100,
  clientId: 'psdev-sandbox-client',
  clientSecret: 'psdev-sandbox-secret',
} as const;

/**
 * Rendered students kept for the next page request (about 2.5 KB a student with every expansion,
 * 0.3 KB with none): 64 MB hold a 100,000-student district without expansions, or 25,000 with all.
 */
const studentElementBytes = 64 * 1024 * 1024;

function checkWhole(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

/** Starts a sandbox on 127.0.0.1 and resolves once it accepts requests. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = checkWhole('seed', options.seed ?? sandboxDefaults.seed, -(2 ** 31), 2 ** 32);
  const schools = checkWhole('schools', options.schools ?? sandboxDefaults.schools, 1, 500);
  const students = checkWhole('students', options.students ?? sandboxDefaults.students, 0, 1_000_000);
  const port = checkWhole('port', options.port ?? sandboxDefaults.port, 0, 65535);
  const maxPageSize = checkWhole('maxPageSize', options.maxPageSize ?? sandboxDefaults.maxPageSize, 1, 100_000);
  const latency = options.latency ?? sandboxDefaults.latency;
  if (!(latency >= 0)) throw new Error(`latency must be ≥ 0 ms, got ${latency}`);
  const faults = resolveFaults(options.faults ?? []);
  const clientId = options.clientId ?? sandboxDefaults.clientId;
  const clientSecret = options.clientSecret ?? sandboxDefaults.clientSecret;
  const log = options.logger ?? options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const now = options.now ?? Date.now;

  const sql = await loadSqlJs(locateSqlWasm(__dirname, options.wasmPath));
  const plugins = options.plugins ?? [];
  const baseCatalog = catalogFor(options.catalog ?? 'standard');
  const catalog = extendCatalog(baseCatalog, pluginExtensionTables(plugins, baseCatalog));
  const dataFile = options.dataFile;
  if (dataFile && options.data) throw new Error('a sandbox starts from its data file or from handed-over data, not both');
  const lock = dataFile ? lockOrWarn(dataFile, warn) : undefined;
  let store: SqlStore | undefined;
  let data: DurableDataFile | undefined;
  try {
    const saved = dataFile ? readSavedDatabase(dataFile) : options.data;
    if (dataFile && !saved && existsSync(dataFile)) warn(`${dataFile} is empty: generating a new district into it`);
    const opened = openDistrict(sql, catalog, { seed, schools, students }, saved, options.districtCache);
    store = opened.store;
    const district = districtInfo();
    registerOracleFunctions(store.db, now, district.timezone);
    if (dataFile) data = DurableDataFile.open(store, dataFile, !saved, { compactDelayMs: 200, warn });
    const injector = new FaultInjector(faults, seed);
    const lifetimeSeconds = injector.tokenLifetimeSeconds() ?? defaultTokenLifetimeSeconds;
    const queriesByPlugin = plugins.map((plugin) => installQueries(plugin, catalog));
    const pluginQueries = queriesByPlugin.flat();
    const studentElements = new FragmentCache(studentElementBytes);
    watchStudentRows(store, catalog, studentElements);
    const shared = { store, catalog, district, maxPageSize, now, payloadValidator: createPayloadValidator(), studentElements };
    const taken = new Set([clientId]);
    const credentialsOf = plugins.map((plugin) => {
      const credentials = pluginCredentials(plugin, taken);
      taken.add(credentials.clientId);
      return credentials;
    });
    const listed = plugins.map((plugin, index) => ({ plugin, clientId: credentialsOf[index]!.clientId }));
    const client = (id: string, secret: string, plugin: GrantedAccess | undefined): SandboxClient => {
      const access = pluginAccess(plugin);
      const context: SandboxContext = { ...shared, access };
      const router = new Router();
      addV1Routes(router, context);
      addSchemaRoutes(router, context);
      addPowerQueryRoutes(router, context, pluginQueries);
      addDataVersionRoutes(router, context);
      addPluginListingRoutes(router, listed);
      return { tokens: new TokenIssuer({ clientId: id, clientSecret: secret, lifetimeSeconds, now }), router, refuse: (request) => refuseV1(access, request) };
    };
    const installed = plugins.map((plugin, index): InstalledPluginClient & { client: SandboxClient } => {
      const credentials = credentialsOf[index]!;
      const queries = queriesByPlugin[index]!;
      return {
        name: plugin.manifest?.name ?? '(no plugin.xml)',
        version: plugin.manifest?.version ?? '',
        ...credentials,
        unsupportedQueries: queries.filter((query) => query.unsupported).map((query) => ({ name: query.query.name, reason: query.unsupported! })),
        client: client(credentials.clientId, credentials.clientSecret, plugin.manifest ?? { name: '', version: '', fieldGrants: [] }),
      };
    });
    const clients: [SandboxClient, ...SandboxClient[]] = [client(clientId, clientSecret, options.plugin), ...installed.map((plugin) => plugin.client)];
    const running = await listen({ clients, faults: injector, latencyMs: latency, log, warn, writesAfter: opened.cached }, port);
    let closed: Promise<void> | undefined;
    let image: Uint8Array | undefined;
    /** Stops once: `takeImage` (the first caller's) runs after the last request, before the database is freed. */
    // A district being saved to the cache is on the disk before close() settles (the process may exit next).
    const stop = (takeImage: boolean) => (closed ??= running.close().then(() => {
      if (takeImage) image = store!.db.export();
    }).finally(() => release(store, data, lock)).then(() => opened.cached));
    return {
      url: `http://127.0.0.1:${running.port}`,
      port: running.port,
      clientId,
      clientSecret,
      plugins: installed.map(({ client: _client, ...plugin }) => plugin),
      origin: opened.origin,
      revokeTokens: () => clients.forEach((each) => each.tokens.revokeAll()),
      close: () => stop(false),
      handOver: async () => {
        await stop(true);
        if (!image) throw new Error('the sandbox was closed before its data could be handed over');
        return image;
      },
    };
  } catch (error) {
    release(store, data, lock);
    throw error;
  }
}

/** Locks the data file; a file that cannot be locked because its folder cannot be written is reported, and its writes are refused later. */
function lockOrWarn(dataFile: string, warn: (line: string) => void): DataLock | undefined {
  try {
    return lockDataFile(dataFile);
  } catch (error) {
    if (error instanceof DataFileInUseError) throw error;
    warn(`cannot lock ${dataFile}: ${(error as Error).message}`);
    return undefined;
  }
}

function release(store: SqlStore | undefined, data: DurableDataFile | undefined, lock: DataLock | undefined): void {
  try {
    data?.close();
  } finally {
    store?.close();
    lock?.release();
  }
}
