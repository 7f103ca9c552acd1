import { PowerSchoolClient, type Logger } from '../core/client';
import { connectionKey, localSandboxName } from '../core/environments';
import { startSandbox, type SandboxHandle } from '../sandbox';
import { UsageError, type CliContext } from './command';
import { writeMessage } from './output';

/** Log lines of `tag` go to stderr only when PSDEV_VERBOSE is set; stdout stays pure data for pipes. */
function cliLogger(context: CliContext, tag: string): Logger {
  const verbose = !!context.env.PSDEV_VERBOSE;
  const write = (level: string) => (message: string) => {
    if (verbose) writeMessage(context.stderr, `${level} [${tag}] ${message}`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') };
}

export interface ClientOptions {
  /** Start an embedded sandbox for this call instead of reading PS_* from the environment. */
  readonly sandbox?: boolean;
  /** How long one exchange may take (answer and body) before it fails; the client's default otherwise. */
  readonly timeoutSeconds?: number;
  /** The largest decoded body a response may have; the client's default (256 MB) otherwise. */
  readonly maxBodyBytes?: number;
}

/** `--timeout SECONDS`: a positive number of seconds (fractions allowed), at most a day. */
export function timeoutOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) throw new UsageError(`--timeout needs a number of seconds between 0 and 86400, got '${value}'`);
  return seconds;
}

/** `--max-body MB`: the largest decoded body a response may have, in megabytes (fractions allowed). */
export function maxBodyOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0 || megabytes > 1_000_000) throw new UsageError(`--max-body needs a number of megabytes greater than 0, got '${value}'`);
  return Math.max(1, Math.round(megabytes * 1024 * 1024));
}

/** The clients of one command: a file's environment may pin a connection with `"$connection"`. */
export interface Clients {
  /** The client for requests whose environment pins `pinned` (undefined: it pins none). */
  clientFor(pinned: string | undefined): Promise<PowerSchoolClient>;
}

/**
 * Runs `work` with the command's clients: an embedded sandbox, started once on first need, for
 * `--sandbox` or an environment pinning the local sandbox; otherwise PS_URL / PS_CLIENT_ID /
 * PS_CLIENT_SECRET. The secret comes only from the environment, never from an argument that would
 * land in shell history; a connection saved in VS Code keeps its secret where psdev cannot read it.
 */
export async function withClients<T>(context: CliContext, options: ClientOptions, work: (clients: Clients) => Promise<T>): Promise<T> {
  const log = cliLogger(context, 'client');
  const timeoutMs = options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000;
  const deps = { log, timeoutMs, maxBodyBytes: options.maxBodyBytes };
  let sandbox: Promise<SandboxHandle> | undefined;
  let sandboxClient: Promise<PowerSchoolClient> | undefined;
  let environmentClient: PowerSchoolClient | undefined;
  const clients: Clients = {
    clientFor: async (pinned) => {
      // The name exactly as the extension lists it: a pin VS Code would not run on the sandbox does not here either.
      if (options.sandbox || pinned === localSandboxName) {
        sandbox ??= startSandbox({ port: 0 });
        sandboxClient ??= sandbox.then((started) => new PowerSchoolClient({ name: localSandboxName, url: started.url, clientId: started.clientId, clientSecret: started.clientSecret }, deps));
        return sandboxClient;
      }
      if (environmentClient) return environmentClient;
      const { PS_URL: url, PS_CLIENT_ID: clientId, PS_CLIENT_SECRET: clientSecret } = context.env;
      const missing = [['PS_URL', url], ['PS_CLIENT_ID', clientId], ['PS_CLIENT_SECRET', clientSecret]].filter(([, value]) => !value).map(([name]) => name);
      if (missing.length > 0) {
        const which = pinned === undefined ? '' : ` for the connection '${pinned}' the environment pins ("${connectionKey}"; VS Code keeps its secret, which psdev cannot read)`;
        throw new UsageError(`set ${missing.join(', ')}${which} (or pass --sandbox to use an embedded sandbox)`);
      }
      return (environmentClient = new PowerSchoolClient({ name: 'env', url: url!, clientId: clientId!, clientSecret: clientSecret!, allowInsecure: context.env.PS_ALLOW_INSECURE === '1' }, deps));
    },
  };
  try {
    return await work(clients);
  } finally {
    if (sandbox) await (await sandbox.catch(() => undefined))?.close();
  }
}

/** `withClients` for a command whose requests have no environment (`psdev request`). */
export function withClient<T>(context: CliContext, options: ClientOptions, work: (client: PowerSchoolClient) => Promise<T>): Promise<T> {
  return withClients(context, options, async (clients) => work(await clients.clientFor(undefined)));
}
