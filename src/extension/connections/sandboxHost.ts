import * as vscode from 'vscode';
import type { GrantedAccess, Plugin, PluginCatalog } from '../../core/plugin';
import type { InstalledPluginClient, SandboxHandle, SandboxOptions } from '../../sandbox';
import { productCacheDir } from '../../core/userCacheDir';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import type { Log } from '../util/logger';
import { SandboxPluginSetting } from './sandboxPluginSetting';

export interface SandboxEndpoint {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A plugin folder of the workspace, as the sandbox installs it. */
export interface WorkspacePlugin {
  /** The folder (a URI string): what callers name the plugin by. */
  readonly folder: string;
  readonly plugin: Plugin;
}

/** The workspace's plugins the embedded sandbox installs, and when they change. */
export interface SandboxPluginSource {
  /** The plugins as they are now, and a key that is equal exactly when what they install is. */
  read(): Promise<{ readonly plugins: readonly WorkspacePlugin[]; readonly key: string }>;
  readonly onDidChange: vscode.Event<void>;
}

/** An installed workspace plugin's OAuth client in the running sandbox. */
interface InstalledWorkspacePlugin {
  readonly folder: string;
  readonly client: InstalledPluginClient;
}

/** An embedded sandbox can hand its district over; a handed-over external one cannot. */
type RunningSandbox = SandboxEndpoint & {
  close(): Promise<void> | void;
  handOver?: SandboxHandle['handOver'];
  /** What it installed: the source's key and each plugin's client (none for an external one). */
  readonly installed?: { readonly key: string; readonly plugins: readonly InstalledWorkspacePlugin[] };
};
type LaunchSandbox = (options: SandboxOptions) => Promise<SandboxEndpoint & { close(): Promise<void> | void; handOver?: SandboxHandle['handOver']; plugins?: readonly InstalledPluginClient[]; origin?: SandboxHandle['origin'] }>;

const noPlugins: SandboxPluginSource = { read: async () => ({ plugins: [], key: '' }), onDidChange: () => ({ dispose() {} }) };

const probeTimeoutMs = 2_000;
/** A Run right after a save does not wait for it: it installs what is saved itself. */
const reinstallDelayMs = 300;

/**
 * The emulator (its reference catalog, SQLite, the generator: a third of the bundle) is loaded when
 * the sandbox starts or a plugin check first wants its catalog, not while the extension activates.
 */
function sandboxModule(): typeof import('../../sandbox') {
  return require('../../sandbox') as typeof import('../../sandbox');
}

/** Whether anything answers HTTP at `url` (any status will do: a refusal still means it runs). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/ws/v1/time`, { signal: AbortSignal.timeout(probeTimeoutMs) });
    return true;
  } catch {
    return false;
  }
}

function externalSandbox(): SandboxEndpoint | undefined {
  const { PSDEV_SANDBOX_URL: url, PSDEV_SANDBOX_CLIENT_ID: clientId, PSDEV_SANDBOX_CLIENT_SECRET: clientSecret } = process.env;
  return url && clientId && clientSecret ? { url, clientId, clientSecret } : undefined;
}

/**
 * The "Local sandbox" connection: the embedded emulator started in-process on a free port, once,
 * on first use, as the plugin `powerschool.sandbox.plugin` names, with the workspace's plugins
 * installed (restarted when either changes, carrying its district over so that nothing written
 * before is lost).
 * `npm start` may hand over an already running one through PSDEV_SANDBOX_* variables.
 */
export class SandboxHost extends Disposables {
  private starting: Promise<RunningSandbox> | undefined;
  private readonly started = this.track(new vscode.EventEmitter<void>());
  /** Fires when the sandbox listens: editor features that would not start it may ask it now. */
  readonly onDidStart = this.started.event;
  private readonly pluginSetting: SandboxPluginSetting;
  private builtIn: PluginCatalog | undefined;
  /** Fires when the plugin the sandbox runs as changes (after a restart has begun). */
  readonly onDidChangePlugin: vscode.Event<void>;

