import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionId } from './extension';

/**
 * Issue 18's activation row, measured in this extension host: activate() as the extension timed
 * it, and require() of its bundle (loaded once more from disk, warm: the first load's file read is
 * not in it). Printed, never asserted: timings on a shared machine are figures, not pass/fail.
 */
export async function printActivationFigures(label: string): Promise<{ requireMs: number; activateMs: number }> {
  const extension = vscode.extensions.getExtension<{ activateMs: number }>(extensionId)!;
  const { activateMs } = await extension.activate();
  const bundle = require.resolve(path.join(extension.extensionPath, extension.packageJSON.main));
  const loaded = require.cache[bundle];
  delete require.cache[bundle];
  // PSDEV_ACTIVATION_PROFILE=<dir>: a CPU profile of that require, taken in this extension host.
  const profileDir = process.env.PSDEV_ACTIVATION_PROFILE;
  const session = profileDir ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const started = performance.now();
  try {
    require(bundle);
  } finally {
    if (loaded) require.cache[bundle] = loaded;
  }
  const requireMs = performance.now() - started;
  if (session && profileDir) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `require-${label.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  }
  console.log(`      (activation, ${label}: require ${requireMs.toFixed(1)} ms + activate() ${activateMs.toFixed(1)} ms = ${(requireMs + activateMs).toFixed(1)} ms)`);
  return { requireMs, activateMs };
}
