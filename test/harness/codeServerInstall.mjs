// Installs code-server (VS Code 1.100.3 server + web workbench) into a git-ignored cache folder,
// from the npm registry only, dodging the three offline traps recorded in
// shared/reference/offline-vscode-tests.md. Kept out of the extension's own dependencies: it is
// ~300 MB of native builds that only the offline test launcher needs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

export const codeServerVersion = '4.100.3';
const ripgrepCacheName = 'vscode-ripgrep-cache-1.15.11';
const ripgrepArchive = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const debianPackages = [
  { pkg: 'chromium', file: '/usr/bin/chromium' },
  { pkg: 'ripgrep', file: '/usr/bin/rg' },
  { pkg: 'libkrb5-dev', file: '/usr/include/gssapi/gssapi.h' },
];

export function codeServerPaths(cacheRoot) {
  const root = join(cacheRoot, `code-server-${codeServerVersion}`);
  return { root, bin: join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), marker: join(root, '.installed') };
}

function log(message) {
  process.stderr.write(`[harness] ${message}\n`);
}

/** Installs the Debian packages the offline launcher needs, or says exactly how to. */
export function ensureDebianPackages() {
  const missing = debianPackages.filter(({ file }) => !existsSync(file)).map(({ pkg }) => pkg);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`the offline VS Code test launcher needs Debian packages: ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  execFileSync('sh', ['-c', command], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function ensureCodeServer(cacheRoot) {
  const paths = codeServerPaths(cacheRoot);
  ensureDebianPackages();
  if (existsSync(paths.marker) && existsSync(paths.bin)) return paths;

  log(`installing code-server ${codeServerVersion} into ${paths.root} (first run only, about a minute)`);
  rmSync(paths.root, { recursive: true, force: true });
  const tmp = join(paths.root, 'tmp');
  const ripgrepCache = join(tmp, ripgrepCacheName);
  mkdirSync(ripgrepCache, { recursive: true });
  // @vscode/ripgrep's postinstall would download rg from GitHub; a cached archive of Debian's rg satisfies it.
  copyFileSync('/usr/bin/rg', join(tmp, 'rg'));
  execFileSync('tar', ['-C', tmp, '-czf', join(ripgrepCache, ripgrepArchive), 'rg']);
  writeFileSync(join(paths.root, 'package.json'), JSON.stringify({ name: 'psdev-code-server-cache', private: true }, null, 2));

  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${codeServerVersion}`], {
    cwd: paths.root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      TMPDIR: tmp,
      // code-server's postinstall runs a nested `npm install` for its VS Code; npm 11 blocks
      // dependency install scripts unless allowed, and a nested project cannot inherit an allow-list.
      npm_config_dangerously_allow_all_scripts: 'true',
      npm_config_unsafe_perm: 'true', // its postinstall refuses to run as root otherwise
      npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`, which would wait for a "yes"
    },
  });
  if (result.status !== 0) throw new Error(`installing code-server ${codeServerVersion} failed (npm exited ${result.status})`);
  if (!existsSync(paths.bin)) throw new Error(`code-server installed but ${paths.bin} is missing`);
  writeFileSync(paths.marker, readFileSync(join(paths.root, 'node_modules', 'code-server', 'package.json')));
  return paths;
}
