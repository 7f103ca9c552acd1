import * as assert from 'node:assert/strict';
import { createPayloadValidator } from '../../../src/core/payload';
import { pluginAccess } from '../../../src/sandbox/access/pluginAccess';
import { catalogFor, type CatalogTable } from '../../../src/sandbox/catalog/catalog';
import type { SandboxContext } from '../../../src/sandbox/context';
import { districtInfo } from '../../../src/sandbox/data/district';
import { FragmentCache } from '../../../src/sandbox/data/fragmentCache';
import { openStore } from '../../../src/sandbox/data/openStore';
import { createRandom, type Random } from '../../../src/sandbox/data/random';
import { loadSqlJs, locateSqlWasm, type SqlStore } from '../../../src/sandbox/data/sqlite';
import { Router } from '../../../src/sandbox/http/router';
import type { SandboxResponse } from '../../../src/sandbox/http/types';
import { addSchemaRoutes } from '../../../src/sandbox/schema/schemaRoutes';
import { expansionsAttribute, renderedStudentColumns, renderStudents, studentExpansions, studentExtensionTables, watchStudentRows, type StudentExpansion } from '../../../src/sandbox/v1/studentResource';
import { addV1Routes } from '../../../src/sandbox/v1/v1Routes';
import { xmlQuirks } from '../../../src/sandbox/v1/xmlQuirks';

// The student page cache (FragmentCache + watchStudentRows) against a fresh rendering: after random
// writes through the API, every page the routes answer (from kept parts) has exactly the bytes
// JSON.stringify(xmlQuirks(body)) writes for the rows as they stand. PSDEV_PROPERTY_SEED replays a run.

const seed = Number(process.env.PSDEV_PROPERTY_SEED ?? Date.now() % 1_000_000);
const steps = Number(process.env.PSDEV_PROPERTY_STEPS ?? 400);

interface Harness {
  readonly store: SqlStore;
  readonly cache: FragmentCache;
  readonly call: (method: string, target: string, body?: unknown) => Promise<{ status: number; text: string }>;
}

async function harness(cacheBytes: number): Promise<Harness> {
  const sql = await loadSqlJs(locateSqlWasm(__dirname));
  const catalog = catalogFor('standard');
  const store = openStore(sql, catalog, { seed: 11, schools: 3, students: 40 });
  const cache = new FragmentCache(cacheBytes);
  watchStudentRows(store, catalog, cache);
  const context: SandboxContext = {
    store, catalog, district: districtInfo(), maxPageSize: 100, now: () => Date.parse('2026-10-01T00:00:00Z'),
    payloadValidator: createPayloadValidator(), studentElements: cache, access: pluginAccess(undefined),
  };
  const router = new Router();
  addV1Routes(router, context);
  addSchemaRoutes(router, context);
  const call = async (method: string, target: string, body?: unknown) => {
    const url = new URL(target, 'http://127.0.0.1');
    const response: SandboxResponse = await router.handle({
      method, path: url.pathname, query: url.searchParams, headers: { host: '127.0.0.1' }, body: body === undefined ? '' : JSON.stringify(body),
    });
    const text = response.parts ? Buffer.concat(response.parts).toString('utf8') : response.text ?? JSON.stringify(response.json);
    return { status: response.status, text };
  };
  return { store, cache, call };
}

const pick = <T>(random: Random, items: readonly T[]): T => random.pick(items);
const extensionTables = studentExtensionTables(catalogFor('standard'));
const variants: { expansions: StudentExpansion[]; extensions: CatalogTable[] }[] = [
  { expansions: [...studentExpansions], extensions: extensionTables },
  { expansions: [], extensions: [] },
  { expansions: ['contact_info', 'fees', 'ethnicity_race', 'school_enrollment'], extensions: extensionTables.filter((table) => table.name !== 'studentcorefields') },
  { expansions: ['demographics', 'lunch'], extensions: extensionTables.filter((table) => table.name === 'studentcorefields' || table.name === 's_stu_x') },
];

