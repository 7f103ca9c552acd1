import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser/lib/esm/main';
import { toPointer, type PathSegment } from '../../../src/core/payload/jsonPointer';
import { locatePointers } from '../../../src/core/payload/locate';

function paths(value: unknown, prefix: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...prefix, index], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

describe('payload: pointer locator agrees with jsonc-parser', () => {
  it('on random JSON with random indentation, for every node', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 1, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const tree = parseTree(text)!;
        const all = paths(JSON.parse(text));
        const found = locatePointers(text, all.map(toPointer));
        for (const path of all) {
          const node = findNodeAtLocation(tree, path) as Node;
          const location = found.get(toPointer(path));
          assert.ok(location, `missing ${toPointer(path)} in ${text}`);
          assert.deepEqual([location.valueStart, location.valueEnd], [node.offset, node.offset + node.length]);
          if (node.parent?.type === 'property') {
            const key = node.parent.children![0]!;
            assert.deepEqual([location.keyStart, location.keyEnd], [key.offset, key.offset + key.length]);
            const removed = text.slice(0, location.removeStart) + text.slice(location.removeEnd);
            const expected = JSON.parse(text);
            let parent = expected;
            for (const segment of path.slice(0, -1)) parent = parent[segment as never];
            delete parent[path[path.length - 1] as never];
            assert.deepEqual(JSON.parse(removed), expected);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
