import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../src/sandbox';

/** A small sandbox for HTTP-level tests, plus helpers to call it over loopback with node's fetch. */
export interface TestSandbox {
  readonly sandbox: SandboxHandle;
  readonly log: string[];
  token(): Promise<string>;
  get(path: string, token?: string): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  send(method: string, path: string, body: unknown, token?: string): Promise<{ status: number; headers: Headers; body: any; text: string }>;
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export async function requestToken(sandbox: SandboxHandle): Promise<Response> {
  return fetch(`${sandbox.url}/oauth/access_token`, {
    method: 'POST',
    headers: { Authorization: basic(sandbox.clientId, sandbox.clientSecret), 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: 'grant_type=client_credentials',
  });
}

async function parse(response: Response) {
  const text = await response.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const log: string[] = [];
  const sandbox = await startSandbox({ students: 200, schools: 3, seed: 7, logger: (line) => log.push(line), ...options });
  let cached: string | undefined;
  const token = async () => (cached ??= ((await (await requestToken(sandbox)).json()) as { access_token: string }).access_token);
  return {
    sandbox,
    log,
    token,
    async get(path, explicit) {
      const bearer = explicit ?? (await token());
      return parse(await fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' } }));
    },
    async send(method, path, body, explicit) {
      const bearer = explicit ?? (await token());
      return parse(await fetch(`${sandbox.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }));
    },
  };
}
