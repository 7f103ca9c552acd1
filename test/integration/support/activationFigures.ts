import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import { threadTime, threadTimeSince, type ThreadTime } from '../../../src/extension/util/threadTime';
import { extensionId } from './extension';

/**
 * Issue 18's activation row, measured in this extension host: activate() as the extension timed
 * it, and require() of its bundle (loaded once more from disk, warm: the first load's file read is
 * not in it). Wall-clock and CPU time, with the load average: on a shared machine the CPU time is
 * the steadier figure, and the main thread's own CPU time and its wait for a CPU (Linux) say how
 * much of the wall-clock figure the neighbours took. Printed, never asserted: timings are figures,
 * not pass/fail.
 */
export async function printActivationFigures(label: string): Promise<{ requireMs: number; activateMs: number }> {
  const extension = vscode.extensions.getExtension<Pick<ExtensionApi, 'activation'>>(extensionId)!;
  const { activation } = await extension.activate();
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
  const startedCpu = process.cpuUsage();
  const startedThread = threadTime();
  try {
    require(bundle);
  } finally {
    if (loaded) require.cache[bundle] = loaded;
  }
  const requireMs = performance.now() - started;
  const cpu = process.cpuUsage(startedCpu);
  const requireThread = threadTimeSince(startedThread);
  const requireCpuMs = (cpu.user + cpu.system) / 1000;
  if (session && profileDir) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `require-${label.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  }
  const sum = (a?: ThreadTime, b?: ThreadTime) => (a && b ? { cpuMs: a.cpuMs + b.cpuMs, waitMs: a.waitMs + b.waitMs } : undefined);
  const figure = (wall: number, cpuMs: number, thread?: ThreadTime) => `${wall.toFixed(1)} ms (${cpuMs.toFixed(1)} ms CPU${thread ? `, main thread ${thread.cpuMs.toFixed(1)} ms CPU + ${thread.waitMs.toFixed(1)} ms waiting for a CPU` : ''})`;
  console.log(`      (activation, ${label}: require ${figure(requireMs, requireCpuMs, requireThread)} + activate() ${figure(activation.ms, activation.cpuMs, activation.thread)} = ${figure(requireMs + activation.ms, requireCpuMs + activation.cpuMs, sum(requireThread, activation.thread))}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')})`);
  return { requireMs, activateMs: activation.ms };
}
