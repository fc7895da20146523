import { serializePayload, Subscriber, type SubscriberSocket } from './subscriber';

const BOUND = 1_000;

/** A socket whose send buffer the test fills and drains; what is written is kept as parsed messages. */
class RecordingSocket implements SubscriberSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly messages: { id: string; type: string; payload: Record<string, unknown> }[] = [];
  readonly binary: boolean[] = [];

  send(data: Buffer, options: { binary: boolean }): void {
    this.messages.push(JSON.parse(data.toString()));
    this.binary.push(options.binary);
  }
}

function subscriber(droppable: boolean, id = 'sub-1') {
  const socket = new RecordingSocket();
  const ended: Subscriber[] = [];
  const created = new Subscriber({
    id,
    socket,
    maxBufferedBytes: BOUND,
    droppable,
    onEnd: (s) => ended.push(s),
  });
  return { created, socket, ended };
}

const event = (n: number) => serializePayload({ data: { n } });

describe('a client subscription', () => {
  it('writes each event as a graphql-ws next message with its own id around the shared payload', () => {
    const { created, socket } = subscriber(false, 'a "quoted" id');
    for (const n of [1, 2, 3]) created.send(event(n));
    expect(socket.messages).toEqual(
      [1, 2, 3].map((n) => ({ id: 'a "quoted" id', type: 'next', payload: { data: { n } } })),
    );
    expect(socket.binary).toEqual([false, false, false]);
    expect(created.delivered).toBe(3);
  });

  it('skips frames of a droppable stream while the socket is over its bound and then says how many', () => {
    const { created, socket, ended } = subscriber(true);
    created.send(event(1));
    socket.bufferedAmount = BOUND + 1;
    for (let n = 2; n <= 5; n++) created.send(event(n));
    socket.bufferedAmount = 0;
    created.send(event(6));
    created.send(event(7));
    expect(socket.messages.map((m) => m.payload)).toEqual([
      { data: { n: 1 } },
      { data: { n: 6 }, extensions: { skipped: 4 } },
      { data: { n: 7 }, extensions: { skipped: 4 } },
    ]);
    expect(ended).toEqual([]);
  });

  it('ends a stream that must not lose events with SUBSCRIPTION_OVERFLOW when the client falls behind', async () => {
    const { created, socket, ended } = subscriber(false);
    created.send(event(1));
    socket.bufferedAmount = BOUND + 1;
    created.send(event(2));
    created.send(event(3));
    expect(ended).toEqual([created]);
    expect(socket.messages).toHaveLength(2);
    const last = socket.messages[1]!.payload as { errors: { extensions: { code: string } }[] };
    expect(last.errors[0]!.extensions.code).toBe('SUBSCRIPTION_OVERFLOW');
    expect((await created.next()).done).toBe(true);
  });

  it('writes nothing to a socket that is closing', () => {
    const { created, socket } = subscriber(false);
    socket.readyState = 2;
    created.send(event(1));
    expect(socket.messages).toEqual([]);
  });

  it('ends the iteration graphql-ws waits on, and tells its owner once, when the client leaves', async () => {
    const { created, ended } = subscriber(true);
    const waiting = created.next();
    await created.return();
    await created.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(ended).toEqual([created]);
  });
});
