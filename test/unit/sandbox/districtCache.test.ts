import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { extendCatalog, standardCatalog, type Catalog } from '../../../src/sandbox/catalog/catalog';
import { databaseBytes } from '../../../src/sandbox/data/databaseHeader';
import type { DistrictCacheOptions } from '../../../src/sandbox/data/districtCache';
import type { GenerateOptions } from '../../../src/sandbox/data/generate';
import { openDistrict, openStore } from '../../../src/sandbox/data/openStore';
import { loadSqlJs, locateSqlWasm } from '../../../src/sandbox/data/sqlite';
import { startSandbox } from '../../../src/sandbox';
import { districtDigest } from './districtDigest';
import { requestToken } from './harness';

const district: GenerateOptions = { seed: 7, schools: 3, students: 150 };
const files = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.sqlite')).sort();

describe('sandbox district cache', () => {
  let sql: SqlJsStatic;
  let dir: string;
  let cache: DistrictCacheOptions;
  let catalog: Catalog;
  let fresh: string;

  before(async () => {
    sql = await loadSqlJs(locateSqlWasm(__dirname));
    catalog = standardCatalog();
    const store = openStore(sql, catalog, district);
    try {
      fresh = districtDigest(store);
    } finally {
      store.close();
    }
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psdev-districts-'));
    cache = { dir, codeIdentity: 'code-1', fromStudents: 0 };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Opens the district, waits for its save, and answers where it came from and its digest. */
  const open = async (options: DistrictCacheOptions | undefined = cache, generate = district, onStore?: (store: ReturnType<typeof openStore>) => void) => {
    const opened = openDistrict(sql, catalog, generate, undefined, options);
    try {
      onStore?.(opened.store);
      await opened.cached;
      return { origin: opened.origin, digest: districtDigest(opened.store) };
    } finally {
      opened.store.close();
    }
  };

  const openDistrictOrigin = async (withCatalog: Catalog, generate: GenerateOptions, options: DistrictCacheOptions) => {
    const opened = openDistrict(sql, withCatalog, generate, undefined, options);
    opened.store.close();
    await opened.cached;
    return opened.origin;
  };

  it('starts from the saved file with the district it generated, value for value', async () => {
    assert.deepEqual(await open(), { origin: 'generated', digest: fresh });
    assert.equal(files(dir).length, 1);
    assert.deepEqual(await open(), { origin: 'cache', digest: fresh });
    assert.deepEqual(await open(), { origin: 'cache', digest: fresh });
  });

  it('saves the file SQLite wrote, byte for byte, and answers requests from it as from the generated one', async () => {
    const opened = openDistrict(sql, catalog, district, undefined, cache);
    try {
      await opened.cached;
      const saved = readFileSync(join(dir, files(dir)[0]!));
      const exported = Buffer.from(opened.store.db.export());
      // The backup sql.js exports through counts a change of its own: the change counter, the schema
      // cookie and the "version valid for" number (header bytes 24, 40 and 92) differ, nothing else.
      const counters = new Set([24, 25, 26, 27, 40, 41, 42, 43, 92, 93, 94, 95]);
      const differing: number[] = [];
      for (let index = 0; index < Math.max(exported.length, saved.length) && differing.length < 20; index++) {
        if (exported[index] !== saved[index] && !counters.has(index)) differing.push(index);
      }
      assert.deepEqual({ length: saved.length, differing }, { length: exported.length, differing: [] });
    } finally {
      opened.store.close();
    }
  });

  it('never saves writes made after the district was generated: a save the district changed under is dropped', async () => {
    // Requests write into the same memory the save reads from, in the background: a save that may hold part of a write is not kept.
    await open(cache, district, (store) => {
      store.run("UPDATE students SET first_name = 'Changed'");
      store.run('DELETE FROM cc');
    });
    assert.deepEqual(readdirSync(dir), [], 'neither a district file nor a partial one');
    assert.deepEqual(await open(), { origin: 'generated', digest: fresh });
    assert.deepEqual(await open(), { origin: 'cache', digest: fresh });
  });

  it('holds a sandbox\'s writing requests until the district is saved, so the save is kept and holds none of them', async () => {
    const first = await startSandbox({ ...district, districtCache: cache });
    let written: number;
    try {
      const token = (await (await requestToken(first)).json() as { access_token: string }).access_token;
      const posted = await fetch(`${first.url}/ws/v1/student`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ students: { student: { client_uid: 'cache-1', action: 'INSERT', name: { first_name: 'Early', last_name: 'Writer' },
          school_enrollment: { grade_level: 3, entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: 100, enroll_status: 'a' } } } }),
      });
      const answer = await posted.json() as { results: { result: { status: string } } };
      assert.equal(answer.results.result.status, 'SUCCESS');
      written = Number((await (await fetch(`${first.url}/ws/v1/district/student/count`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })).json() as { resource: { count: number } }).resource.count);
    } finally {
      await first.close();
    }
    assert.equal(written, district.students + 1);
    assert.equal(files(dir).length, 1, 'the save was kept');
    assert.deepEqual(await open(), { origin: 'cache', digest: fresh });
  });

  it('keeps other districts apart: code, seed, schools, students and the schema are all in the key', async () => {
    const extended = extendCatalog(standardCatalog(), [{ ...standardCatalog().table('u_studentsuserfields')!, name: 'U_CACHE_TEST' }]);
    const variants: [string, DistrictCacheOptions, GenerateOptions, Catalog][] = [
      ['code', { ...cache, codeIdentity: 'code-2' }, district, catalog],
      ['seed', cache, { ...district, seed: 8 }, catalog],
      ['schools', cache, { ...district, schools: 4 }, catalog],
      ['students', cache, { ...district, students: 151 }, catalog],
      ["a plugin's extension table", cache, district, extended],
    ];
    for (const [change, options, generate, variantCatalog] of variants) {
      rmSync(dir, { recursive: true, force: true });
      await open();
      assert.equal(await openDistrictOrigin(variantCatalog, generate, options), 'generated', change);
      assert.equal(files(dir).length, 2, change);
      assert.equal(await openDistrictOrigin(catalog, district, cache), 'cache', `${change}: the first district is still there`);
    }
  });

  for (const [damage, harm] of [
    ['cut short', (file: string) => truncateSync(file, statSync(file).size - 16384)],
    ['not SQLite', (file: string) => writeFileSync(file, Buffer.alloc(65536, 7))],
    ['empty', (file: string) => writeFileSync(file, '')],
    ['a header naming more pages', (file: string) => {
      const bytes = readFileSync(file);
      bytes.writeUInt32BE(bytes.readUInt32BE(28) + 1, 28);
      writeFileSync(file, bytes);
    }],
  ] as const) {
    it(`removes a saved file that is ${damage}, generates the district and saves it again`, async () => {
      await open();
      harm(join(dir, files(dir)[0]!));
      assert.deepEqual(await open(), { origin: 'generated', digest: fresh });
      assert.deepEqual(await open(), { origin: 'cache', digest: fresh });
    });
  }

  it('keeps the three districts used last (reading one counts as a use)', async () => {
    // Saved a minute apart each (file times can be too coarse to tell saves a moment apart).
    for (const [index, seed] of [1, 2, 3].entries()) {
      const before = files(dir);
      await open(cache, { ...district, seed });
      const saved = files(dir).find((name) => !before.includes(name))!;
      const when = new Date(Date.now() - 60_000 * (3 - index));
      utimesSync(join(dir, saved), when, when);
    }
    assert.equal(files(dir).length, 3);
    assert.equal((await open(cache, { ...district, seed: 1 })).origin, 'cache'); // seed 1 is now the newest used
    await open(cache, { ...district, seed: 4 });
    assert.equal(files(dir).length, 3);
    assert.equal((await open(cache, { ...district, seed: 1 })).origin, 'cache');
    assert.equal((await open(cache, { ...district, seed: 4 })).origin, 'cache');
    assert.equal((await open(cache, { ...district, seed: 2 })).origin, 'generated', 'seed 2, the one used longest ago, was dropped');
  });

  it('generates every time below its size, and starts as usual when its folder cannot be written', async () => {
    assert.equal((await open({ ...cache, fromStudents: 151 })).origin, 'generated');
    assert.deepEqual(files(dir), []);
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    assert.deepEqual(await open({ ...cache, dir: join(notAFolder, 'districts') }), { origin: 'generated', digest: fresh });
  });

  it('is what a sandbox starts from, and the save is on disk when close() settles', async () => {
    const first = await startSandbox({ ...district, districtCache: cache });
    await first.close();
    assert.equal(first.origin, 'generated');
    assert.equal(files(dir).length, 1);
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.partial')), []);
    const second = await startSandbox({ ...district, districtCache: cache });
    try {
      assert.equal(second.origin, 'cache');
      const token = await (await fetch(`${second.url}/oauth/access_token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${second.clientId}:${second.clientSecret}`).toString('base64')}` },
        body: 'grant_type=client_credentials',
      })).json() as { access_token: string };
      const count = await (await fetch(`${second.url}/ws/v1/district/student/count`, { headers: { Authorization: `Bearer ${token.access_token}`, Accept: 'application/json' } })).json() as { resource: { count: number } };
      assert.equal(count.resource.count, 150);
    } finally {
      await second.close();
    }
  });

  it('reads the size of a database from its header only when the header is one', () => {
    assert.equal(databaseBytes(new Uint8Array(4096)), undefined);
    assert.equal(databaseBytes(new Uint8Array(50)), undefined);
    const store = openStore(sql, catalog, { seed: 1, schools: 1, students: 5 });
    try {
      const bytes = store.db.export();
      assert.equal(databaseBytes(bytes), bytes.length);
      assert.equal(databaseBytes(bytes.subarray(0, bytes.length - 1)), undefined, 'a header naming more than there is');
    } finally {
      store.close();
    }
    assert.ok(existsSync(dir));
  });
});
