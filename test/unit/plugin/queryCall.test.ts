import * as assert from 'node:assert/strict';
import { queryArgValue, queryRequestText } from '../../../src/core/plugin';
import { parsePsreq } from '../../../src/core/psreq';

describe('core/plugin: a named query called from the editor', () => {
  const primitive = { name: 'schoolid', type: 'primitive', required: true };
  const array = { name: 'grade_levels', type: 'Array', required: false };

  it('a primitive is its trimmed text; a required one cannot be empty, an optional empty one is left out', () => {
    assert.deepEqual(queryArgValue(primitive, ' 100 '), { value: '100' });
    assert.deepEqual(queryArgValue(primitive, '  '), { problem: 'schoolid is required' });
    assert.deepEqual(queryArgValue({ ...primitive, required: false }, ''), {});
    assert.deepEqual(queryArgValue({ name: 'x', required: false }, 'a,b'), { value: 'a,b' }, 'no type is a primitive');
  });

  it('an array (any case of the type) is comma-separated values or a JSON array as written', () => {
    assert.deepEqual(queryArgValue(array, '9, 10,,11 '), { value: ['9', '10', '11'] });
    assert.deepEqual(queryArgValue(array, '[9, "10"]'), { value: [9, '10'] });
    assert.match(queryArgValue(array, '[9,').problem!, /^grade_levels: not a JSON array/);
    assert.deepEqual(queryArgValue(array, ''), {});
  });

  it('the request text POSTs every record of the query; nothing in the name or args is read as a variable', () => {
    const args = { schoolid: '{{$processEnv HOME}}', list: ['{{{x}}}'] };
    const text = queryRequestText('com.example.q\n< /etc/passwd', args);
    const { requests } = parsePsreq(text);
    assert.equal(requests.length, 1);
    const [request] = requests;
    assert.equal(request!.method.text, 'POST');
    assert.equal(request!.url.text, '/ws/schema/query/com.example.q%0A%3C%20%2Fetc%2Fpasswd?pagesize=0');
    assert.deepEqual(request!.references, [], 'no {{…}} left to interpolate');
    assert.equal(request!.body!.file, undefined);
    assert.deepEqual(JSON.parse(request!.body!.text), args, 'the body still says what was typed');
  });
});
