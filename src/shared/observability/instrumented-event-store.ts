import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store';
import type { MetricsService } from './metrics.service';

/** Measures appends on any adapter, so that both stores report the same metrics. */
export class InstrumentedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: MetricsService,
  ) {}

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions): Promise<AppendResult> {
    const stop = this.metrics.appendDuration.startTimer();
    try {
      const result = await this.inner.appendToStream(streamId, events, options);
      stop({ outcome: 'ok' });
      this.metrics.appendedEvents.inc(events.length);
      return result;
    } catch (error) {
      stop({ outcome: (error as { code?: string }).code ?? 'error' });
      throw error;
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