  private readonly launch: LaunchSandbox;
  private readonly workspacePlugins: SandboxPluginSource;
  /** Reinstalls in the order their changes came, so the last one's plugins win. */
  private reinstalling: Promise<void> = Promise.resolve();
  private readonly embeddedOnly: boolean;
  /** Under npm start, the embedded sandbox that runs the workspace's plugins (the handed-over one cannot install them). */
  private pluginRuns: SandboxHost | undefined;

  /** `embeddedOnly`: never use the sandbox npm start hands over (PSDEV_SANDBOX_*). */
  constructor(log: Log, options: { readonly launch?: LaunchSandbox; readonly plugins?: SandboxPluginSource; readonly embeddedOnly?: boolean } = {}) {
    super(log);
    this.launch = options.launch ?? ((launchOptions) => sandboxModule().startSandbox(launchOptions));
    this.workspacePlugins = options.plugins ?? noPlugins;
    this.embeddedOnly = options.embeddedOnly ?? false;
    this.pluginSetting = this.track(new SandboxPluginSetting(log));
    this.onDidChangePlugin = this.pluginSetting.onDidChange;
    this.track(this.pluginSetting.onDidChange(() => this.restart()));
    // Saving several plugin files at once (Save All, a revert) installs them once, after the last.
    let pending: ReturnType<typeof setTimeout> | undefined;
    this.track(this.workspacePlugins.onDidChange(() => {
      clearTimeout(pending);
      pending = setTimeout(() => void this.reinstallIfChanged(), reinstallDelayMs);
    }));
    this.track({ dispose: () => clearTimeout(pending) });
    this.track({
      dispose: () => {
        const starting = this.starting;
        this.starting = undefined;
        void starting?.then((sandbox) => sandbox.close()).catch(() => undefined);
      },
    });
  }

  endpoint(): Promise<SandboxEndpoint> {
    return this.begin(() => this.start());
  }

  /** The running (or starting) sandbox, else one started by `start`. */
  private begin(start: () => Promise<RunningSandbox>): Promise<RunningSandbox> {
    // After deactivation nothing would ever close a new server: refuse instead of leaking one.
    if (this.isDisposed) return Promise.reject(new Error('the PowerSchool sandbox host was shut down with the extension'));
    if (!this.starting) {
      const attempt: Promise<RunningSandbox> = start().then((sandbox) => {
        this.started.fire();
        return sandbox;
      }, (error: unknown) => {
        // A failed start leaves nothing behind, so the next call tries again.
        if (this.starting === attempt) this.starting = undefined;
        throw error;
      });
      this.starting = attempt;
    }
    return this.starting;
  }

  /**
   * The sandbox, checked to answer: an embedded one that stopped is started again; one `npm start`
   * handed over cannot be restarted from here, so the error says how.
   */
  async answeringEndpoint(): Promise<SandboxEndpoint> {
    const endpoint = await this.endpoint();
    if (await answers(endpoint.url)) return endpoint;
    if (this.external()) {
      throw new Error(`the sandbox at ${endpoint.url}, started by npm start, does not answer (has its process ended?): stop npm start (Ctrl+C) and run it again, or run "psdev sandbox" and set PSDEV_SANDBOX_URL, PSDEV_SANDBOX_CLIENT_ID and PSDEV_SANDBOX_CLIENT_SECRET to what it prints`);
    }
    this.log.warn(`the sandbox at ${endpoint.url} does not answer: starting it again`);
    this.restart();
    return this.endpoint();
  }

  /**
   * The sandbox as a workspace plugin's own OAuth client (its grants apply), with the plugin as
   * it is saved now installed: a saved change not yet installed is installed first.
   */
  async pluginEndpoint(folder: string): Promise<SandboxEndpoint> {
    if (this.external()) {
      if (!this.pluginRuns) {
        this.log.info('the sandbox npm start handed over cannot install the workspace\'s plugins: their queries run on an embedded sandbox of its own');
        this.pluginRuns = this.track(new SandboxHost(this.log, { launch: this.launch, plugins: this.workspacePlugins, embeddedOnly: true }));
      }
      return this.pluginRuns.pluginEndpoint(folder);
    }
    await this.reinstallIfChanged();
    const sandbox = await this.begin(() => this.start());
    const installed = sandbox.installed?.plugins.find((plugin) => plugin.folder === folder);
    if (!installed) throw new Error(`the plugin in ${vscode.Uri.parse(folder).fsPath} is not installed in the sandbox (is its plugin.xml saved?)`);
    return { url: sandbox.url, clientId: installed.client.clientId, clientSecret: installed.client.clientSecret };
  }

