import { PowerSchoolClient } from '../../../src/core/client';
import type { CatalogRequestOptions, CatalogTransport } from '../../../src/core/catalog';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../src/sandbox';

export interface RecordingTransport extends CatalogTransport {
  readonly calls: string[];
}

/** A real client on a real sandbox over loopback, recording each path it was asked for. */
export function recording(transport: CatalogTransport): RecordingTransport {
  const calls: string[] = [];
  return {
    calls,
    getJson(path: string, options?: CatalogRequestOptions) {
      calls.push(path);
      return transport.getJson(path, options);
    },
  };
}

export async function sandboxClient(options: SandboxOptions = {}): Promise<{ sandbox: SandboxHandle; client: PowerSchoolClient }> {
  const sandbox = await startSandbox({ students: 12, schools: 1, ...options });
  const client = new PowerSchoolClient({ name: 'catalog test', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
  return { sandbox, client };
}

/** A transport that never answers in time: each call waits for `release()`. */
export function gated(transport: CatalogTransport): RecordingTransport & { release(): void } {
  const waiting: (() => void)[] = [];
  const inner = recording(transport);
  return {
    calls: inner.calls,
    async getJson(path, options) {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return inner.getJson(path, options);
    },
    release() {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
