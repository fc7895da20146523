/**
 * The gateway's reading of an internal event stream, against a real HTTP server writing server-sent events the
 * ways the format allows: CRLF or LF line endings, comments, an event's data over several lines, an event
 * split across writes, and data that is not JSON.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@meridian/kit/log';
import { EventStream } from './events';

async function streamWriting(
  chunks: readonly string[],
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    void (async () => {
      for (const chunk of chunks) {
        res.write(chunk);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('reads every event the format allows, in order, and passes data that is not JSON on as text', async () => {
  const feed = await streamWriting([
    ': connected\n\n',
    'data: {"kind":"revoked","keyId":"key_1"}\r\n\r\n',
    'data: {"kind":\n',
    'data: "suspended"}\n\n',
    ': still here\n\ndata: {"kind":"plan-',
    'changed"}\n\n',
    'data: not json\n\n',
  ]);
  const seen: unknown[] = [];
  const stream = new EventStream({
    url: feed.url,
    internalToken: 'internal',
    logger: createLogger('test', 'silent'),
    onEvent: (data) => seen.push(data),
  });
  try {
    stream.start();
    await stream.connected;
    const deadline = Date.now() + 5_000;
    while (seen.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([
      { kind: 'revoked', keyId: 'key_1' },
      { kind: 'suspended' },
      { kind: 'plan-changed' },
      'not json',
    ]);
  } finally {
    stream.close();
    await feed.close();
  }
});
