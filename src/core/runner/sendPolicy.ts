import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { VariableUses } from '../psreq';

/**
 * What a request file may make the runner do, set by the host: VS Code from workspace trust,
 * `psdev run` from `--allow-outside`. Read before every request, so granting trust applies at once.
 */
export interface SendRules {
  /** Only the active connection's server may be sent to (an untrusted workspace chose the rest). */
  readonly connectionOnly: boolean;
  /** `{{$processEnv}}` / `{{$dotenv}}` are refused (an untrusted workspace must not read secrets). */
  readonly noEnvironmentReads: boolean;
  /** Absolute folders a `< file` body must lie in; undefined lets it come from anywhere. */
  readonly includeRoots?: readonly string[];
  /** How the user lifts a refusal ("Trust this workspace…", "pass --allow-outside"), appended to its message. */
  readonly remedy: string;
}

/** Nothing refused: a request carrying response data to another host is still asked about. */
export const unrestricted: SendRules = { connectionOnly: false, noEnvironmentReads: false, remedy: '' };

/** A resolved request, as the policy judges it: where it goes and what it draws on. */
export interface OutgoingRequest {
  readonly url: URL;
  readonly connection: { readonly name: string; readonly origin: string };
  readonly uses: VariableUses;
}

export type SendVerdict =
  | { readonly action: 'send' }
  | { readonly action: 'refuse'; readonly reason: string }
  /** Ask the user first; `origin` is remembered with approve() so the question comes once per host. */
  | { readonly action: 'ask'; readonly reason: string; readonly origin: string };

/**
 * Decides, per resolved request, whether the runner sends it: which host it goes to against the
 * connection's, whether it reads the process environment, where its `< file` body lies, and whether
 * it carries an earlier response's data (read with the connection's token) to another host. One
 * policy lives for a session: hosts approved for response data stay approved.
 */
export class SendPolicy {
  private readonly approvedOrigins = new Set<string>();

  constructor(private readonly rules: () => SendRules = () => unrestricted) {}

  /** Why the `< file` body at `path` (absolute, links resolved) may not be read, or undefined. */
  includeRefusal(path: string): string | undefined {
    const { includeRoots, remedy } = this.rules();
    if (!includeRoots || includeRoots.some((root) => isInside(root, path))) return undefined;
    return withRemedy(`not sent: the body file ${path} is outside ${includeRoots.join(', ')}.`, remedy);
  }

  judge(request: OutgoingRequest): SendVerdict {
    const rules = this.rules();
    const { origin, host } = request.url;
    const elsewhere = origin !== request.connection.origin;
    if (rules.connectionOnly && elsewhere) return refuse(`${host} is not the server of the connection '${request.connection.name}', and this workspace is not trusted`, rules);
    const [read] = request.uses.environmentReads;
    if (rules.noEnvironmentReads && read !== undefined) return refuse(`{{${read}}} reads this computer's environment, and this workspace is not trusted`, rules);
    if (request.uses.responses.length > 0 && elsewhere && !this.approvedOrigins.has(origin)) {
      const names = request.uses.responses.map((name) => `'${name}'`).join(', ');
      return { action: 'ask', origin, reason: `This request sends data from the response of ${names} (read from '${request.connection.name}') to ${host}, another server.` };
    }
    return { action: 'send' };
  }

  /** The user let response data go to `origin`: not asked again this session. */
  approve(origin: string): void {
    this.approvedOrigins.add(origin);
  }
}

/** Whether `path` is `root` or lies under it (both absolute). */
export function isInside(root: string, path: string): boolean {
  const way = relative(root, path);
  return way === '' || (way !== '..' && !way.startsWith(`..${sep}`) && !isAbsolute(way));
}

/** Where an absolute path really leads (symbolic links followed), for include roots and bodies; as given when it does not exist. */
export function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function refuse(why: string, rules: SendRules): SendVerdict {
  return { action: 'refuse', reason: withRemedy(`not sent: ${why}.`, rules.remedy) };
}

function withRemedy(why: string, remedy: string): string {
  return remedy ? `${why} ${remedy}` : why;
}
