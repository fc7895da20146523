/**
 * One POST of a GraphQL body, timed from the request to the end of the answer: the `series` measure of the
 * benchmark's own thread and of its prober thread (probe.ts). Rejects on any status but 200.
 */
import http from 'node:http';

export function timedPost(
  target: URL,
  agent: http.Agent,
  headers: Readonly<Record<string, string>>,
  body: string,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        if (response.statusCode !== 200) reject(new Error(`series answered ${response.statusCode}`));
        response.resume();
        response.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
