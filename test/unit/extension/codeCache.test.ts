import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userCacheDir } from '../../../src/core/userCacheDir';
import { loadWithCodeCache } from '../../../src/extension/util/codeCache';

// Issue 18's activation row: main.js compiles the extension's bundle from V8's code cache. These
// pin that the cache is used only for the exact bytes it was made from, that damaged data falls
// back to compiling from source, and that the bundle runs as require() would run it.

type Sample = { answer(): number; lazily(): number; helper: string; where: { file: string; dir: string }; failLine(): number | undefined };

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

function bundleSource(answer: number): string {
  return [
    "'use strict';",
    `exports.answer = () => ${answer};`,
    'exports.lazily = function () { let sum = 0; for (let i = 0; i < 10; i++) sum += i; return sum; };',
    "exports.helper = require('./helper.js').name;",
    'exports.where = { file: __filename, dir: __dirname };',
    'exports.failLine = () => { try { throw new Error(); } catch (error) { return Number(/sample\\.js:(\\d+)/.exec(error.stack)?.[1]); } };',
    '',
  ].join('\n');
}

describe('loadWithCodeCache (main.js compiles the extension bundle from V8 code cache)', () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  const cacheFiles = () => readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache'));
  /**
   * The same bytes at another path: V8 keeps its compile of a source it has seen under the same
   * name and would not look at the cache, so only a load under another name proves V8 accepts it.
   */
  let copies = 0;
  const elsewhere = (): string => {
    const copy = join(dir, `copy${++copies}`);
    mkdirSync(copy);
    for (const name of ['sample.js', 'helper.js']) copyFileSync(join(dir, name), join(copy, name));
    return join(copy, 'sample.js');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-code-cache-'));
    bundle = join(dir, 'sample.js');
    cacheDir = join(dir, 'cache');
    writeFileSync(bundle, bundleSource(1));
    writeFileSync(join(dir, 'helper.js'), "exports.name = 'beside the bundle';");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as require() would: its exports, a require beside it, __filename and __dirname, exact line numbers', () => {
    const loaded = loadWithCodeCache<Sample>(bundle, cacheDir);
    assert.equal(loaded.exports.answer(), 1);
    assert.equal(loaded.exports.helper, 'beside the bundle');
    assert.deepEqual(loaded.exports.where, { file: bundle, dir });
    assert.equal(loaded.exports.failLine(), 6);
  });

  it('compiles from source the first time, and from the cache it saved after (the functions run meanwhile included)', () => {
    const first = loadWithCodeCache<Sample>(bundle, cacheDir);
    assert.equal(first.codeCache, 'absent');
    assert.equal(first.exports.lazily(), 45);
    first.save();
    assert.equal(cacheFiles().length, 1);
    const second = loadWithCodeCache<Sample>(elsewhere(), cacheDir);
    assert.equal(second.codeCache, 'accepted');
    assert.equal(second.exports.answer(), 1);
    assert.equal(second.exports.lazily(), 45);
    assert.equal(second.exports.failLine(), 6);
    const before = readFileSync(join(cacheDir, cacheFiles()[0]!));
    second.save();
    assert.deepEqual(readFileSync(join(cacheDir, cacheFiles()[0]!)), before, 'an accepted cache is not written again');
  });

  it('never uses the cache of other bytes of the same length (V8 itself checks only the length), and keeps one cache per bundle and V8', () => {
    loadWithCodeCache<Sample>(bundle, cacheDir).save();
    const [older] = cacheFiles();
    const otherV8 = older!.replace(process.versions.v8, 'another-v8');
    writeFileSync(join(cacheDir, otherV8), 'kept for the VS Code that runs another V8');
    writeFileSync(bundle, bundleSource(2));
    const changed = loadWithCodeCache<Sample>(bundle, cacheDir);
    assert.equal(changed.codeCache, 'absent');
    assert.equal(changed.exports.answer(), 2);
    changed.save();
    assert.deepEqual(cacheFiles().sort(), [otherV8, cacheFiles().find((name) => name !== otherV8 && name !== older)!].sort());
    assert.equal(loadWithCodeCache<Sample>(elsewhere(), cacheDir).codeCache, 'accepted');
  });

  it('compiles from source when the cache is damaged or refused, and replaces it', () => {
    loadWithCodeCache<Sample>(bundle, cacheDir).save();
    const cacheFile = join(cacheDir, cacheFiles()[0]!);
    const damaged = readFileSync(cacheFile);
    damaged[damaged.length - 10] ^= 0xff;
    writeFileSync(cacheFile, damaged);
    const afterDamage = loadWithCodeCache<Sample>(bundle, cacheDir);
    assert.equal(afterDamage.codeCache, 'rejected');
    assert.equal(afterDamage.exports.answer(), 1);
    afterDamage.save();
    assert.equal(loadWithCodeCache<Sample>(elsewhere(), cacheDir).codeCache, 'accepted');
    // Data whose checksum holds but which V8 refuses (another V8 or other flags write such data), for
    // bytes this process has not compiled yet (V8 reuses its own compile of a source it has seen).
    const refused = Buffer.from('not V8 code');
    const unseen = bundleSource(7);
    writeFileSync(bundle, unseen);
    writeFileSync(cacheFile.replace(sha256Hex(bundleSource(1)), sha256Hex(unseen)), Buffer.concat([createHash('sha256').update(refused).digest(), refused]));
    const afterRefusal = loadWithCodeCache<Sample>(bundle, cacheDir);
    assert.equal(afterRefusal.codeCache, 'rejected');
    assert.equal(afterRefusal.exports.answer(), 7);
  });

  it('works without a cache folder', () => {
    const off = loadWithCodeCache<Sample>(bundle, undefined);
    assert.equal(off.codeCache, 'off');
    off.save();
    assert.equal(off.exports.answer(), 1);
  });

  it('treats a cache folder it cannot write as no cache: the next load compiles from source', () => {
    writeFileSync(cacheDir, 'a file where the folder would be');
    const unwritable = loadWithCodeCache<Sample>(bundle, cacheDir);
    assert.doesNotThrow(() => unwritable.save());
    const next = loadWithCodeCache<Sample>(bundle, cacheDir);
    assert.equal(next.codeCache, 'absent');
    assert.equal(next.exports.answer(), 1);
  });

  it("finds the user's cache folder on each platform", () => {
    assert.equal(userCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ada'), '/xdg');
    assert.equal(userCacheDir({}, 'linux', '/home/ada'), join('/home/ada', '.cache'));
    assert.equal(userCacheDir({}, 'darwin', '/Users/ada'), join('/Users/ada', 'Library', 'Caches'));
    assert.equal(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada'), 'C:\\Users\\ada\\AppData\\Local');
  });
});
