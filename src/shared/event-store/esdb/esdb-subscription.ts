import type { AllStreamResolvedEvent, AllStreamSubscription, Filter } from './esdb-client';
import { EventStoreUnavailable } from '../event-store.errors';
import type { Position, Subscription, SubscriptionMessage } from '../event-store.port';
import { toPortError, toRecordedEvent } from './esdb-mapping';

export interface EsdbSubscriptionSettings {
  /** Messages queued for the consumer before the client stream is paused (and the server held back). */
  readonly bufferSize: number;
}

/** Opens the client subscription; the callback receives the server's checkpoints when they are to be trusted. */
export type OpenSubscription = (checkpointReached: Filter['checkpointReached']) => AllStreamSubscription;

/**
 * The port's subscription over a client catch-up subscription to `$all`.
 *
 * Ordering: the client pushes events through a stream buffer but reports `caughtUp`, `fellBehind` and
 * checkpoints as they are parsed, possibly while events that came before them still sit in that buffer. A
 * checkpoint delivered ahead of its events would let a consumer store a position past events it never saw. So
 * each marker remembers how many events were buffered when it arrived and is queued right after the last of them.
 *
 * Back-pressure: the consumer pulls with `for await`; once `bufferSize` messages wait, the client stream is paused,
 * which stops reading from the connection and lets gRPC flow control hold the server back.
 *
 * A dropped subscription (server gone, connection lost, server error) ends the iteration with
 * `EventStoreUnavailable` after the messages already queued; the consumer resubscribes from its checkpoint.
 */
export class EsdbSubscription implements Subscription {
  private readonly queue: SubscriptionMessage[] = [];
  private readonly deferred: { message: SubscriptionMessage; eventsBefore: number }[] = [];
  private readonly source: AllStreamSubscription;
  private failure: EventStoreUnavailable | undefined;
  private ended = false;
  private paused = false;
  private waiters: (() => void)[] = [];
  private closing: Promise<void> | undefined;

  constructor(
    open: OpenSubscription,
    private readonly settings: EsdbSubscriptionSettings,
    private readonly onClosed: (subscription: EsdbSubscription) => void = () => undefined,
  ) {
    this.source = open((_subscription, position) => this.onMarker({ kind: 'checkpoint', position: copy(position) }));
    this.source.on('data', (resolved: AllStreamResolvedEvent) => this.onEvent(resolved));
    this.source.on('caughtUp', () => this.onMarker({ kind: 'caughtUp' }));
    this.source.on('fellBehind', () => this.onMarker({ kind: 'fellBehind' }));
    this.source.on('error', (error: Error) => this.onDropped(error));
    this.source.on('end', () => this.onDropped(undefined));
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.ended = true;
      this.queue.length = 0;
      this.deferred.length = 0;
      this.wakeUp();
      this.onClosed(this);
      // Cancelling a call that never got a connection rejects; there is nothing left to release then.
      await this.source.unsubscribe().catch(() => undefined);
    })();
    return this.closing;
  }

  private async next(): Promise<IteratorResult<SubscriptionMessage>> {
    for (;;) {
      if (this.ended) return { done: true, value: undefined };
      const message = this.queue.shift();
      if (message) {
        if (this.paused && this.queue.length <= this.settings.bufferSize / 2) {
          this.paused = false;
          this.source.resume();
        }
        return { done: false, value: message };
      }
      if (this.failure) {
        this.ended = true;
        this.onClosed(this);
        throw this.failure;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private onEvent(resolved: AllStreamResolvedEvent): void {
    if (this.ended || this.failure) return;
    const event = resolved.event;
    // System events are never delivered, whatever the filter let through (a stream-name filter cannot exclude them).
    if (event && !event.type.startsWith('$')) {
      try {
        this.enqueue({ kind: 'event', event: toRecordedEvent(event, resolved.commitPosition) });
      } catch (error) {
        this.onDropped(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
    for (const marker of this.deferred) marker.eventsBefore -= 1;
    while (this.deferred[0] && this.deferred[0].eventsBefore <= 0) this.enqueue(this.deferred.shift()!.message);
  }

  private onMarker(message: SubscriptionMessage): void {
    if (this.ended || this.failure) return;
    const eventsBefore = this.source.readableLength;
    if (eventsBefore > 0) {
      this.deferred.push({ message, eventsBefore });
      return;
    }
    // Nothing buffered: every event before this marker has been queued, and so every earlier marker is due.
    while (this.deferred.length > 0) this.enqueue(this.deferred.shift()!.message);
    this.enqueue(message);
  }

  private onDropped(error: Error | undefined): void {
    if (this.ended || this.failure) return;
    const mapped = error === undefined ? undefined : toPortError(error);
    this.failure =
      mapped instanceof EventStoreUnavailable
        ? mapped
        : new EventStoreUnavailable(`subscription to $all dropped: ${error?.message ?? 'ended by the server'}`, {
            cause: error,
          });
    this.deferred.length = 0;
    void this.source.unsubscribe().catch(() => undefined);
    this.wakeUp();
  }

  private enqueue(message: SubscriptionMessage): void {
    this.queue.push(message);
    if (!this.paused && this.queue.length >= this.settings.bufferSize) {
      this.paused = true;
      this.source.pause();
    }
    this.wakeUp();
  }

  private wakeUp(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function copy(position: Position): Position {
  return { commit: position.commit, prepare: position.prepare };
}
