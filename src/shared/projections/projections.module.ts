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
import { CLOCK, type Clock } from '../domain/clock';
import { EVENT_STORE, type EventStore } from '../event-store';
import { MetricsService } from '../observability/metrics.service';
import type { ProjectionHandler } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadYourWrites } from './read-your-writes';

/** Every capability's projections, as registered with `ProjectionsModule.forRoot`. */
export const PROJECTIONS = Symbol('Projections');

/**
 * Provides the `ProjectionRunner` (inject it by class: `waitFor` for read-your-writes, `status()` for health) and
 * runs it from bootstrap to shutdown when `PROJECTIONS_ENABLED` (default true). With projections disabled, a replica
 * still answers `waitFor` and `status()` from the stored checkpoints.
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
        ReadYourWrites,
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, DataSource, MetricsService, CLOCK, PROJECTIONS],
          useFactory: (
            eventStore: EventStore,
            dataSource: DataSource,
            metrics: MetricsService,
            clock: Clock,
            registered: readonly ProjectionHandler[],
          ) => {
            const runner = new ProjectionRunner({
              eventStore,
              dataSource,
              projections: registered,
              logger: new Logger('Projections'),
              clock,
            });
            metrics.reportProjectionLag(() => runner.status());
            return runner;
          },
        },
      ],
      exports: [ProjectionRunner, PROJECTIONS, ReadYourWrites],
    };
  }

  onApplicationBootstrap(): void {
    if (this.config.projectionsEnabled) this.runner.start();
  }

  /** Before the database closes (its module ends in `onApplicationShutdown`): the batch in flight commits first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
