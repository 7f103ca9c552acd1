import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { EnvironmentSet, fileEnvironmentOf, isSecretName, loadEnvironments, parseDotenv, readEnvironmentLayer, shownValue } from '../../../src/core/environments';
import { parsePsreq } from '../../../src/core/psreq';

const layer = (origin: Parameters<typeof readEnvironmentLayer>[0], text: string, source = origin) => {
  const read = readEnvironmentLayer(origin, source, text);
  assert.deepEqual(read.problems, []);
  return read.layer!;
};

describe('environments: sources and precedence', () => {
  it('reads REST Client settings with $shared, the environment winning over it', () => {
    const set = new EnvironmentSet([layer('rest-client-settings', '{"$shared": {"version": "v1", "host": "shared"}, "dev": {"host": "dev.example"}, "prod": {"host": "prod.example", "token": "{{$shared version}}-t"}}')]);
    assert.deepEqual(set.names, ['dev', 'prod']);
    assert.deepEqual(set.variables('dev'), { version: 'v1', host: 'dev.example' });
    assert.deepEqual(set.variables('prod'), { version: 'v1', host: 'prod.example', token: 'v1-t' });
    assert.deepEqual(set.variables(undefined), { version: 'v1', host: 'shared' });
  });

  it('reads http-client.env.json and lets http-client.private.env.json win, numbers as text', () => {
    const set = new EnvironmentSet([
      layer('rest-client-settings', '{"dev": {"host": "settings", "a": "settings"}}'),
      layer('http-client.env.json', '{\n  // comments are allowed\n  "dev": {"host": "public", "secret": "", "port": 8080},\n}'),
      layer('http-client.private.env.json', '{"dev": {"secret": "s3cret"}}'),
    ]);
    assert.deepEqual(set.variables('dev'), { host: 'public', a: 'settings', secret: 's3cret', port: '8080' });
  });

  it('an environment value wins over a $shared one of a later file', () => {
    const set = new EnvironmentSet([layer('rest-client-settings', '{"dev": {"host": "dev"}}'), layer('http-client.env.json', '{"$shared": {"host": "shared"}}')]);
    assert.equal(set.variables('dev').host, 'dev');
  });

  it('reads .env files as dotenv does, under every environment and for {{$dotenv}}', () => {
    assert.deepEqual(parseDotenv('# comment\nA=1\nexport B = two words # note\nC="line\\nbreak"\nD=\'#kept\'\nE=\n'), { A: '1', B: 'two words', C: 'line\nbreak', D: '#kept', E: '' });
    const set = new EnvironmentSet([layer('.env', 'host=from-dotenv\ntoken=t'), layer('http-client.env.json', '{"dev": {"host": "dev"}}')]);
    assert.deepEqual(set.names, ['dev']);
    assert.deepEqual(set.dotenv, { host: 'from-dotenv', token: 't' });
    assert.deepEqual(set.variables('dev'), { host: 'dev', token: 't' });
  });

  it('names the environments that define a variable, and the connection one pins', () => {
    const set = new EnvironmentSet([layer('http-client.env.json', '{"dev": {"a": "1", "$connection": "Sandbox"}, "test": {"a": "2"}, "prod": {"b": "3"}}')]);
    assert.deepEqual(set.definedIn('a'), ['dev', 'test']);
    assert.equal(set.connectionOf('dev'), 'Sandbox');
    assert.equal(set.connectionOf('test'), undefined);
    assert.equal(set.variables('dev').$connection, undefined);
  });

  it('names a file that is not JSON or not an object of environments', () => {
    assert.match(readEnvironmentLayer('http-client.env.json', 'x.json', '{"dev": ').problems[0]!.message, /x.json is not valid JSON/);
    assert.match(readEnvironmentLayer('http-client.env.json', 'x.json', '{"dev": 1}').problems[0]!.message, /environment 'dev' must be an object/);
  });

  it('loads the workspace root first and the file\'s folder over it', async () => {
    const files: Record<string, string> = {
      [join('/ws', 'http-client.env.json')]: '{"dev": {"host": "root", "only": "root"}}',
      [join('/ws/api', 'http-client.env.json')]: '{"dev": {"host": "folder"}}',
      [join('/ws/api', '.env')]: 'X=1',
    };
    const { environments, problems } = await loadEnvironments({ root: '/ws', directory: '/ws/api', restClientSettings: { dev: { fromSettings: 'yes' } } }, async (path) => files[path]);
    assert.deepEqual(problems, []);
    assert.deepEqual(environments.variables('dev'), { X: '1', fromSettings: 'yes', host: 'folder', only: 'root' });
  });

  it('reads the file\'s own environment from # @env', () => {
    assert.equal(fileEnvironmentOf(parsePsreq('# @env test\nGET /a\n\n###\n# @env prod\nGET /b\n')), 'test');
    assert.equal(fileEnvironmentOf(parsePsreq('GET /a\n')), undefined);
    assert.equal(fileEnvironmentOf(parsePsreq('# header comment\n# @env dev\n\n### first\nGET /a\n')), 'dev', 'a directive above the first ### belongs to the file');
  });

  it('masks the values of secret-like names', () => {
    for (const name of ['clientSecret', 'PASSWORD', 'apiToken', 'api_key', 'passwd']) assert.ok(isSecretName(name), name);
    assert.equal(shownValue('apiToken', 'abc'), '••••••');
    assert.equal(shownValue('host', 'abc'), 'abc');
  });
});
