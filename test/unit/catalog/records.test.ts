import * as assert from 'node:assert/strict';
import type { PowerSchoolClient } from '../../../src/core/client';
import { countQueryRecords, countTableRecords, previewRequestText } from '../../../src/core/catalog';
import { parsePsreq } from '../../../src/core/psreq';
import { PsreqRunner } from '../../../src/core/runner';
import type { SandboxHandle } from '../../../src/sandbox';
import { sandboxClient } from './sandboxHarness';

describe('catalog: counting and previewing records', () => {
  let sandbox: SandboxHandle;
  let client: PowerSchoolClient;
  before(async () => {
    ({ sandbox, client } = await sandboxClient({ students: 60 }));
  });
  after(() => sandbox.close());

  it('counts the rows of a table', async () => {
    assert.equal(await countTableRecords(client, 'STUDENTS'), 60);
  });

  const preview = async (subject: Parameters<typeof previewRequestText>[0], limit: number) => {
    const document = parsePsreq(previewRequestText(subject, limit));
    assert.deepEqual(document.diagnostics, []);
    return (await new PsreqRunner(document, { client }).run(0)).response.body;
  };

  it('previews at most the first N rows of a table with every column', async () => {
    const body = (await preview({ kind: 'table', name: 'STUDENTS' }, 5)) as { name: string; record: { tables: { students: Record<string, string> } }[] };
    assert.equal(body.name, 'STUDENTS');
    assert.equal(body.record.length, 5);
    assert.ok('last_name' in body.record[0]!.tables.students);
  });

  it('counts and previews a PowerQuery; a missing required argument is the server\'s 400', async () => {
    const count = await countQueryRecords(client, 'com.pearson.core.student.student_dcid_id_map');
    assert.equal(count, 60);
    const body = (await preview({ kind: 'powerQuery', name: 'com.pearson.core.student.student_dcid_id_map' }, 7)) as { record: unknown[] };
    assert.equal(body.record.length, 7);
    await assert.rejects(countQueryRecords(client, 'com.pearson.core.terms.yearid'), /400|schoolid/);
  });
});
