// Runs an extension test suite inside code-server's real VS Code extension host, driving the
// web workbench with playwright-core and Debian's Chromium: no VS Code download needed.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureCodeServer } from './codeServerInstall.mjs';
import { createResultReader } from './resultReader.mjs';

const serverStartTimeoutMs = 60_000;

function makeSandboxDirs(label) {
  const base = mkdtempSync(join(tmpdir(), `psdev-${label}-`));
  const dirs = Object.fromEntries(
    ['home', 'config', 'data', 'cache', 'tmp', 'userData', 'extensions', 'browser', 'csconfig'].map((name) => {
      const dir = join(base, name);
      mkdirSync(dir, { recursive: true });
      return [name, dir];
    }),
  );
  return { base, ...dirs };
}

function writeUserSettings(userDataDir) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'security.workspace.trust.enabled': false,
      'update.mode': 'none',
      'workbench.colorTheme': 'Default Dark Modern',
    }),
  );
}

function codeServerEnv(dirs, extra) {
  return {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    // No extension gallery: code-server would otherwise query open-vsx.org, and tests talk only to loopback.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/** Installs a .vsix into an extensions folder the way a user's VS Code would. */
export function installVsix({ cacheRoot, vsix, extensionsDir, userDataDir }) {
  const { bin } = ensureCodeServer(cacheRoot);
  const dirs = makeSandboxDirs('vsix-install');
  const result = spawnSync(process.execPath, [bin, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], {
    env: codeServerEnv(dirs, {}),
    encoding: 'utf8',
  });
  rmSync(dirs.base, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`code-server --install-extension failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim();
}

function startServer(bin, dirs, port, env) {
  writeFileSync(join(dirs.csconfig, 'config.yaml'), 'auth: none\n');
  const args = [
    bin, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions, '--config', join(dirs.csconfig, 'config.yaml'), '--ignore-last-opened',
  ];
  const child = spawn(process.execPath, args, { env: codeServerEnv(dirs, env), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${serverStartTimeoutMs} ms:\n${output.join('')}`)), serverStartTimeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      output.push(text);
      if (process.env.PSDEV_HARNESS_VERBOSE) process.stderr.write(text);
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before it listened:\n${output.join('')}`));
    });
  });
  return { child, ready, output };
}

/**
 * Writes what the workbench and its webviews complain about (console warnings and errors, page
 * errors, failed requests) to `file`: when a webview never loads, this says why.
 */
function recordBrowserTrouble(page, file) {
  writeFileSync(file, '');
  const write = (line) => appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') write(`[${message.type()}] ${message.location().url ?? ''} ${message.text()}`);
  });
  page.on('pageerror', (error) => write(`[pageerror] ${error.message}`));
  page.on('requestfailed', (request) => write(`[requestfailed] ${request.url()} ${request.failure()?.errorText ?? ''}`));
}

/** Keeps the server's logs (the extension's output channel among them) beside the test results. */
function keepLogs(userDataDir, target) {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return;
  rmSync(target, { recursive: true, force: true });
  cpSync(logs, target, { recursive: true });
}

/**
 * Runs one suite. `extensionTestsPath` is a compiled module exporting run(); the result is the
 * tally the suite printed (see test/integration/support/runMocha.ts) plus the exit code.
 */
export async function runOffline({ cacheRoot, extensionDevelopmentPath, extensionTestsPath, workspace, screenshotDir, timeoutMs = 15 * 60_000, label = 'suite', extensionsDir, env = {} }) {
  const { bin } = ensureCodeServer(cacheRoot);
  const dirs = makeSandboxDirs(label);
  writeUserSettings(dirs.userData);
  mkdirSync(screenshotDir, { recursive: true });
  // Beside the screenshots: the browser's and the server's logs of this suite.
  const resultsDir = join(screenshotDir, '..');
  const server = startServer(bin, { ...dirs, extensions: extensionsDir ?? dirs.extensions }, 0, { ...env, PSDEV_SCREENSHOT_DIR: screenshotDir, PSDEV_HARNESS: 'offline' });
  let browser;
  try {
    const port = await server.ready;
    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    browser = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, HOME: dirs.home },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    recordBrowserTrouble(page, join(resultsDir, `browser-${label}.log`));
    const reader = createResultReader({ screenshot: (name) => page.screenshot({ path: join(screenshotDir, `${name}.png`) }) });
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => reader.onLog(type, args));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const exitCode = await Promise.race([exited, timeout]);
    await reader.flush();
    if (exitCode === 'timeout') return { ...reader.result(), failed: reader.result().failed + 1, exitCode: 1, error: `the suite did not finish within ${timeoutMs / 1000} s` };
    return { ...reader.result(), exitCode };
  } finally {
    await browser?.close().catch(() => {});
    server.child.kill('SIGTERM');
    keepLogs(dirs.userData, join(resultsDir, `logs-${label}`));
    rmSync(dirs.base, { recursive: true, force: true, maxRetries: 3 });
  }
}
