/**
 * The `series` prober of the sustained part, in a thread of its own: a dashboard asking every
 * `everyMs` is another client than the one sending 40 MB a second, so its timings must not include
 * the sender's event loop (which stalls for hundreds of milliseconds while a 40 MB body goes out).
 * Posts each latency, in milliseconds, as it is measured, and null once told to stop. Signed principals
 * last a minute: the benchmark sends a fresh one (`ProbeMessage`) more often than that.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { timedPost } from './timed';

export interface ProbeData {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly everyMs: number;
}

/** Headers to send from now on (a fresh principal), or `stop`. */
export type ProbeMessage = 'stop' | Readonly<Record<string, string>>;

const { url, body, everyMs } = workerData as ProbeData;
let { headers } = workerData as ProbeData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let running = true;
parentPort!.on('message', (message: ProbeMessage) => {
  if (message === 'stop') running = false;
  else headers = message;
});

void (async () => {
  while (running) {
    parentPort!.postMessage(await timedPost(target, agent, headers, body));
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  agent.destroy();
  parentPort!.postMessage(null);
})();
