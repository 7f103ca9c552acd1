import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import type { CodeCacheUse } from '../../../src/extension/util/codeCache';
import { timeMark, timeSpentSince, type TimeSpent } from '../../../src/extension/util/threadTime';
import { extensionId } from './extension';

/**
 * Issue 18's activation row, measured in this extension host: activate() as the extension timed
 * it, and require() of its main file (loaded once more from disk, warm: the first load's file read
 * is not in it; main.js compiles the bundle from V8's code cache, which the first activation
 * stored). Beside it, the load as it went at startup, cold when no cache was there yet. Wall-clock
 * and CPU time, with the load average: on a shared machine the CPU time is the steadier figure, and
 * the main thread's own CPU time and its wait for a CPU (Linux) say how much of the wall-clock
 * figure the neighbours took. Printed, never asserted: timings are figures, not pass/fail.
 */
export async function printActivationFigures(label: string): Promise<{ requireMs: number; activateMs: number; codeCache: CodeCacheUse }> {
  const extension = vscode.extensions.getExtension<Pick<ExtensionApi, 'activation'>>(extensionId)!;
  const { activation } = await extension.activate();
  const main = require.resolve(path.join(extension.extensionPath, extension.packageJSON.main));
  const loaded = require.cache[main];
  delete require.cache[main];
  // PSDEV_ACTIVATION_PROFILE=<dir>: a CPU profile of that require, taken in this extension host.
  const profileDir = process.env.PSDEV_ACTIVATION_PROFILE;
  const session = profileDir ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const started = timeMark();
  let reloaded: typeof import('../../../src/extension/main');
  try {
    reloaded = require(main);
  } finally {
    if (loaded) require.cache[main] = loaded;
  }
  const required = timeSpentSince(started);
  if (session && profileDir) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `require-${label.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  }
  const sum = (a: TimeSpent, b: TimeSpent): TimeSpent => ({ ms: a.ms + b.ms, cpuMs: a.cpuMs + b.cpuMs, ...(a.thread && b.thread ? { thread: { cpuMs: a.thread.cpuMs + b.thread.cpuMs, waitMs: a.thread.waitMs + b.thread.waitMs } } : {}) });
  const figure = ({ ms, cpuMs, thread }: TimeSpent) => `${ms.toFixed(1)} ms (${cpuMs.toFixed(1)} ms CPU${thread ? `, main thread ${thread.cpuMs.toFixed(1)} ms CPU + ${thread.waitMs.toFixed(1)} ms waiting for a CPU` : ''})`;
  const atStartup = activation.load ? `; at startup: load ${figure(activation.load)}, code cache ${activation.load.codeCache}, + activate() = ${figure(sum(activation.load, activation))}` : '';
  console.log(`      (activation, ${label}: require ${figure(required)}, code cache ${reloaded.load.codeCache}, + activate() ${figure(activation)} = ${figure(sum(required, activation))}${atStartup}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')})`);
  return { requireMs: required.ms, activateMs: activation.ms, codeCache: reloaded.load.codeCache };
}