/** One random write through the API (or, rarely, a row of a table read by STUDENTS.ID, written directly). */
async function randomWrite(random: Random, h: Harness, dcids: number[], step: number): Promise<string> {
  const dcid = pick(random, dcids);
  const extensionData = (table: string, field: string, value: string) => ({ _table_extension: { name: table, _field: [{ name: field, type: 'String', value }] } });
  switch (random.int(0, 15)) {
    case 0: {
      const student = {
        client_uid: `p${step}`, action: 'INSERT', name: { first_name: `First${step}`, last_name: 'Property' },
        school_enrollment: { grade_level: random.int(0, 5), entry_date: '2026-08-17', exit_date: '2027-06-05', school_number: pick(random, [100, 200, 300]), enroll_status: 'a' },
        contact_info: random.chance(0.5) ? { email: `p${step}@example.org` } : undefined,
        _extension_data: random.chance(0.5) ? extensionData('u_studentsuserfields', 'transcriptaddrcity', `City${step}`) : undefined,
      };
      const answer = await h.call('POST', '/ws/v1/student?extensions=u_studentsuserfields', { students: { student } });
      const id = /"id":(\d+)/.exec(answer.text)?.[1];
      if (id) dcids.push(Number(id));
      return `POST student INSERT → ${answer.status} ${id ?? ''}`;
    }
    case 1:
    case 2:
    case 3:
    case 4: {
      const changes = pick(random, [
        { name: { first_name: `Renamed${step}` } },
        { demographics: { gender: pick(random, ['F', 'M']) } },
        { school_enrollment: { grade_level: random.int(0, 5) } },
        { contact_info: { email: `e${step}@example.org` } },
        { addresses: { physical: { street: `${step} Property Rd`, city: 'Springfield', state_province: 'CA', postal_code: '90210' } } },
        { _extension_data: extensionData('studentcorefields', 'primarylanguage', `Lang${step}`) },
        { _extension_data: extensionData('u_studentsuserfields', 'father_name', `Father${step}`) },
      ]);
      const answer = await h.call('POST', '/ws/v1/student?extensions=studentcorefields,u_studentsuserfields', { students: { student: { client_uid: `u${step}`, action: 'UPDATE', id: String(dcid), ...changes } } });
      return `POST student UPDATE ${dcid} ${JSON.stringify(changes)} → ${answer.status}`;
    }
    case 5:
    case 6:
    case 7:
    case 8: {
      const table = pick(random, ['u_studentsuserfields', 's_stu_x', 'studentcorefields']);
      const fields = { u_studentsuserfields: { father_name: `Put${step}` }, s_stu_x: { birthcity: `Born${step}` }, studentcorefields: { primarylanguage: `Put${step}` } }[table];
      const answer = await h.call('PUT', `/ws/schema/table/${table}/${dcid}`, { tables: { [table]: fields } });
      return `PUT ${table}/${dcid} → ${answer.status}`;
    }
    case 9:
    case 10: {
      const table = pick(random, ['u_studentsuserfields', 's_stu_x']);
      const answer = await h.call('DELETE', `/ws/schema/table/${table}/${dcid}`);
      return `DELETE ${table}/${dcid} → ${answer.status}`;
    }
    case 11:
    case 12:
    case 13: {
      const table = pick(random, ['u_studentsuserfields', 's_stu_x']);
      const fields = table === 'u_studentsuserfields' ? { studentsdcid: dcid, father_name: `Posted${step}` } : { studentsdcid: dcid, birthcity: `Posted${step}` };
      const answer = await h.call('POST', `/ws/schema/table/${table}`, { tables: { [table]: fields } });
      return `POST ${table} ${dcid} → ${answer.status}`;
    }
    case 14: {
      // No API writes these; a direct write still has to reach the cache (it clears every student).
      const id = h.store.scalar('SELECT id FROM students WHERE dcid = ?', [dcid]);
      if (random.chance(0.5)) h.store.run('INSERT INTO fees (dcid, id, studentid, schoolid, date_value, description, debit, feestype) VALUES (?, ?, ?, 100, ?, ?, ?, ?)', [100000 + step, 100000 + step, id, '2026-09-01', `Fee ${step}`, step % 50, 'Fee']);
      else h.store.run('UPDATE studentrace SET racecd = ? WHERE studentid = ?', [pick(random, ['W', 'B', 'A', 'H']), id]);
      return `direct fees/studentrace write for ${dcid}`;
    }
    default: {
      h.store.run('UPDATE schools SET dcid = dcid WHERE school_number = 100');
      return 'direct schools write';
    }
  }
}

