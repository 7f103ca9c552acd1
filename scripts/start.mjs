// `npm start`: builds, starts the embedded PowerSchool sandbox, and opens VS Code with the
// extension — desktop `code` when it is on PATH, otherwise code-server's browser workbench on a
// printed localhost URL. Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from '../test/harness/codeServerInstall.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const workspace = join(root, 'examples');
const children = [];
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

function build() {
  const result = spawnSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Starts `psdev sandbox` and resolves to its URL and credentials once it prints them. */
function startSandbox() {
  const help = spawnSync('node', ['dist/cli.js', '--help'], { cwd: root, encoding: 'utf8' });
  if (!/^\s+sandbox\s/m.test(help.stdout)) return Promise.resolve(undefined);
  const child = spawn('node', ['dist/cli.js', 'sandbox', '--port', String(process.env.PSDEV_SANDBOX_PORT ?? 0)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((done, fail) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const url = /listening on (\S+)/.exec(text)?.[1];
      const clientId = /client id: (\S+)/.exec(text)?.[1];
      const clientSecret = /client secret: (\S+)/.exec(text)?.[1];
      if (url && clientId && clientSecret) done({ url, clientId, clientSecret });
    });
    child.once('exit', (code) => fail(new Error(`the sandbox exited with ${code}`)));
  });
}

function hasDesktopCode() {
  return spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
}

async function openBrowserWorkbench(env) {
  const { bin } = ensureCodeServer(join(root, '.cache'));
  const data = join(root, '.cache', 'start');
  mkdirSync(data, { recursive: true });
  const port = Number(process.env.PSDEV_START_PORT ?? 8787);
  const child = spawn(process.execPath, [bin, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--user-data-dir', join(data, 'user'), '--extensions-dir', join(data, 'extensions'), '--ignore-last-opened'], {
    env: { ...process.env, ...env, XDG_CONFIG_HOME: join(data, 'config'), XDG_DATA_HOME: join(data, 'data') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  child.stdout.on('data', (chunk) => {
    if (!/HTTP server listening/.test(chunk.toString())) return;
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
    console.log(`\nVS Code with PowerSchool DevTools: http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}\n`);
  });
  child.once('exit', (code) => process.exit(code ?? 0));
}

build();
const sandbox = await startSandbox().catch((error) => {
  console.error(`psdev: ${error.message}`);
  return undefined;
});
const env = sandbox ? { PSDEV_SANDBOX_URL: sandbox.url, PSDEV_SANDBOX_CLIENT_ID: sandbox.clientId, PSDEV_SANDBOX_CLIENT_SECRET: sandbox.clientSecret } : {};
if (sandbox) {
  // A local emulator's secret, printed so other tools (and other VS Code windows) can connect too.
  console.log([
    `PowerSchool sandbox: ${sandbox.url}`,
    `  client id:     ${sandbox.clientId}`,
    `  client secret: ${sandbox.clientSecret}`,
    'The extension\'s "Local sandbox" connection uses it. Elsewhere: PowerSchool: Add Connection with this URL, id and secret.',
    'If it stops answering, stop this (Ctrl+C) and run npm start again.',
  ].join('\n'));
}
if (hasDesktopCode() && !process.env.PSDEV_START_BROWSER) {
  const child = spawn('code', ['--extensionDevelopmentPath', root, workspace], { env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(child);
  console.log('Opened VS Code with the extension; Ctrl+C stops the sandbox.');
} else {
  await openBrowserWorkbench(env);
}
