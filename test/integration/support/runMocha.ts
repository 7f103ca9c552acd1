import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import { resultMarker } from './markers';

/** Runs every `*.test.js` beside `directory` inside the extension host and reports the tally. */
export async function runMochaIn(directory: string): Promise<void> {
  // PSDEV_TEST_GREP narrows a run to matching tests while working on one feature.
  const grep = process.env.PSDEV_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of fs.readdirSync(directory).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(directory, file));
  }
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((count) => resolve(count));
    runner.on('end', () => {
      const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
      console.log(`${resultMarker} ${JSON.stringify({ passed: passes, failed, skipped: pending })}`);
    });
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
