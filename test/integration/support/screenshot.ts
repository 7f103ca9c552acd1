import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshotMarker } from './markers';

/**
 * Asks the launcher for a PNG of the whole workbench, named `name`, and waits until it exists.
 * Only the offline launcher drives a browser page it can photograph; elsewhere this is a no-op
 * that says so, so a suite stays the same under both launchers.
 */
export async function takeScreenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  const directory = process.env.PSDEV_SCREENSHOT_DIR;
  if (!directory) {
    console.log(`(screenshot '${name}' skipped: this launcher cannot take screenshots)`);
    return undefined;
  }
  const file = path.join(directory, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`${screenshotMarker} ${name}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file) && fs.statSync(file).size > 0) return file;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the launcher did not save screenshot '${name}' within ${timeoutMs} ms`);
}
