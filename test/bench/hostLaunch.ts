import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs the host benchmarks matching `grep` (a describe title under test/bench/host) inside a real
 * VS Code through the integration tests' launcher (the offline VS Code when none can be downloaded).
 */
export async function runHostBenchmark(grep: string, env: Record<string, string>): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const harness = (await import(pathToFileURL(join(root, 'test/harness/run.mjs')).href)) as {
    chooseLauncher(): Promise<unknown>;
    runSuite(launcher: unknown, options: object): Promise<{ passed: number; failed: number; error?: string }>;
  };
  const launcher = await harness.chooseLauncher();
  const result = await harness.runSuite(launcher, { label: 'bench', extensionDevelopmentPath: root, extensionTestsPath: join(root, 'out/test/bench/host/index.js'), env: { ...env, PSDEV_TEST_GREP: grep } });
  if (result.failed > 0 || result.passed === 0) throw new Error(`the benchmark did not finish${result.error ? `: ${result.error}` : ''}`);
  // The launcher can leave a handle open once VS Code is gone; the figures are printed, so end here.
  process.exit(0);
}
