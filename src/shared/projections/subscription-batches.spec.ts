import type { Position, RecordedEvent, SubscriptionMessage } from '../event-store';
import { SubscriptionBatcher } from './subscription-batches';

const limits = { maxEvents: 3, maxMessages: 10 };

function event(n: number): SubscriptionMessage {
  const recorded: RecordedEvent = {
    streamId: `case-${n}`,
    revision: 0n,
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'CaseOpened',
    data: {},
    metadata: {},
    position: { commit: BigInt(n), prepare: BigInt(n) },
    created: new Date(0),
  };
  return { kind: 'event', event: recorded };
}

const checkpoint = (n: number): SubscriptionMessage => ({ kind: 'checkpoint', position: at(n) });
const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });
const idsOf = (events: readonly RecordedEvent[]) => events.map((recorded) => Number(recorded.position.prepare));

/**
 * A subscription that yields `pages`: the messages of a page are ready at once; each later page only once the test
 * calls `nextPage()`. Gates, not timers: on a busy machine a timer can fire before the batcher looks, and the pages
 * would run together.
 */
function paged(pages: SubscriptionMessage[][], failure?: Error) {
  const gates = pages.map(() => {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  });
  let released = 0;
  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    for (const [index, page] of pages.entries()) {
      if (index > 0) await gates[index]!.opened;
      for (const message of page) yield message;
    }
    if (failure) throw failure;
    await new Promise(() => undefined); // live: nothing more, ever
  }
  return {
    batcher: new SubscriptionBatcher(messages()),
    /** Lets the next page arrive, now or as soon as the subscription is read that far. */
    nextPage: () => gates[++released]?.open(),
  };
}

describe('SubscriptionBatcher', () => {
  it('takes what is ready, up to the event limit, and loses nothing between batches', async () => {
    const { batcher, nextPage } = paged([[event(1), event(2), event(3), event(4)], [event(5)]]);
    const first = await batcher.next(limits);
    const second = await batcher.next(limits);
    nextPage();
    const third = await batcher.next(limits);
    expect(idsOf(first!.events)).toEqual([1, 2, 3]);
    expect(idsOf(second!.events)).toEqual([4]);
    expect(idsOf(third!.events)).toEqual([5]);
    expect(third!.position).toEqual(at(5));
  });

  it('advances the position on checkpoint signals, with or without events', async () => {
    const { batcher, nextPage } = paged([
      [checkpoint(32), checkpoint(64)],
      [event(70), checkpoint(96)],
    ]);
    const onlyCheckpoints = await batcher.next(limits);
    expect(onlyCheckpoints!.events).toHaveLength(0);
    expect(onlyCheckpoints!.position).toEqual(at(64));
    nextPage();
    const mixed = await batcher.next(limits);
    expect(idsOf(mixed!.events)).toEqual([70]);
    expect(mixed!.position).toEqual(at(96));
  });

  it('ends a batch at caughtUp and reports the live transitions', async () => {
    const { batcher, nextPage } = paged([
      [event(1), { kind: 'caughtUp' }, event(2)],
      [{ kind: 'fellBehind' }, event(3)],
    ]);
    const catchingUp = await batcher.next(limits);
    expect(idsOf(catchingUp!.events)).toEqual([1]);
    expect(catchingUp!.live).toBe(true);
    const live = await batcher.next(limits);
    expect(idsOf(live!.events)).toEqual([2]);
    expect(live!.live).toBeUndefined();
    nextPage();
    const behind = await batcher.next(limits);
    expect(behind!.live).toBe(false);
    expect(idsOf(behind!.events)).toEqual([3]);
  });

  it('caps the messages of one batch', async () => {
    const many = Array.from({ length: 25 }, (_, index) => checkpoint(index + 1));
    const { batcher } = paged([many]);
    expect((await batcher.next(limits))!.position).toEqual(at(10));
    expect((await batcher.next(limits))!.position).toEqual(at(20));
  });

  it('hands over the events read before a failure, then throws it', async () => {
    const failure = new Error('store unavailable');
    const { batcher } = paged([[event(1), event(2)]], failure);
    expect(idsOf((await batcher.next({ maxEvents: 10, maxMessages: 10 }))!.events)).toEqual([1, 2]);
    await expect(batcher.next(limits)).rejects.toBe(failure);
    await expect(batcher.next(limits)).rejects.toBe(failure);
  });

  it('returns undefined when aborted while waiting, and still delivers the pending message afterwards', async () => {
    let release: (() => void) | undefined;
    async function* slow(): AsyncGenerator<SubscriptionMessage> {
      await new Promise<void>((resolve) => (release = resolve));
      yield event(1);
    }
    const batcher = new SubscriptionBatcher(slow());
    const controller = new AbortController();
    const waiting = batcher.next(limits, controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
    release!();
    expect(idsOf((await batcher.next(limits))!.events)).toEqual([1]);
  });

  it('returns undefined once the subscription ends', async () => {
    async function* closed(): AsyncGenerator<SubscriptionMessage> {
      await Promise.resolve();
      yield event(1);
    }
    const batcher = new SubscriptionBatcher(closed());
    expect(idsOf((await batcher.next(limits))!.events)).toEqual([1]);
    expect(await batcher.next(limits)).toBeUndefined();
  });
});