/** A random student page as the route answers it, and as rendered fresh from the rows. */
async function comparePage(random: Random, h: Harness): Promise<{ target: string; answered: string; fresh: string }> {
  // Few variants and page sizes, so pages come back often enough for kept parts to be served.
  const { expansions, extensions } = pick(random, variants);
  const pageSize = pick(random, [1, 7, 20]);
  const pages = Math.ceil(Number(h.store.scalar('SELECT COUNT(*) FROM students')) / pageSize);
  const page = random.int(1, pages + 1); // one past the end: the empty page
  const target = `/ws/v1/district/student?page=${page}&pagesize=${pageSize}&expansions=${expansions.join(',')}&extensions=${extensions.map((table) => table.name).join(',')}`;
  const answered = await h.call('GET', target);
  const rows = h.store.all('SELECT * FROM students ORDER BY dcid LIMIT ? OFFSET ?', [pageSize, (page - 1) * pageSize]);
  const allExtensions = extensionTables.map((table) => table.name).join(',');
  const body = rows.length === 0 ? { students: '' } : { students: { '@expansions': expansionsAttribute, '@extensions': allExtensions, student: renderStudents(h.store, rows, new Set(expansions), extensions) } };
  return { target, answered: answered.text, fresh: JSON.stringify(xmlQuirks(body)) };
}

describe('sandbox student page cache (property)', function () {
  this.timeout(60_000);

  for (const [label, cacheBytes] of [['a cache that holds every page', 64 * 1024 * 1024], ['a cache small enough to evict on every page', 4 * 1024]] as const) {
    it(`answers what a fresh rendering answers after random writes, with ${label} (seed ${seed})`, async () => {
      const random = createRandom(seed);
      const h = await harness(cacheBytes);
      try {
        const dcids = h.store.all('SELECT dcid FROM students').map((row) => Number(row.dcid));
        const history: string[] = [];
        for (let step = 0; step < steps; step++) {
          if (random.chance(0.5)) history.push(await randomWrite(random, h, dcids, step));
          const { target, answered, fresh } = await comparePage(random, h);
          history.push(`GET ${target}`);
          if (answered !== fresh) {
            assert.fail(`seed ${seed} (PSDEV_PROPERTY_SEED=${seed} replays it), step ${step}: ${target}\nlast operations:\n  ${history.slice(-6).join('\n  ')}\nanswered: ${answered.slice(0, 400)}\nfresh:    ${fresh.slice(0, 400)}`);
          }
        }
        assert.ok(cacheBytes > 4096 ? h.cache.size > 0 : h.cache.size <= cacheBytes, `cache size ${h.cache.size}`);
      } finally {
        h.store.close();
      }
    });
  }

  it('reads only the STUDENTS columns it selects (renderedStudentColumns), with every expansion and extension', async () => {
    const h = await harness(1 << 20);
    try {
      const read = new Set<string>();
      const rows = h.store.all('SELECT * FROM students ORDER BY dcid LIMIT 20').map((row) => new Proxy(row, {
        get: (target, key) => (typeof key === 'string' && read.add(key), Reflect.get(target, key)),
      }));
      renderStudents(h.store, rows, new Set(studentExpansions), extensionTables);
      const selected = new Set<string>(renderedStudentColumns);
      assert.ok(read.size > 20, `read ${[...read].join(', ')}`);
      assert.deepEqual([...read].filter((column) => !selected.has(column)), [], 'columns read but not selected by studentRowsToRender');
    } finally {
      h.store.close();
    }
  });

  it('keeps parts least recently used last, within its byte budget', () => {
    const cache = new FragmentCache(10);
    const render = (ids: readonly number[]) => new Map(ids.map((id) => [id, Buffer.from(`${id}`.padStart(4, '0'))]));
    assert.deepEqual(cache.parts('a', [1, 2], render).map(String), ['0001', '0002']);
    cache.parts('b', [1], render); // 12 bytes: the least recently used (a:1) goes
    assert.equal(cache.size, 8);
    let rendered: readonly number[] = [];
    cache.parts('a', [1, 2], (ids) => ((rendered = ids), render(ids)));
    assert.deepEqual(rendered, [1]);
    cache.forget(1);
    rendered = [];
    cache.parts('a', [1, 2], (ids) => ((rendered = ids), render(ids)));
    assert.deepEqual(rendered, [1], 'a forgotten record is rendered again, the others are kept');
  });
});
