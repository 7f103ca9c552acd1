import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sandboxCommand } from '../../../src/cli/commands/sandbox';
import { dispatch } from '../../../src/cli/dispatch';

function capture() {
  const stream = new PassThrough();
  let text = '';
  const waiters: (() => void)[] = [];
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    stream,
    text: () => text,
    async until(pattern: RegExp): Promise<RegExpExecArray> {
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
  };
}

function start(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = capture();
  const stderr = capture();
  const interrupt = new AbortController();
  const exit = dispatch([sandboxCommand], { argv: ['sandbox', ...argv], stdout: stdout.stream, stderr: stderr.stream, env, cwd: process.cwd(), signal: interrupt.signal });
  return { stdout, stderr, interrupt, exit };
}

describe('psdev sandbox', () => {
  it('prints the URL and credentials, serves requests, logs them, and stops on the abort signal', async () => {
    const run = start(['--port', '0', '--students', '30', '--schools', '2', '--client-id', 'cid', '--client-secret', 'sec']);
    const [, url] = await run.stdout.until(/^PowerSchool sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
    assert.match(run.stdout.text(), /\nclient id: cid\nclient secret: sec\n/);
    const token = await fetch(`${url}/oauth/access_token`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('cid:sec').toString('base64')}` }, body: 'grant_type=client_credentials' });
    const { access_token } = (await token.json()) as { access_token: string };
    const count = await fetch(`${url}/ws/v1/district/student/count`, { headers: { Authorization: `Bearer ${access_token}` } });
    assert.deepEqual(await count.json(), { resource: { count: 30 } });
    await run.stdout.until(/GET \/ws\/v1\/district\/student\/count 200/);
    assert.doesNotMatch(run.stdout.text().split('client secret')[1]!.split('\n').slice(1).join('\n'), /sec\b|access_token=/, 'the request log holds no secret or token');
    run.interrupt.abort();
    assert.equal(await run.exit, 0);
    assert.match(run.stdout.text(), /sandbox stopped\n$/);
    await assert.rejects(fetch(`${url}/ws/v1/time`));
  });

  it('prints the default credentials', async () => {
    const run = start(['--students', '5']);
    await run.stdout.until(/client secret: .+\n/);
    assert.match(run.stdout.text(), /client id: psdev-sandbox-client\nclient secret: psdev-sandbox-secret\n/);
    run.interrupt.abort();
    assert.equal(await run.exit, 0);
  });

  it('rejects bad options with a one-line usage error (exit 2)', async () => {
    for (const argv of [['--port', 'abc'], ['--students', '-1'], ['--fault', 'teapot:every=2'], ['--fault', '429:every=0'], ['--catalog', 'huge'], ['--bogus']]) {
      const run = start(argv);
      assert.equal(await run.exit, 2, argv.join(' '));
      assert.match(run.stderr.text(), /^psdev: .+\n$/);
    }
  });

  it('says on stderr, even with --quiet, that a data file in a folder it cannot create refuses writes (500)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psdev-cli-data-'));
    try {
      writeFileSync(join(dir, 'plain-file'), '');
      // A folder below a regular file can never be created, whoever runs the test (root included).
      const run = start(['--quiet', '--students', '5', '--data', join(dir, 'plain-file', 'district.sqlite')]);
      const [, url] = await Promise.race([
        run.stdout.until(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/),
        run.exit.then((code) => assert.fail(`exited ${code}: ${run.stderr.text()}`)),
      ]);
      assert.match(run.stderr.text(), /^psdev sandbox: .*plain-file/m);
      const token = await fetch(`${url}/oauth/access_token`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('psdev-sandbox-client:psdev-sandbox-secret').toString('base64')}` }, body: 'grant_type=client_credentials' });
      const { access_token } = (await token.json()) as { access_token: string };
      const write = await fetch(`${url}/ws/schema/table/u_studentsuserfields/5001`, { method: 'PUT', headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ tables: { u_studentsuserfields: { father_name: 'X' } } }) });
      assert.equal(write.status, 500);
      assert.match(((await write.json()) as { message: string }).message, /could not be saved/);
      await run.stderr.until(/write was refused/);
      assert.doesNotMatch(run.stdout.text(), /PUT \//, '--quiet keeps the request log off');
      run.interrupt.abort();
      assert.equal(await run.exit, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--plugin DIR runs as the plugin.xml in DIR; a malformed one is a usage error naming file:line:column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psdev-plugin-'));
    try {
      writeFileSync(join(dir, 'plugin.xml'), '<plugin xmlns="http://plugin.powerschool.pearson.com" name="Narrow" version="2.1" description="d">\n  <oauth/>\n  <access_request><field table="STUDENTS" field="DCID" access="ViewOnly"/></access_request>\n</plugin>');
      const run = start(['--students', '5', '--plugin', dir]);
      const [, url] = await run.stdout.until(/^PowerSchool sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      await run.stdout.until(/plugin: Narrow 2\.1 \(1 field grant\(s\), accessLevelV1Api none\)\n/);
      const token = await fetch(`${url}/oauth/access_token`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('psdev-sandbox-client:psdev-sandbox-secret').toString('base64')}` }, body: 'grant_type=client_credentials' });
      const { access_token } = (await token.json()) as { access_token: string };
      const refused = await fetch(`${url}/ws/schema/table/students?projection=dcid,lastfirst`, { headers: { Authorization: `Bearer ${access_token}` } });
      assert.equal(refused.status, 403);
      assert.equal((await fetch(`${url}/ws/v1/district`, { headers: { Authorization: `Bearer ${access_token}` } })).status, 401);
      run.interrupt.abort();
      assert.equal(await run.exit, 0);

      writeFileSync(join(dir, 'plugin.xml'), '<plugin name="Narrow" version="2.1">\n  <oauth>\n</plugin>');
      const bad = start(['--plugin', dir]);
      assert.equal(await bad.exit, 2);
      assert.equal(bad.stderr.text(), `psdev: --plugin: ${join(dir, 'plugin.xml')}:3:9: error: </plugin> does not close <oauth> opened at 2:3: close <oauth> first (or write it <oauth/>) (the file is not well-formed XML; PowerSchool refuses the plugin) [malformed-xml]\n`);
      const missing = start(['--plugin', join(dir, 'nope')]);
      assert.equal(await missing.exit, 2);
      assert.match(missing.stderr.text(), /^psdev: --plugin: cannot read .*nope\/plugin\.xml: ENOENT\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--plugin DIR repeated installs each plugin with its own client id and secret, printed after the default ones', async () => {
    const example = join(process.cwd(), 'examples', 'plugin');
    const run = start(['--students', '5', '--quiet', '--plugin', example, '--plugin', example]);
    const [, url] = await run.stdout.until(/^PowerSchool sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
    const [, firstId, firstSecret, secondId] = await run.stdout.until(/plugin Roster Export 1\.2\.0:\nclient id: (\S+)\nclient secret: (\S+)\nplugin Roster Export 1\.2\.0:\nclient id: (\S+)\nclient secret: \S+\n/);
    assert.equal(firstId, 'psdev-plugin-roster-export');
    assert.equal(secondId, 'psdev-plugin-roster-export-2');
    assert.match(run.stdout.text(), /^PowerSchool sandbox listening on \S+\nclient id: psdev-sandbox-client\nclient secret: psdev-sandbox-secret\n/);
    const token = await fetch(`${url}/oauth/access_token`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${firstId}:${firstSecret}`).toString('base64')}` }, body: 'grant_type=client_credentials' });
    const { access_token } = (await token.json()) as { access_token: string };
    const answer = await fetch(`${url}/ws/schema/query/com.example.roster.students.active/count`, { method: 'POST', headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' }, body: '{"schoolid":"100"}' });
    assert.equal(answer.status, 200);
    run.interrupt.abort();
    assert.equal(await run.exit, 0);
  });

  it('starts a district it generated before from the user\'s district cache, and says so; --no-cache generates it', async function () {
    this.timeout(60_000);
    if (process.platform !== 'linux') this.skip(); // XDG_CACHE_HOME names the user's cache folder on Linux only
    const cacheHome = mkdtempSync(join(tmpdir(), 'psdev-cli-cache-'));
    const startLine = async (argv: string[]) => {
      // 20,000 students: the smallest district the cache keeps.
      const run = start(['--quiet', '--students', '20000', '--schools', '2', ...argv], { XDG_CACHE_HOME: cacheHome });
      const [line] = await run.stdout.until(/\(started in .+\)\n/);
      run.interrupt.abort();
      assert.equal(await run.exit, 0);
      return line;
    };
    try {
      assert.match(await startLine([]), /^\(started in \d+ ms; Ctrl\+C to stop\)$/m);
      assert.equal(readdirSync(join(cacheHome, 'powerschool-devtools', 'districts')).filter((name) => name.endsWith('.sqlite')).length, 1);
      assert.match(await startLine([]), /^\(started in \d+ ms, district from the cache; Ctrl\+C to stop\)$/m);
      assert.match(await startLine(['--no-cache']), /^\(started in \d+ ms; Ctrl\+C to stop\)$/m);
      assert.match(await startLine(['--seed', '2']), /^\(started in \d+ ms; Ctrl\+C to stop\)$/m);
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  it('documents every option in --help', async () => {
    const run = start(['--help']);
    assert.equal(await run.exit, 0);
    for (const option of ['--port', '--seed', '--schools', '--students', '--latency', '--fault', '--data', '--client-id', '--client-secret', '--catalog', '--plugin', '--no-cache']) {
      assert.ok(run.stdout.text().includes(option), option);
    }
  });
});
