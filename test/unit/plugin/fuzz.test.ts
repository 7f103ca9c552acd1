import * as assert from 'node:assert/strict';
import { seededRandom } from '../seededRandom';
import { analyzeSql, checkPlugin, PluginFileError, pluginFolderFiles, readPlugin, readPluginZip, type PluginFileText } from '../../../src/core/plugin';

// Random mutations of real-looking plugin files (examples/plugin) never make reading or checking
// throw, and every finding lies inside its file. Seeded, so a failure names a reproducible case.

const fragments = ['<', '>', '/>', '</', '"', "'", '&', '&amp;', ']]>', '<![CDATA[', '<!--', '-->', '<?', '?>', '=', ':', ':x', '(', ')', ',', '--', '/*', '*/', 'SELECT', 'FROM', ' ', '\n', '\r\n', '\u0000', '\uFEFF', '\uD83D', '😀', 'é'];

function mutate(text: string, next: () => number): string {
  let result = text;
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * (result.length + 1));
    const kind = next();
    if (kind < 0.35) result = result.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + result.slice(at);
    else if (kind < 0.7) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 20));
    else if (kind < 0.85) result = result.slice(0, at);
    else {
      const from = Math.floor(next() * result.length);
      result = result.slice(0, at) + result.slice(from, from + Math.floor(next() * 40)) + result.slice(at);
    }
  }
  return result;
}

describe('core/plugin: fuzzed plugin files never throw', () => {
  const base = pluginFolderFiles('examples/plugin');
  const iterations = Number(process.env.PSDEV_SOAK) ? 20000 : 400;
  // Seeds the soak run (PSDEV_SOAK=1) once failed on, run every time.
  const regressions = [13082];

  it(`${iterations} mutated plugins (and the soak's past failures) read and check without throwing, findings inside their files`, () => {
    for (const seed of [...regressions, ...Array.from({ length: iterations }, (_, i) => i + 1)]) {
      const next = seededRandom(seed);
      const files: PluginFileText[] = base.map((file) => (file.text && next() < 0.6 ? { path: file.path, text: mutate(file.text, next) } : file));
      try {
        const plugin = readPlugin(files);
        for (const finding of checkPlugin(plugin)) {
          const text = files.find((file) => file.path === finding.file)!.text;
          assert.ok(finding.range.start.offset >= 0 && finding.range.start.offset <= finding.range.end.offset && finding.range.end.offset <= text.length, `seed ${seed}: ${finding.code} outside ${finding.file}`);
        }
        for (const query of plugin.queries) analyzeSql(mutate(query.sql?.text ?? '', next));
      } catch (error) {
        assert.fail(`seed ${seed}: ${(error as Error).stack}`);
      }
    }
  });

  it('random bytes as a zip are refused with PluginFileError, not a crash', () => {
    const next = seededRandom(7);
    for (let i = 0; i < 50; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(next() * 200) }, () => Math.floor(next() * 256));
      assert.throws(() => readPluginZip(bytes), (error: unknown) => error instanceof PluginFileError && /not a zip file/.test(error.message));
    }
  });
});
