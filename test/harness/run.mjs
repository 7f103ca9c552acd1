// Runs the integration suites inside a real VS Code extension host and prints `N passed, N failed`.
// Launcher: PSDEV_VSCODE=electron | offline | auto (default: electron when VS Code can be
// downloaded, otherwise code-server + Chromium). Suites: the extension from source, then the
// packaged .vsix installed the way a user gets it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadVSCode, installVsixElectron, runElectron } from './electronLauncher.mjs';
import { installVsix, runOffline } from './offlineLauncher.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const cacheRoot = join(root, '.cache');
const resultsDir = join(root, 'test-results');
const screenshotDir = join(resultsDir, 'screenshots');
// The README shows these. Every run takes them into test-results/screenshots; a passing run copies them
// into docs/screenshots only when PSDEV_UPDATE_SCREENSHOTS=1 asks, so an ordinary run leaves the
// repository as it was (a new PNG differs in bytes even when nothing visible changed: clock, cursor).
const readmeScreenshots = ['tree-students-columns', 'connection-tree', 'response-view', 'response-table', 'psreq-completion', 'payload-diagnostics', 'plugins-section', 'walkthrough'];

function refreshReadmeScreenshots() {
  if (process.env.PSDEV_UPDATE_SCREENSHOTS !== '1') {
    process.stderr.write(`[harness] docs/screenshots left as they are (the run's are in ${screenshotDir}; PSDEV_UPDATE_SCREENSHOTS=1 copies them)\n`);
    return;
  }
  const target = join(root, 'docs/screenshots');
  mkdirSync(target, { recursive: true });
  for (const name of readmeScreenshots) {
    const taken = join(screenshotDir, `${name}.png`);
    if (existsSync(taken)) cpSync(taken, join(target, `${name}.png`));
  }
}

async function chooseLauncher() {
  const wanted = (process.env.PSDEV_VSCODE ?? 'auto').toLowerCase();
  if (wanted === 'offline') return { kind: 'offline' };
  try {
    const vscodeExecutablePath = await downloadVSCode(join(cacheRoot, 'vscode-test'));
    return { kind: 'electron', vscodeExecutablePath };
  } catch (error) {
    if (wanted === 'electron') throw error;
    process.stderr.write(`[harness] VS Code download unavailable (${error.message.split('\n')[0]}); using the offline launcher\n`);
    return { kind: 'offline' };
  }
}

function freshWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'psdev-workspace-'));
  cpSync(join(root, 'test/fixtures/workspace'), dir, { recursive: true });
  return dir;
}

async function runSuite(launcher, options) {
  const workspace = freshWorkspace();
  try {
    const common = { ...options, workspace, screenshotDir };
    if (launcher.kind === 'electron') return await runElectron({ ...common, vscodeExecutablePath: launcher.vscodeExecutablePath });
    return await runOffline({ ...common, cacheRoot });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(screenshotDir, { recursive: true });
  const launcher = await chooseLauncher();
  process.stderr.write(`[harness] launcher: ${launcher.kind}\n`);
  // One user cache folder for both suites, as one machine has: the extension's first start (from
  // source) stores V8's code cache of its bundle, and the installed .vsix (the same bytes) starts
  // from it, as a user's every start after the first does.
  const cacheHome = mkdtempSync(join(tmpdir(), 'psdev-cache-home-'));
  try {
    return await runSuites(launcher, { XDG_CACHE_HOME: cacheHome });
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
}

async function runSuites(launcher, env) {
  const results = [];
  results.push({
    name: 'extension (from source)',
    ...(await runSuite(launcher, {
      label: 'source',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out/test/integration/index.js'),
      env,
    })),
  });
  if (results[0].failed === 0 && results[0].exitCode === 0) refreshReadmeScreenshots();

  const vsix = join(root, 'powerschool-devtools.vsix');
  if (process.env.PSDEV_SKIP_VSIX !== '1') {
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
    const extensionsDir = mkdtempSync(join(tmpdir(), 'psdev-installed-'));
    try {
      if (launcher.kind === 'offline') {
        installVsix({ cacheRoot, vsix, extensionsDir, userDataDir: join(extensionsDir, '.user') });
      } else {
        installVsixElectron({ vscodeExecutablePath: launcher.vscodeExecutablePath, vsix, extensionsDir });
      }
      results.push({
        name: 'packaged .vsix (installed)',
        ...(await runSuite(launcher, {
          label: 'vsix',
          // A bare probe extension stands in as the development extension; ours loads from extensionsDir.
          extensionDevelopmentPath: join(root, 'test/fixtures/probe-extension'),
          extensionTestsPath: join(root, 'out/test/integration/installed/index.js'),
          extensionsDir,
          env: { ...env, PSDEV_EXPECT_EXTENSIONS_DIR: extensionsDir },
        })),
      });
    } finally {
      rmSync(extensionsDir, { recursive: true, force: true });
    }
  }

  let passed = 0;
  let failed = 0;
  for (const result of results) {
    passed += result.passed;
    failed += result.failed;
    const problem = result.error ? ` — ${result.error}` : result.exitCode !== 0 && result.failed === 0 ? ` — exited ${result.exitCode}` : '';
    process.stdout.write(`[harness] ${result.name}: ${result.passed} passed, ${result.failed} failed${problem}\n`);
    if (result.exitCode !== 0 && result.failed === 0) failed += 1;
  }
  return { passed, failed };
}

export { main as runIntegration, chooseLauncher, runSuite };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    ({ passed, failed }) => {
      process.stdout.write(`integration: ${passed} passed, ${failed} failed\n`);
      process.exit(failed > 0 ? 1 : 0);
    },
    (error) => {
      process.stderr.write(`[harness] ${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
