import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store';
import { MetricsService } from '../observability/metrics.service';
import type { ProjectionHandler } from './projection';
import { ProjectionRunner } from './projection-runner';

/** Every projection of the app, as the composition root lists them (the rebuild CLI reads the same list). */
export const PROJECTIONS = Symbol('Projections');

/**
 * Runs the app's projections in this process (unless `PROJECTIONS_ENABLED=false`), reports their lag as metrics, and
 * stops them after in-flight HTTP requests, before the database closes.
 */
@Global()
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot(projections: readonly ProjectionHandler[]): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [
        { provide: PROJECTIONS, useValue: projections },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, DataSource, MetricsService],
          useFactory: (eventStore: EventStore, dataSource: DataSource, metrics: MetricsService) => {
            const runner = new ProjectionRunner({
              eventStore,
              dataSource,
              projections,
              logger: new Logger('Projections'),
            });
            metrics.reportProjectionLag(() => runner.status());
            return runner;
          },
        },
      ],
      exports: [PROJECTIONS, ProjectionRunner],
    };
  }

  onApplicationBootstrap(): void {
    if (this.config.projectionsEnabled) this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
