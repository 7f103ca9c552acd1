// The standard launcher: @vscode/test-electron downloads a desktop VS Code and runs the suite in it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { createResultReader } from './resultReader.mjs';

export const vscodeVersion = '1.100.3';

/** Resolves to the VS Code executable, or rejects when it cannot be downloaded here. */
export async function downloadVSCode(cacheRoot, timeoutMs = 30_000) {
  return downloadAndUnzipVSCode({ version: vscodeVersion, cachePath: cacheRoot, timeout: timeoutMs });
}

/** Installs a .vsix into an extensions folder with the downloaded VS Code's own CLI, as a user would. */
export function installVsixElectron({ vscodeExecutablePath, vsix, extensionsDir }) {
  const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
  const result = spawnSync(cli, [...args, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`code --install-extension failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim();
}

export async function runElectron({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath, workspace, screenshotDir, extensionsDir, env = {} }) {
  // test-electron pipes VS Code's output to our stdout; read it there for the suite's tally.
  const reader = createResultReader({ write: () => {} });
  const originalWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    reader.onText(chunk.toString());
    return originalWrite(chunk, ...rest);
  };
  try {
    // A fresh profile each run: the suites expect first-run state (no connections, the sandbox active).
    const launchArgs = [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'psdev-electron-user-'))}`];
    // No --disable-extensions: it would also turn off built-in ones the suite relies on (JSON language features).
    if (extensionsDir) launchArgs.push(`--extensions-dir=${extensionsDir}`);
    const exitCode = await runTests({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath, launchArgs, extensionTestsEnv: { ...env, PSDEV_HARNESS: 'electron' } }).catch(() => 1);
    void screenshotDir;
    return { ...reader.result(), exitCode };
  } finally {
    process.stdout.write = originalWrite;
  }
}
