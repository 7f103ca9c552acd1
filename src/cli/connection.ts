import { PowerSchoolClient, type Logger } from '../core/client';
import { startSandbox } from '../sandbox';
import { UsageError, type CliContext } from './command';

/** Log lines go to stderr only when PSDEV_VERBOSE is set; stdout stays pure data for pipes. */
function cliLogger(context: CliContext): Logger {
  const verbose = !!context.env.PSDEV_VERBOSE;
  const write = (level: string) => (message: string) => {
    if (verbose) context.stderr.write(`${level} ${message}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') };
}

/**
 * Runs `work` with a client for PS_URL / PS_CLIENT_ID / PS_CLIENT_SECRET, or for an embedded
 * sandbox started for this one call when `sandbox` is set. The secret comes only from the
 * environment, never from an argument that would land in shell history.
 */
export async function withClient<T>(context: CliContext, options: { sandbox?: boolean }, work: (client: PowerSchoolClient) => Promise<T>): Promise<T> {
  const log = cliLogger(context);
  if (options.sandbox) {
    const sandbox = await startSandbox({ port: 0 });
    try {
      return await work(new PowerSchoolClient({ name: 'sandbox', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }, { log }));
    } finally {
      await sandbox.close();
    }
  }
  const { PS_URL: url, PS_CLIENT_ID: clientId, PS_CLIENT_SECRET: clientSecret } = context.env;
  const missing = [['PS_URL', url], ['PS_CLIENT_ID', clientId], ['PS_CLIENT_SECRET', clientSecret]].filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) throw new UsageError(`set ${missing.join(', ')} (or pass --sandbox to use an embedded sandbox)`);
  return work(new PowerSchoolClient({ name: 'env', url: url!, clientId: clientId!, clientSecret: clientSecret!, allowInsecure: context.env.PS_ALLOW_INSECURE === '1' }, { log }));
}
