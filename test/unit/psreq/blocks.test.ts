import * as assert from 'node:assert/strict';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PsreqBlocks, differenceOf, parsePsreq } from '../../../src/core/psreq';
import { forEachSeed, randomEdit, randomText, sequenceCount } from './randomEdits';

describe('.psreq blocks (incremental parse)', () => {
  it('gives the document parsePsreq gives, for the whole text', () => {
    const text = '@size = 1\n\n### a\n# @name a\nGET /x?p={{size}}\n\n### b\n# @name a\nGET /y\nGET /z\n';
    assert.deepEqual(PsreqBlocks.parse(text).document, parsePsreq(text));
  });

  it('re-parses only the block an edit touched and keeps the others as they were', () => {
    const text = '### a\nGET /a\n\n### b\nGET /b\n\n### c\nGET /c\n';
    const before = PsreqBlocks.parse(text);
    const at = text.indexOf('/b') + 2;
    const after = before.edit(`${text.slice(0, at)}x${text.slice(at)}`, { start: at, oldEnd: at, newEnd: at + 1 });
    assert.equal(after.blocks[0], before.blocks[0]);
    assert.notEqual(after.blocks[1], before.blocks[1]);
    assert.equal(after.blocks[2], before.blocks[2]);
    assert.deepEqual(after.starts, [0, before.starts[1], before.starts[2] + 1]);
  });

  it('keeps no copy of an earlier version of the file alive in a block an edit re-parsed', () => {
    // A substring in V8 may point into the string it was cut from: a block cut from a 1 MB text kept
    // that whole version alive, so every keystroke kept one more megabyte (and GC time grew with it).
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const block = (i: number) => `### r${i}\n# ${'.'.repeat(1_000)}\nGET /ws/v1/district/student?pagesize=${i}\n\n`;
    let text = Array.from({ length: 1_000 }, (_, i) => block(i)).join('');
    let blocks = PsreqBlocks.parse(text);
    const edits = 60;
    collectGarbage();
    const before = getHeapStatistics().used_heap_size;
    for (let i = 0; i < edits; i++) {
      const at = text.indexOf('\n', Math.floor((i * text.length) / edits));
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      text.charCodeAt(0);
      blocks = blocks.edit(text, { start: at, oldEnd: at, newEnd: at + 1 });
    }
    collectGarbage();
    const grown = getHeapStatistics().used_heap_size - before;
    assert.equal(blocks.blocks.length, 1_000);
    assert.ok(grown < 10 * text.length, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over ${edits} edits of a ${(text.length / 1e6).toFixed(1)} MB text`);
  });

  it('finds where two texts differ', () => {
    assert.deepEqual(differenceOf('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
    assert.deepEqual(differenceOf('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
    assert.deepEqual(differenceOf('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
  });

  it(`equals a fresh parse after every edit of ${sequenceCount} random edit sequences (blocks, scope and document)`, async function () {
    this.timeout(sequenceCount > 1_000 ? 0 : 20_000);
    await forEachSeed(1, sequenceCount, (random) => {
      let text = randomText(random);
      let blocks = PsreqBlocks.parse(text);
      const edits = 1 + Math.floor(random() * 8);
      for (let i = 0; i < edits; i++) {
        const edit = randomEdit(random, text);
        text = edit.text;
        // Half the edits say where they changed the text (as the editor does), half leave it to the comparison.
        blocks = random() < 0.5 ? blocks.edit(text, edit.change) : blocks.edit(text);
        const fresh = PsreqBlocks.parse(text);
        assert.deepEqual(blocks.blocks.map((block) => block.key), fresh.blocks.map((block) => block.key), `blocks after edit ${i} of ${JSON.stringify(text)}`);
        assert.deepEqual(blocks.starts, fresh.starts);
        assert.deepEqual(blocks.blocks, fresh.blocks);
        // The scope carried over from the version before equals one built afresh, down to which block is the first of each name.
        const namedAt = (parsed: PsreqBlocks) => [...parsed.scope.named].map(([name, block]) => [name, parsed.blocks.indexOf(block)]);
        assert.deepEqual([blocks.scope.values, blocks.scope.names, [...blocks.scope.declared], namedAt(blocks)], [fresh.scope.values, fresh.scope.names, [...fresh.scope.declared], namedAt(fresh)]);
        assert.deepEqual(blocks.document, parsePsreq(text), `document after edit ${i} of ${JSON.stringify(text)}`);
      }
    });
  });
});
