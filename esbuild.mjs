// Builds the extension and CLI bundles, and (with --tests / --bench) the test bundles.
// Flags: --watch, --production (minified, no source maps: what the .vsix ships), --tests, --bench.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

function filesUnder(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
}

// sql.js loads its WebAssembly at run time from beside the bundle that uses it.
function copySqlWasm(outdir) {
  mkdirSync(outdir, { recursive: true });
  copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', join(outdir, 'sql-wasm.wasm'));
}

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD entry breaks once bundled; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  sourcemap: production ? false : 'linked',
  minify: production,
  define: { 'process.env.PSDEV_VERSION': JSON.stringify(version) },
};

// Every `import * as vscode from 'vscode'` of a CommonJS bundle copies the whole API object into a
// namespace of its own (esbuild's __toESM): ~50 copies of the API's members, a quarter of the time
// the bundle took to load in the extension host. One module re-exports 'vscode' once for all.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

// The extension's bundle holds what activation registers; code it needs only later lives in bundles
// of its own beside it, required when first used: the emulator (with its reference catalog and
// SQLite), plugin support (the XML reader, the Oracle translator, the checks), payload validation
// (the schemas, the rules, the record-by-record session) and ajv (with its formats). Compiling code activation never runs was most of the time require() of the extension
// took. A bundle that needs another requires it at run time ('./<name>.js' beside itself), so no
// code of these bundles is in two of them (but core/plugin/grants.ts, a few stateless lines the
// .psreq checks import by file, which a unit test pins as the only one). A source bundle is reached through its folder's index
// (an import of a file inside the folder from outside it is bundled where it is imported).
const laterBundles = {
  sandbox: { entry: 'src/sandbox/index.ts' },
  plugin: { entry: 'src/core/plugin/index.ts' },
  payload: { entry: 'src/core/payload/index.ts' },
  ajv: { entry: 'ajv-bundle', specifier: /^ajv(-formats)?$/ },
};
const sourceBundleFolders = Object.entries(laterBundles).filter(([, { specifier }]) => !specifier).map(([name, { entry }]) => [name, resolve(entry, '..')]);

// 'ajv' and 'ajv-formats' share ajv's code generator (its classes are checked by instanceof), so
// one bundle holds both and each import takes its half.
const ajvBundleEntry = {
  name: 'ajv-bundle-entry',
  setup(build) {
    build.onResolve({ filter: /^ajv-bundle$/ }, () => ({ path: 'ajv-bundle', namespace: 'ajv-bundle' }));
    build.onLoad({ filter: /.*/, namespace: 'ajv-bundle' }, () => ({ contents: "module.exports = { ajv: require('ajv'), 'ajv-formats': require('ajv-formats') };", loader: 'js', resolveDir: process.cwd() }));
  },
};

/** Imports of another later bundle become run-time requires of it; `own` is the bundle being built. */
function requiresLaterBundles(own) {
  return {
    name: 'later-bundles',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        const [name] = sourceBundleFolders.find(([folderOf, folder]) => folderOf !== own && target === folder) ?? [];
        return name ? { path: `./${name}.js`, external: true } : undefined;
      });
      build.onResolve({ filter: laterBundles.ajv.specifier }, (args) => (own === 'ajv' ? undefined : { path: args.path, namespace: 'later-bundle' }));
      build.onResolve({ filter: /^\.\/ajv\.js$/, namespace: 'later-bundle' }, () => ({ path: './ajv.js', external: true }));
      build.onLoad({ filter: /.*/, namespace: 'later-bundle' }, (args) => ({ contents: `module.exports = require('./ajv.js')[${JSON.stringify(args.path)}];`, loader: 'js' }));
    },
  };
}

const builds = [
  // VS Code loads main.js (Node's built-ins only), which compiles extension.js from V8's code cache when it can.
  { ...shared, entryPoints: { main: 'src/extension/main.ts' }, outdir: 'dist' },
  { ...shared, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', plugins: [vscodeOnce, requiresLaterBundles('extension')] },
  ...Object.entries(laterBundles).map(([name, { entry }]) => ({ ...shared, entryPoints: { [name]: entry }, outdir: 'dist', plugins: [ajvBundleEntry, requiresLaterBundles(name)] })),
  { ...shared, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [requiresLaterBundles('cli')] },
];

if (args.has('--tests')) {
  builds.push({
    ...shared,
    sourcemap: 'linked',
    minify: false,
    entryPoints: filesUnder('test/unit', '.test.ts'),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    // esbuild runs its own binary beside its package: a test that bundles requires it at run time.
    external: ['mocha', 'esbuild'],
  });
  builds.push({
    ...shared,
    sourcemap: 'linked',
    minify: false,
    entryPoints: [...filesUnder('test/integration', '.test.ts'), 'test/integration/index.ts', 'test/integration/installed/index.ts'],
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    external: ['vscode', 'mocha'],
  });
}
if (args.has('--bench')) {
  builds.push({ ...shared, sourcemap: false, entryPoints: filesUnder('test/bench', '.bench.ts'), outdir: 'out/test/bench', outbase: 'test/bench', external: ['httpyac', 'vscode-json-languageservice'] });
  // What a benchmark measures inside the extension host (launched by its .bench.ts).
  builds.push({ ...shared, sourcemap: false, entryPoints: filesUnder('test/bench/host', '.ts'), outdir: 'out/test/bench/host', outbase: 'test/bench/host', external: ['vscode', 'mocha'] });
}

// A production build leaves no stale source maps from an earlier development build behind.
if (production && existsSync('dist')) for (const name of readdirSync('dist')) if (name.endsWith('.map')) rmSync(join('dist', name));
copySqlWasm('dist');
if (args.has('--tests')) { copySqlWasm('out/test/unit'); copySqlWasm('out/test/integration'); }
if (args.has('--bench')) { copySqlWasm('out/test/bench'); copySqlWasm('out/test/bench/host'); }

if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
}
