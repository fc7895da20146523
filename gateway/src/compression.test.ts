import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { compressAnswers, COMPRESSION_THRESHOLD_BYTES } from './compression';

const LARGE = JSON.stringify({
  data: { teams: Array.from({ length: 200 }, (_, i) => ({ name: `Team ${i}` })) },
});

/** One GET, its body as sent over the wire. */
function get(url: string, encoding?: string): Promise<{ headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ headers: res.headers, bytes }));
      })
      .on('error', reject);
  });
}

describe('compression of answers', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use(compressAnswers());
    app.get('/query', (_req, res) => res.type('json').send(LARGE));
    app.get('/mutation', (_req, res) =>
      res.type('json').set('Cache-Control', 'no-store, no-transform').send(LARGE),
    );
    app.get('/small', (_req, res) => res.type('json').send('{"data":{}}'));
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends brotli or gzip as the client prefers, and the plain body to a client that asks for neither', async () => {
    const br = await get(`${url}/query`, 'gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.bytes).toBeLessThan(LARGE.length / 5);
    expect((await get(`${url}/query`, 'gzip')).headers['content-encoding']).toBe('gzip');
    const plain = await get(`${url}/query`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes).toBe(LARGE.length);
    // A shared cache must not hand that plain body to clients that asked for brotli, nor the reverse.
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect((await get(`${url}/query`, 'identity')).headers['content-encoding']).toBeUndefined();
  });

  it('leaves answers marked no-transform (mutations) and small answers as they are', async () => {
    const mutation = await get(`${url}/mutation`, 'br, gzip');
    expect(mutation.headers['content-encoding']).toBeUndefined();
    expect(mutation.bytes).toBe(LARGE.length);
    expect(LARGE.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    expect((await get(`${url}/small`, 'br, gzip')).headers['content-encoding']).toBeUndefined();
  });
});
