import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

// Issue 18's activation row: what require() of the extension's bundle compiles and runs. Timings
// are figures of the integration run; these pin the causes, so a new static import or a new
// module-level constant cannot bring the cost back unnoticed.

const root = process.cwd();

/** The module paths of a development bundle, from the `// path` line esbuild writes before each. */
function modulesOf(bundle: string): string[] {
  return [...readFileSync(bundle, 'utf8').matchAll(/^\/\/ (\S+\.(?:ts|js|mjs|cjs|json))$/gm)].map((match) => match[1]!.replace(/^(\.\.\/)*(main\/)?/, ''));
}

describe('the extension bundle holds what activation runs (issue 18)', () => {
  // npm test builds dist/ (the development build, module paths included) before the unit tests.
  let extensionModules: string[];
  before(() => {
    extensionModules = modulesOf(join(root, 'dist/extension.js'));
  });

  it('is the development build this test reads', () => {
    assert.ok(extensionModules.includes('src/extension/extension.ts'), 'dist/extension.js names its modules (run node esbuild.mjs)');
  });

  it('leaves plugin support (the XML reader with saxes, the Oracle translator, the checks, completion) to dist/plugin.js, required on first use', () => {
    const inExtension = extensionModules.filter((path) => path.startsWith('src/core/plugin/') || /node_modules\/(saxes|xmlchars)\//.test(path));
    // The grant lookups .psreq checks use are a few lines; everything else stays out.
    assert.deepEqual(inExtension, ['src/core/plugin/grants.ts']);
    const pluginModules = modulesOf(join(root, 'dist/plugin.js'));
    for (const part of ['src/core/plugin/readPlugin.ts', 'src/core/plugin/sql/toSqlite.ts', 'src/core/plugin/checks/checkPlugin.ts', 'src/core/plugin/assist/complete.ts', 'src/core/plugin/scaffold.ts']) {
      assert.ok(pluginModules.includes(part), `dist/plugin.js holds ${part}`);
    }
    assert.ok(pluginModules.some((path) => path.includes('node_modules/saxes/')), 'dist/plugin.js holds saxes');
    assert.match(readFileSync(join(root, 'dist/sandbox.js'), 'utf8'), /require\("\.\/plugin\.js"\)/, 'the emulator requires the same bundle');
  });

  it('leaves payload validation (the schemas, the rules, the record-by-record session) to dist/payload.js, required when a document is first validated', () => {
    const inExtension = extensionModules.filter((path) => path.startsWith('src/core/payload/') || path.startsWith('schemas/'));
    // Which documents hold payloads is decided by the schema ids; the assistant masks {{templates}} in bodies (requestBody.ts).
    assert.deepEqual(inExtension.sort(), ['src/core/payload/requestBody.ts', 'src/core/payload/schemaIds.ts']);
    const payloadModules = modulesOf(join(root, 'dist/payload.js'));
    for (const part of ['src/core/payload/validator.ts', 'src/core/payload/studentSession.ts', 'src/core/payload/editorSchema.ts', 'schemas/student-post.schema.json', 'schemas/table-record.schema.json']) {
      assert.ok(payloadModules.includes(part), `dist/payload.js holds ${part}`);
    }
    for (const bundle of ['sandbox.js', 'cli.js']) {
      assert.deepEqual(modulesOf(join(root, `dist/${bundle}`)).filter((path) => path.startsWith('schemas/')), [], `dist/${bundle} holds no schema of its own`);
      assert.match(readFileSync(join(root, `dist/${bundle}`), 'utf8'), /require\("\.\/payload\.js"\)/, `dist/${bundle} requires the same bundle`);
    }
  });
});

describe("core's modules do no locale or fetch work when they load (issue 18)", function () {
  this.timeout(60_000);

  it('construct no Intl collator or format, compare no strings by locale and make no fetch Request or stream until asked: the first of each loads ICU data or undici', async () => {
    const indexes = readdirSync(join(root, 'src/core'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `./src/core/${entry.name}`);
    const built = await esbuild.build({
      stdin: { contents: indexes.map((path) => `require(${JSON.stringify(path)});`).join('\n'), resolveDir: root, loader: 'js' },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], write: false, logLevel: 'silent',
    });
    const watch = `
      const calls = [];
      for (const name of ['Collator', 'DateTimeFormat', 'NumberFormat', 'PluralRules', 'Segmenter']) {
        const Original = Intl[name];
        Intl[name] = new Proxy(Original, { construct(target, args) { calls.push('new Intl.' + name); return Reflect.construct(target, args); } });
      }
      for (const name of ['Request', 'Response', 'Headers', 'ReadableStream']) {
        const Original = globalThis[name];
        globalThis[name] = new Proxy(Original, { construct(target, args) { calls.push('new ' + name); return Reflect.construct(target, args); } });
      }
      const localeCompare = String.prototype.localeCompare;
      String.prototype.localeCompare = function (...args) { calls.push('localeCompare'); return localeCompare.apply(this, args); };
      process.on('exit', () => process.stdout.write(JSON.stringify(calls)));
    `;
    const result = spawnSync(process.execPath, ['-'], { input: `${watch}\n${built.outputFiles[0]!.text}`, cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr || String(result.error));
    assert.deepEqual(JSON.parse(result.stdout), []);
  });
});
