import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What reached the other host: `METHOD /path?query body` per request. */
export interface OtherHost {
  readonly url: string;
  readonly arrived: string[];
  close(): void;
}

/**
 * A server on another loopback address (127.0.0.2: another host than the sandbox's 127.0.0.1)
 * that answers `{"ok":true}` and records each request with its body.
 */
export async function startOtherHost(): Promise<OtherHost> {
  const arrived: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      arrived.push(`${request.method} ${request.url} ${body}`);
      response.setHeader('Content-Type', 'application/json');
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return { url: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, arrived, close: () => server.close() };
}
