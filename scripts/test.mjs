// `npm test`: builds, runs the unit tests in Node, packages the .vsix, runs the integration
// suites inside a real VS Code extension host, and closes with one `N passed, N failed` line.
// PSDEV_TEST=unit|integration runs one half.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
process.chdir(root);
const only = process.env.PSDEV_TEST;

function step(title, command, args) {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status})`);
  process.stdout.write(`   (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

async function unitTests() {
  process.stdout.write('\n== unit tests (mocha in Node)\n');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'dot', timeout: 20_000 });
  for (const file of readdirSync('out/test/unit', { recursive: true }).filter((name) => name.endsWith('.test.js')).sort().map((name) => `out/test/unit/${name}`)) mocha.addFile(resolve(file));
  await mocha.loadFilesAsync();
  return new Promise((done) => {
    const runner = mocha.run(() => done({ passed: runner.stats.passes, failed: runner.stats.failures, skipped: runner.stats.pending }));
  });
}

async function integrationTests() {
  step('package the .vsix', 'npm', ['run', '--silent', 'package']);
  process.stdout.write('\n== integration tests (inside a real VS Code extension host)\n');
  const { runIntegration } = await import('../test/harness/run.mjs');
  return runIntegration();
}

const started = Date.now();
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  step('build', 'node', ['esbuild.mjs', '--tests']);
  step('type-check (every layer: tsc -b)', 'npx', ['tsc', '-b']);
  for (const [name, run] of [['unit', unitTests], ['integration', integrationTests]]) {
    if (only && only !== name) continue;
    const result = await run();
    process.stdout.write(`\n${name}: ${result.passed} passed, ${result.failed} failed\n`);
    passed += result.passed;
    failed += result.failed;
    skipped += result.skipped ?? 0;
  }
} catch (error) {
  process.stdout.write(`\n${error.message}\n`);
  failed += 1;
}
process.stdout.write(`\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
