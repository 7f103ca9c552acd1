import * as assert from 'node:assert/strict';
import { walkPages } from '../../../src/core/client';

/** Pages of a list of `total` records served `cap` at a time at most; every page read is logged. */
function server(total: number, cap = Infinity) {
  const reads: number[] = [];
  const read = async (page: number, pageSize: number) => {
    reads.push(page);
    const size = Math.min(pageSize, cap);
    const start = (page - 1) * size;
    return Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, index) => start + index);
  };
  return { reads, read };
}

async function walk(total: number, asked: number, cap?: number) {
  const { reads, read } = server(total, cap);
  const records: number[] = [];
  for await (const page of walkPages(read, (page) => page, { method: 'GET', path: '/x' }, asked)) records.push(...page);
  return { records, reads };
}

describe('client walkPages', () => {
  it('stops at the first short page', async () => {
    const { records, reads } = await walk(250, 100);
    assert.equal(records.length, 250);
    assert.deepEqual(reads, [1, 2, 3]);
  });

  it('stops at an empty page when the last page was full', async () => {
    assert.deepEqual((await walk(200, 100)).reads, [1, 2, 3]);
  });

  it('probes page 2 once after a short first page, and follows a server that caps the page size', async () => {
    const capped = await walk(120, 500, 50);
    assert.deepEqual(capped.records, Array.from({ length: 120 }, (_, index) => index));
    assert.deepEqual(capped.reads, [1, 2, 3]);
    const small = await walk(7, 100);
    assert.equal(small.records.length, 7);
    assert.deepEqual(small.reads, [1, 2], 'a short first page is the last only once page 2 comes back empty');
  });

  it('stops with an error when a page repeats the one before (a server that ignores page)', async () => {
    const reads: number[] = [];
    const read = async (page: number) => {
      reads.push(page);
      return [1, 2, 3];
    };
    const walked: number[][] = [];
    const walking = (async () => {
      for await (const page of walkPages(read, (page) => page, { method: 'GET', path: '/x' }, 3)) walked.push(page);
    })();
    await assert.rejects(walking, /GET \/x: page 2 repeats page 1; the server does not page this resource, stopped/);
    assert.deepEqual(reads, [1, 2]);
    assert.equal(walked.length, 1);
  });
});
