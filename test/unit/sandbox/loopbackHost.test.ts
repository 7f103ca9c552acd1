import * as assert from 'node:assert/strict';
import { tooDeepPointer } from '../../../src/core/payload';
import { isLoopbackHost } from '../../../src/sandbox/http/loopbackHost';

describe('sandbox request guards', () => {
  it('isLoopbackHost accepts 127.0.0.0/8, localhost and [::1] with any port, and nothing else', () => {
    for (const host of [undefined, '127.0.0.1', '127.0.0.1:8080', '127.255.255.254:1', 'localhost', 'LocalHost:3000', '[::1]', '[::1]:443']) assert.ok(isLoopbackHost(host), String(host));
    for (const host of ['', 'evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '127.0.0.256', '128.0.0.1', '0.0.0.0', '[::2]', '::1', '[::ffff:127.0.0.1]', '127.0.0.1:80:80', '192.168.1.1']) assert.ok(!isLoopbackHost(host), host);
  });

  it('the body depth limit (core tooDeepPointer, the sandbox and the editor alike) walks without recursion', () => {
    assert.equal(tooDeepPointer('x', 0), undefined);
    assert.equal(tooDeepPointer({ a: [1, { b: 2 }] }, 3), undefined);
    assert.equal(tooDeepPointer({ a: [1, { b: 2 }] }, 2), '/a/1');
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    assert.equal(tooDeepPointer(deep, 100_000), undefined);
    assert.equal(tooDeepPointer(deep, 99_999), '/0'.repeat(99_999));
  });
});
