// Children of "Tables" (~1,000 tables) and of a 400-column table: from the sandbox (large catalog,
// over loopback HTTP with OAuth) vs from the cache — a snapshot read back from JSON (what a window
// reload does) and the warm in-memory cache. The tree's nodes are built the way ExplorerModel does.
// Run: npm run bench catalog   (or: node esbuild.mjs --bench && node out/test/bench/catalog.bench.js)
import { PowerSchoolClient } from '../../src/core/client';
import { SchemaCatalog, type CatalogTransport } from '../../src/core/catalog';
import { startSandbox } from '../../src/sandbox';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const identity = 'bench';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(run: () => Promise<number>): Promise<{ ms: number; count: number }> {
  const samples: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    count = await run();
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), count };
}

// What ExplorerModel.build makes of the catalog's answer.
const tableNodes = async (catalog: SchemaCatalog) => (await catalog.tables()).map((table) => ({ kind: 'table', id: `root/tables/table:${table.name}`, table })).length;
const columnNodes = (name: string) => async (catalog: SchemaCatalog) =>
  (await catalog.table(name)).columns.map((column) => ({ kind: 'column', id: `root/tables/table:${name}/col:${column.name}`, column })).length;

async function main(): Promise<void> {
  const sandbox = await startSandbox({ catalog: 'large', students: 10, schools: 1 });
  try {
    const client = new PowerSchoolClient({ name: 'bench', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    await client.accessToken(); // the token is shared by every request of a session; fetch it once up front
    const transport: CatalogTransport = client;
    const seeded = new SchemaCatalog(transport, { identity });
    const wide = (await seeded.tables()).find((table) => table.name === 'S_AL_STU_X')!.name;
    await seeded.table(wide);
    const snapshotText = JSON.stringify(seeded.snapshot());

    const cases = [
      { what: `children of Tables`, build: tableNodes },
      { what: `children of ${wide}`, build: columnNodes(wide) },
    ];
    console.log(`catalog bench: large sandbox catalog, median of ${runs} runs; snapshot ${(snapshotText.length / 1024).toFixed(0)} KiB`);
    for (const { what, build } of cases) {
      const server = await time(() => build(new SchemaCatalog(transport, { identity })));
      const stored = await time(() => build(new SchemaCatalog(transport, { identity, snapshot: JSON.parse(snapshotText) })));
      const memory = await time(() => build(seeded));
      console.log(`  ${what} (${server.count} nodes)`);
      console.log(`    from the sandbox (HTTP)          ${server.ms.toFixed(2).padStart(8)} ms`);
      console.log(`    from the stored snapshot (JSON)  ${stored.ms.toFixed(2).padStart(8)} ms   ratio sandbox/snapshot ${(server.ms / stored.ms).toFixed(1)}x`);
      console.log(`    from the memory cache            ${memory.ms.toFixed(2).padStart(8)} ms   ratio sandbox/memory ${(server.ms / memory.ms).toFixed(0)}x`);
    }
  } finally {
    await sandbox.close();
  }
}

void main();
