import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActivationTime, BundleLoad, ExtensionApi } from '../../../src/extension/powerSchoolExtension';
import { productCacheDir } from '../../../src/core/userCacheDir';
import type { TimeSpent } from '../../../src/extension/util/threadTime';
import { extensionId } from './extension';

/**
 * Issue 18's activation row, measured in this extension host: the extension's first start here,
 * as main.js timed the bundle's load and the extension timed activate(). Each suite starts a fresh
 * extension host; the harness gives both suites one user cache folder, so the suite from source
 * compiles the bundle from source and stores V8's code cache, and the installed .vsix (the same
 * bytes) loads from it, as every start after a user's first does. (Loading the bundle again in this
 * host would measure nothing: V8 keeps the compile of a source it has seen.) Wall-clock and CPU
 * time, with the load average: on a shared machine the CPU time is the steadier figure, and the
 * main thread's own CPU time and its wait for a CPU (Linux) say how much of the wall-clock figure
 * the neighbours took. Printed, never asserted: timings are figures, not pass/fail.
 */
export async function printActivationFigures(label: string): Promise<{ load: BundleLoad; activation: ActivationTime; cacheFiles: string[] }> {
  const extension = vscode.extensions.getExtension<Pick<ExtensionApi, 'activation'>>(extensionId)!;
  const { activation } = await extension.activate();
  const load = activation.load;
  assert.ok(load, 'main.js loaded the bundle and passed its load to activate()');
  const sum = (a: TimeSpent, b: TimeSpent): TimeSpent => ({ ms: a.ms + b.ms, cpuMs: a.cpuMs + b.cpuMs, ...(a.thread && b.thread ? { thread: { cpuMs: a.thread.cpuMs + b.thread.cpuMs, waitMs: a.thread.waitMs + b.thread.waitMs } } : {}) });
  const figure = ({ ms, cpuMs, thread }: TimeSpent) => `${ms.toFixed(1)} ms (${cpuMs.toFixed(1)} ms CPU${thread ? `, main thread ${thread.cpuMs.toFixed(1)} ms CPU + ${thread.waitMs.toFixed(1)} ms waiting for a CPU` : ''})`;
  console.log(`      (activation, ${label}: load ${figure(load)}, code cache ${load.codeCache}, + activate() ${figure(activation)} = ${figure(sum(load, activation))}; load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')})`);
  const bundle = fs.readFileSync(path.join(extension.extensionPath, 'dist', 'extension.js'));
  const cacheDir = productCacheDir('code-cache');
  const hash = createHash('sha256').update(bundle).digest('hex');
  const cacheFiles = fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((name) => name.includes(hash)) : [];
  return { load, activation, cacheFiles };
}
