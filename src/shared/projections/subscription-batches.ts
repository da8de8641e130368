import type { Position, RecordedEvent, SubscriptionMessage } from '../event-store';
import { comparePositions } from '../event-store';

/** What the runner commits in one transaction. */
export interface SubscriptionBatch {
  readonly events: RecordedEvent[];
  /** The furthest position scanned: the last event's, or a later checkpoint signal's. */
  readonly position?: Position;
  /**
   * Whether the subscription is live at the end of this batch: `true` after a `caughtUp`, `false` after a
   * `fellBehind`, `undefined` when neither arrived.
   */
  readonly live?: boolean;
}

export interface BatchLimits {
  /** At most this many events per batch. */
  readonly maxEvents: number;
  /**
   * At most this many messages of any kind: checkpoint signals of a filtered subscription that scans a long region
   * of other events are folded into one commit, but not without end.
   */
  readonly maxMessages: number;
}

const NOT_READY = Symbol('not ready');

/**
 * Cuts a subscription into batches: waits for the first message, then takes whatever the subscription has ready
 * without waiting (a message not ready within one turn of the event loop ends the batch), up to the limits. A
 * catch-up read thus yields full batches, and a live subscription commits each event as it comes.
 */
export class SubscriptionBatcher {
  private readonly iterator: AsyncIterator<SubscriptionMessage>;
  private pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;
  private failure: { error: unknown } | undefined;
  private ended = false;

  constructor(messages: AsyncIterable<SubscriptionMessage>) {
    this.iterator = messages[Symbol.asyncIterator]();
  }

  /**
   * The next batch, or `undefined` when the subscription ended or `signal` aborted before any message arrived. A
   * subscription that throws after some messages first yields them; the error comes with the next call.
   */
  async next(limits: BatchLimits, signal?: AbortSignal): Promise<SubscriptionBatch | undefined> {
    if (this.failure) throw this.failure.error;
    if (this.ended) return undefined;

    const first = await this.take(signal);
    if (first === undefined) return undefined;

    const events: RecordedEvent[] = [];
    let position: Position | undefined;
    let live: boolean | undefined;
    let messages = 0;
    let message: SubscriptionMessage | typeof NOT_READY | undefined = first;

    while (message !== undefined && message !== NOT_READY) {
      messages += 1;
      switch (message.kind) {
        case 'event':
          events.push(message.event);
          position = later(position, message.event.position);
          break;
        case 'checkpoint':
          position = later(position, message.position);
          break;
        case 'caughtUp':
          live = true;
          break;
        case 'fellBehind':
          live = false;
          break;
      }
      // A `caughtUp` ends the batch so that the runner records the transition at once.
      if (message.kind === 'caughtUp' || events.length >= limits.maxEvents || messages >= limits.maxMessages) break;
      message = await this.takeIfReady();
    }
    return { events, position, live };
  }

  /** Waits for one message; `undefined` on end, abort or failure (the failure is kept for the next call). */
  private async take(signal?: AbortSignal): Promise<SubscriptionMessage | undefined> {
    if (signal?.aborted) return undefined;
    const result = this.advance();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<typeof NOT_READY>((resolve) => {
      onAbort = () => resolve(NOT_READY);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const outcome = await Promise.race([result, aborted]);
      return outcome === NOT_READY ? undefined : this.settle(outcome);
    } catch (error) {
      this.pending = undefined;
      this.failure = { error };
      throw error;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A message if one is ready within this turn of the event loop; NOT_READY otherwise. */
  private async takeIfReady(): Promise<SubscriptionMessage | typeof NOT_READY | undefined> {
    const result = this.advance();
    const notReady = new Promise<typeof NOT_READY>((resolve) => setImmediate(() => resolve(NOT_READY)));
    try {
      const outcome = await Promise.race([result, notReady]);
      return outcome === NOT_READY ? NOT_READY : this.settle(outcome);
    } catch (error) {
      // Hand over what was gathered; the error surfaces on the next call.
      this.pending = undefined;
      this.failure = { error };
      return undefined;
    }
  }

  /** The pending `next()` of the iterator, kept across calls so that no message is ever lost to a race. */
  private advance(): Promise<IteratorResult<SubscriptionMessage>> {
    this.pending ??= this.iterator.next();
    return this.pending;
  }

  private settle(result: IteratorResult<SubscriptionMessage>): SubscriptionMessage | undefined {
    this.pending = undefined;
    if (result.done) {
      this.ended = true;
      return undefined;
    }
    return result.value;
  }
}

function later(current: Position | undefined, candidate: Position): Position {
  return current === undefined || comparePositions(candidate, current) > 0 ? candidate : current;
}