  /** A running embedded sandbox whose installed plugins differ from the saved ones is restarted with them. */
  private reinstallIfChanged(): Promise<void> {
    this.reinstalling = this.reinstalling.then(async () => {
      const running = this.starting;
      if (!running || this.isDisposed || this.external()) return;
      const [sandbox, { key }] = await Promise.all([running.catch(() => undefined), this.workspacePlugins.read()]);
      if (sandbox && sandbox.installed?.key !== key && this.starting === running) {
        this.log.info('a workspace plugin changed: installing it again');
        this.restart();
      }
    }).catch((error: unknown) => this.log.warn(`reading the workspace's plugins failed: ${describeError(error)}`));
    return this.reinstalling;
  }

  private external(): SandboxEndpoint | undefined {
    return this.embeddedOnly ? undefined : externalSandbox();
  }

  get isRunning(): boolean {
    return this.starting !== undefined;
  }

  /** The reference tables the sandbox serves: what plugin checks compare names against when no server answers. */
  builtInCatalog(): PluginCatalog {
    return (this.builtIn ??= sandboxModule().builtInPluginCatalog());
  }

  /** The plugin the sandbox runs as: undefined for every grant, and for a handed-over sandbox (not known). */
  get plugin(): GrantedAccess | undefined {
    return this.external() ? undefined : this.pluginSetting.current;
  }

  /**
   * A running embedded sandbox is replaced by one running as the current plugin, started from the
   * previous one's district (every write it answered); a stopped one stays stopped.
   */
  private restart(): void {
    const previous = this.starting;
    if (!previous || this.isDisposed || this.external()) return;
    this.starting = undefined;
    const handedOver = previous.then((sandbox) => sandbox.handOver?.(), () => undefined).catch((error: unknown) => {
      this.log.warn(`taking over the previous sandbox's data failed (${describeError(error)}): the new sandbox generates a fresh district`);
      return undefined;
    });
    this.begin(async () => this.start(await handedOver)).catch((error: unknown) => this.log.warn(`restarting the sandbox failed: ${describeError(error)}`));
  }

  /** Starts the embedded sandbox (from `data` when handed over), or uses the one `npm start` handed over. */
  private async start(data?: Uint8Array): Promise<RunningSandbox> {
    const external = this.external();
    if (external) {
      this.log.info(`using the sandbox at ${external.url}`);
      if (this.pluginSetting.current) this.log.warn(`powerschool.sandbox.plugin does not apply to the sandbox at ${external.url}: start it with psdev sandbox --plugin`);
      return { ...external, close() {} };
    }
    const configuration = vscode.workspace.getConfiguration('powerschool.sandbox');
    const workspace = await this.workspacePlugins.read();
    const started = Date.now();
    const sandbox = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Starting the PowerSchool sandbox…' },
      () =>
        this.launch({
          port: 0,
          seed: configuration.get<number>('seed', 1),
          students: configuration.get<number>('students', 2000),
          plugin: this.pluginSetting.current,
          plugins: workspace.plugins.map((each) => each.plugin),
          data,
          districtCache: { dir: productCacheDir('districts') },
          log: (line: string) => this.log.debug(line),
          warn: (line: string) => this.log.warn(line),
        }),
    );
    const plugins = workspace.plugins.flatMap(({ folder }, index) => (sandbox.plugins?.[index] ? [{ folder, client: sandbox.plugins[index] }] : []));
    const installedText = plugins.length ? `, ${plugins.length} workspace plugin${plugins.length === 1 ? '' : 's'} installed` : '';
    this.log.info(`listening on ${sandbox.url} (started in ${Date.now() - started} ms${data ? ', from the previous sandbox\'s data' : sandbox.origin === 'cache' ? ', district from the cache' : ''}${installedText})`);
    for (const { client } of plugins) {
      for (const query of client.unsupportedQueries) this.log.info(`plugin '${client.name}': ${query.name}: ${query.reason}`);
    }
    return { ...sandbox, installed: { key: workspace.key, plugins } };
  }
}
