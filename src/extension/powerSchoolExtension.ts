import * as vscode from 'vscode';
import { ActiveConnection } from './connections/activeConnection';
import { ClientPool } from './connections/clientPool';
import { ConnectionHealth } from './connections/connectionHealth';
import { registerConnectionCommands } from './connections/connectionCommands';
import { ConnectionStore } from './connections/connectionStore';
import { SandboxHost } from './connections/sandboxHost';
import { ConnectionStatusBar } from './connections/statusBar';
import { EnvironmentChooser, EnvironmentService } from './environments';
import type { EnvironmentStatusBar } from './environments/environmentStatusBar';
import { registerExamplesCommand } from './firstRun/examplesCommand';
import { registerPsreqLanguage } from './language';
import { registerPsreqOutline } from './outline/psreqOutline';
import { registerPayloadValidation } from './payload';
import { registerPluginSupport, type PluginSupport } from './plugin';
import { PluginFolders } from './plugin/pluginFolders';
import { SavedWorkspacePlugins } from './plugin/savedPlugins';
import { registerRunner, type RunnerController } from './runner';
import { SchemaService } from './schema/schemaService';
import { PsreqTestController } from './testing/psreqTestController';
import type { Services } from './services';
import { registerSchemaExplorer, type SchemaExplorer } from './tree/schemaExplorer';
import { Commands } from './util/commands';
import { Disposables } from './util/disposables';
import { Logger } from './util/logger';
import { ParsedPsreqDocuments } from './util/parsedPsreq';
import { PendingWork } from './util/pendingWork';
import { Redaction } from './util/redaction';
import type { CodeCacheUse } from './util/codeCache';
import { timeMark, timeSpentSince, type TimeMark, type TimeSpent } from './util/threadTime';

/** What activate() hands back: integration tests reach the live services through it. */
export interface ExtensionApi {
  readonly services: Services;
  readonly statusBar: ConnectionStatusBar;
  readonly environmentStatusBar: EnvironmentStatusBar;
  readonly explorer: SchemaExplorer;
  readonly runner: RunnerController;
  readonly tests: PsreqTestController;
  readonly plugins: PluginSupport;
  /** How long activate() took, from its first line to its return (the integration run prints it). */
  readonly activation: ActivationTime;
}

/** How main.js loaded the bundle before activate(): its time, and whether V8's code cache served the compile. */
export interface BundleLoad extends TimeSpent {
  readonly codeCache: CodeCacheUse;
}

/** activate() from its first line to its return, and the bundle's load before it (absent when something else loaded the bundle). */
export interface ActivationTime extends TimeSpent {
  readonly load?: BundleLoad;
}

/** A measure as the log line gives it. */
const spent = ({ ms, cpuMs, thread }: TimeSpent): string => `${ms.toFixed(1)} ms (${cpuMs.toFixed(1)} ms CPU${thread ? `; main thread ${thread.cpuMs.toFixed(1)} ms CPU, ${thread.waitMs.toFixed(1)} ms waiting for a CPU` : ''})`;

/**
 * Every part of the extension, made in dependency order and disposed in reverse. The log
 * channel outlives the rest until their last writes are done, so a failed save still says why.
 */
export class PowerSchoolExtension extends Disposables {
  readonly api: ExtensionApi;
  private readonly pending = new PendingWork();
  private closed: Promise<void> | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly channel: vscode.LogOutputChannel,
    started: TimeMark = timeMark(),
    load?: BundleLoad,
  ) {
    const redaction = new Redaction();
    const logger = new Logger(channel, redaction);
    super(logger.for('extension'));
    const store = this.track(new ConnectionStore(context.secrets, logger.for('connections')));
    // The plugin folders come first: the sandbox installs them, the plugin features read them.
    const pluginFolders = this.track(new PluginFolders(logger.for('plugin')));
    const sandbox = this.track(new SandboxHost(logger.for('sandbox'), { plugins: this.track(new SavedWorkspacePlugins(pluginFolders, logger.for('sandbox'))) }));
    const active = this.track(new ActiveConnection(context.globalState, store, sandbox, logger.for('connections')));
    const health = this.track(new ConnectionHealth(logger.for('connections')));
    const clients = this.track(new ClientPool(active, logger, redaction, health));
    const commands = new Commands(
      {
        registerCommand: (id, run) => vscode.commands.registerCommand(id, run),
        showErrorMessage: (message, ...items) => vscode.window.showErrorMessage(message, ...items),
        showInformationMessage: (message) => vscode.window.showInformationMessage(message),
      },
      logger.for('command'),
      redaction,
    );
    const schema = this.track(new SchemaService({ context, log: logger, store, active, clients, sandbox, pending: this.pending }));
    const environments = this.track(new EnvironmentService(context.workspaceState, logger.for('environments')));
    const services: Services = { context, log: logger, commands, pending: this.pending, store, active, clients, sandbox, psreq: this.track(new ParsedPsreqDocuments(logger.for('psreq'))), schema, environments };
    const statusBar = this.track(new ConnectionStatusBar(active, logger.for('connections')));
    const environmentChooser = this.track(new EnvironmentChooser(services));
    this.track(registerConnectionCommands(services));
    this.track(registerPsreqOutline(services));
    const runner = this.track(registerRunner(services));
    const explorer = this.track(registerSchemaExplorer(services, (connection, text, what) => runner.controller.sendText(connection, text, what)));
    this.track(registerPsreqLanguage(services));
    this.track(registerPayloadValidation(services));
    const tests = this.track(new PsreqTestController(services, runner.controller));
    this.track(registerExamplesCommand(services));
    const plugins = this.track(registerPluginSupport(services, pluginFolders, runner.controller));
    const activation: ActivationTime = { ...timeSpentSince(started), ...(load ? { load } : {}) };
    this.log.info(`${load ? `loaded in ${spent(load)}, code cache ${load.codeCache}; ` : ''}activated in ${spent(activation)}`);
    this.api = { services, statusBar, environmentStatusBar: environmentChooser.statusBar, explorer, runner: runner.controller, tests, plugins, activation };
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.closed = this.pending.settled().then(() => this.channel.dispose());
  }

  /** Disposes everything and resolves once the writes it left behind are done. */
  async shutdown(): Promise<void> {
    this.dispose();
    await this.closed;
  }
}
