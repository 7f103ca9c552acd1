import { dirname, resolve } from 'node:path';
import { VariableResolver, shiftSpans, usesWritten, type PsreqFileScope, type PsreqRequest } from '../psreq';
import { isInside, realPath } from '../runner';
import type { Finding } from './findings';
import type { PsreqChecker } from './psreqChecks';

export interface SendingCheckOptions {
  /** The connection's URL when known (PS_URL, the active connection's): absolute URLs to its origin stay home. */
  readonly connectionUrl?: () => string | undefined;
  /** `--allow-outside`: body files may lie outside the file's folder tree. */
  readonly allowOutsideIncludes?: boolean;
}

/**
 * What a file would send elsewhere, found without running it: a `$processEnv`/`$dotenv` value or
 * data from an earlier response going to a host other than the connection's (per block), and
 * `< file` bodies outside the file's folder tree, which `psdev run` and an untrusted workspace
 * refuse (asked on every check: it reads the file system).
 */
export function sendingChecker(options: SendingCheckOptions): PsreqChecker {
  return ({ parsed, path }) => {
    const connectionOrigin = originOf(options.connectionUrl?.());
    const scope = parsed.scope;
    let resolver: VariableResolver | undefined;
    const resolverOf = () => (resolver ??= new VariableResolver({ fileVariables: scope.variables }));
    return {
      key: [connectionOrigin, scope.values],
      block: async ({ request }) => (request ? dataToOtherHosts(scope, request, resolverOf(), connectionOrigin) : []),
      file: async () => {
        if (path === undefined || options.allowOutsideIncludes) return [];
        const findings: Finding[] = [];
        // The file's real folder is looked up once, and only when a request has a body file: this runs on every edit.
        let folder: { path: string; real: string } | undefined;
        for (let i = 0; i < parsed.blocks.length; i++) {
          const request = parsed.blocks[i].request;
          if (!request?.body?.file) continue;
          folder ??= { path: dirname(path), real: realPath(dirname(path)) };
          for (const finding of await includeOutside(request, resolverOf(), folder)) findings.push(shiftSpans(finding, parsed.starts[i]));
        }
        return findings;
      },
    };
  };
}

async function dataToOtherHosts(scope: PsreqFileScope, request: PsreqRequest, resolver: VariableResolver, connectionOrigin: string | undefined): Promise<Finding[]> {
  const host = await otherHost(request, resolver, connectionOrigin);
  if (host === undefined) return [];
  const uses = usesWritten({ fileVariables: scope.variables }, request);
  const where = { start: request.url.span.start, end: request.url.span.end, severity: 'warning' as const };
  const findings: Finding[] = [];
  if (uses.environmentReads.length > 0) {
    const reads = uses.environmentReads.map((read) => `{{${read}}}`).join(', ');
    findings.push({ ...where, code: 'environment-to-other-host', message: `sends ${reads} to ${host}, which is not the connection's server` });
  }
  if (uses.responses.length > 0) {
    const names = uses.responses.map((name) => `'${name}'`).join(', ');
    findings.push({ ...where, code: 'response-to-other-host', message: `sends data from the response of ${names} to ${host}, which is not the connection's server` });
  }
  return findings;
}

/** The host an absolute URL names when it is not the connection's; undefined for relative URLs and hosts only known when run. */
async function otherHost(request: PsreqRequest, resolver: VariableResolver, connectionOrigin: string | undefined): Promise<string | undefined> {
  const { text } = await resolver.resolve(request.url.text);
  const authority = /^https?:\/\/([^/?#]*)/i.exec(text.trim());
  if (!authority || authority[1]!.includes('{{')) return undefined;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  return url.origin === connectionOrigin ? undefined : url.host;
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

async function includeOutside(request: PsreqRequest, resolver: VariableResolver, folder: { path: string; real: string }): Promise<Finding[]> {
  // Only a whole-body `< file` is read when run; multipart include lines are sent as written.
  const include = request.body?.file;
  if (!include) return [];
  const { text } = await resolver.resolve(include.path);
  if (text.includes('{{')) return [];
  const located = realPath(resolve(folder.path, text));
  if (isInside(folder.real, located)) return [];
  return [{ start: include.span.start, end: include.span.end, severity: 'warning', code: 'include-outside', message: `the body file ${located} is outside this file's folder ${folder.path}: psdev run reads it only with --allow-outside, an untrusted workspace never` }];
}
