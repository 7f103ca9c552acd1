// The standard launcher: @vscode/test-electron downloads a desktop VS Code and runs the suite in it.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { createResultReader } from './resultReader.mjs';

export const vscodeVersion = '1.100.3';

/** Resolves to the VS Code executable, or rejects when it cannot be downloaded here. */
export async function downloadVSCode(cacheRoot, timeoutMs = 30_000) {
  return downloadAndUnzipVSCode({ version: vscodeVersion, cachePath: cacheRoot, timeout: timeoutMs });
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
    const launchArgs = [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'];
    if (extensionsDir) launchArgs.push(`--extensions-dir=${extensionsDir}`);
    else launchArgs.push('--disable-extensions');
    const exitCode = await runTests({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath, launchArgs, extensionTestsEnv: { ...env, PSDEV_HARNESS: 'electron' } }).catch(() => 1);
    void screenshotDir;
    return { ...reader.result(), exitCode };
  } finally {
    process.stdout.write = originalWrite;
  }
}
