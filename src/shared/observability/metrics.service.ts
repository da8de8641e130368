import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a projection reports for the lag gauges; filled by the projections module at scrape time. */
export interface ProjectionLag {
  readonly name: string;
  readonly lagEvents: number;
  readonly lagSeconds: number;
}

/**
 * The service's Prometheus metrics, on a registry of its own (not prom-client's global one) so that several app
 * instances in one process, as in the tests, do not collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'onthaal_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'onthaal_event_store_append_duration_seconds',
    help: 'Latency of appends to the event store',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'onthaal_event_store_appended_events_total',
    help: 'Events appended to the event store',
    registers: [this.registry],
  });

  private lagSource: () => readonly ProjectionLag[] = () => [];
  private horizonSource: (() => Promise<number>) | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'onthaal_' });
    const lagSource = () => this.lagSource();
    new Gauge({
      name: 'onthaal_projection_lag_events',
      help: 'Events in the store not yet applied by the projection',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const lag of lagSource()) this.set({ projection: lag.name }, lag.lagEvents);
      },
    });
    new Gauge({
      name: 'onthaal_projection_lag_seconds',
      help: 'Age of the oldest event not yet applied by the projection',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const lag of lagSource()) this.set({ projection: lag.name }, lag.lagSeconds);
      },
    });
  }

  reportHorizonHeld(source: () => Promise<number>): void {
    if (this.horizonSource === undefined) {
      const horizonSource = () => this.horizonSource?.() ?? Promise.resolve(0);
      new Gauge({
        name: 'onthaal_event_store_horizon_held_seconds',
        help: 'PostgreSQL event store: how long the oldest transaction holding a transaction id on the server has held back event delivery',
        registers: [this.registry],
        async collect() {
          this.set(await horizonSource());
        },
      });
    }
    this.horizonSource = source;
  }

  reportProjectionLag(source: () => readonly ProjectionLag[]): void {
    this.lagSource = source;
  }
}
