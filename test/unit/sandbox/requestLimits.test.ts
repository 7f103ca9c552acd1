import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { startTestSandbox, type TestSandbox } from './harness';

/** Sends only the head of a request and resolves with the status line the server answers before any body arrives. */
function statusBeforeBody(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer before the body was sent'));
    }, 2000);
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received.split('\r\n')[0]!);
      }
    });
    socket.on('error', reject);
  });
}

function getWithHost(port: number, path: string, host: string, token?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: host, ...(token ? { Authorization: `Bearer ${token}` } : {}) } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sandbox request limits', () => {
  let t: TestSandbox;
  before(async () => (t = await startTestSandbox()));
  after(() => t.sandbox.close());

  it('answers a page number beyond any page with 400, on v1, schema tables and PowerQueries', async () => {
    const huge = '99999999999999999999999';
    for (const response of [
      await t.get(`/ws/v1/district/student?page=${huge}`),
      await t.get(`/ws/schema/table/students?projection=dcid&page=${huge}`),
      await t.send('POST', `/ws/schema/query/com.pearson.core.student.student_dcid_id_map?page=${huge}`, {}),
    ]) {
      assert.equal(response.status, 400, response.text);
      assert.match(response.body.message, /page must be at most 2147483647/);
    }
    assert.equal((await t.get('/ws/v1/district/student?page=2147483647')).status, 200, 'the largest page is an empty page');
  });

  it('answers a q with thousands of values with 400 naming the limit', async () => {
    const ids = Array.from({ length: 2000 }, (_, index) => index).join(',');
    const response = await t.get(`/ws/v1/district/student?q=id==(${ids})`);
    assert.equal(response.status, 400, response.text);
    assert.match(response.body.message, /more than 500 values/);
    assert.equal((await t.get(`/ws/v1/district/student/count?q=id==(${Array.from({ length: 500 }, (_, index) => index).join(',')})`)).status, 200);
  });

  it('answers a student body nested 10,000 deep with 400', async () => {
    const depth = 10_000;
    const name = `${'{"last_name":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const response = await t.send('POST', '/ws/v1/student', `{"students":{"student":{"client_uid":"1","action":"INSERT","name":${name}}}}`);
    assert.equal(response.status, 400, response.text);
    assert.match(response.body.message, /nested deeper than 64 levels/);
  });

  it('refuses unauthenticated and oversized uploads before reading their bodies', async () => {
    const port = t.sandbox.port;
    const upload = (path: string, authorization: string, length: number) => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${authorization}Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    assert.match(await statusBeforeBody(port, upload('/ws/v1/student', '', 15_000_000)), /^HTTP\/1\.1 401/);
    assert.match(await statusBeforeBody(port, upload('/ws/schema/table/u_studentsuserfields', 'Authorization: Bearer not-a-token\r\n', 15_000_000)), /^HTTP\/1\.1 401/);
    assert.match(await statusBeforeBody(port, upload('/oauth/access_token', 'Authorization: Basic eDp5\r\n', 15_000_000)), /^HTTP\/1\.1 401/);
    assert.match(await statusBeforeBody(port, upload('/ws/v1/student', `Authorization: Bearer ${await t.token()}\r\n`, 17_000_000)), /^HTTP\/1\.1 413/);
  });

  it('caps concurrent connections', async () => {
    // The token first: a connection opened while the flood's closes are still arriving can be the one dropped.
    await t.token();
    const sockets: Socket[] = [];
    let closedByServer = 0;
    try {
      await Promise.all(Array.from({ length: 80 }, () => new Promise<void>((resolve) => {
        const socket = connect(t.sandbox.port, '127.0.0.1', () => resolve());
        socket.on('close', () => closedByServer++);
        socket.on('error', () => resolve());
        sockets.push(socket);
      })));
      // The server drops what is over its cap as it accepts them: on a loaded machine that takes a while.
      for (let waited = 0; closedByServer < 16 && waited < 10_000; waited += 50) await new Promise((wake) => setTimeout(wake, 50));
      assert.ok(closedByServer >= 16, `${closedByServer} of 80 connections dropped`);
    } finally {
      sockets.forEach((socket) => socket.destroy());
    }
    assert.equal((await t.get('/ws/v1/district/student/count')).status, 200, 'serves again once they are gone');
  });

  it('answers only loopback Host names (DNS rebinding) and builds ref URLs from them', async () => {
    const port = t.sandbox.port;
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', '10.0.0.1', `[::2]:${port}`, '127.0.0.300']) {
      const response = await getWithHost(port, '/ws/v1/time', host);
      assert.equal(response.status, 421, host);
      assert.match(response.body.message, /not a loopback name/);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `127.0.0.2:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      assert.equal((await getWithHost(port, '/ws/v1/time', host)).status, 200, host);
    }
    const token = await t.token();
    const write = await new Promise<any>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/ws/schema/table/u_studentsuserfields/5002', method: 'PUT', headers: { Host: `localhost:${port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ tables: { u_studentsuserfields: { father_name: 'Ref' } } }));
    });
    assert.equal(write.result[0].success_message.ref, `http://localhost:${port}/ws/schema/table/u_studentsuserfields/5002`);
  });
});
