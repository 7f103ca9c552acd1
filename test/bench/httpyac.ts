// httpyac's parser, the peer of ours in the .psreq benchmarks, when the devDependency is installed.

export interface HttpyacParser {
  parse(text: string): Promise<{ httpRegions: unknown[] }>;
}

type Httpyac = { cli: { initFileProvider(): void }; store: { HttpFileStore: new () => { parse(name: string, text: string, options: object): Promise<{ httpRegions: unknown[] }> } } };

export function loadHttpyac(): HttpyacParser | undefined {
  let httpyac: Httpyac;
  try {
    httpyac = require('httpyac') as Httpyac;
  } catch {
    return undefined;
  }
  // httpyac's own CLI wires Node's file system in before parsing; do the same.
  httpyac.cli.initFileProvider();
  const store = new httpyac.store.HttpFileStore();
  return { parse: (text) => store.parse('/tmp/bench.http', text, { workingDir: '/tmp' }) };
}
