import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { CommandsModule } from './shared/commands/commands.module';
import { DatabaseModule } from './shared/database/database.module';
import { EventStoreModule } from './shared/event-store/event-store.module';
import { ObservabilityModule } from './shared/observability/observability.module';
import { ProjectionsModule } from './shared/projections/projections.module';
import { CLOCK, systemClock } from './shared/domain/clock';
import { capabilities } from './capabilities';

/** The composition root: shared infrastructure plus every capability's module, migrations and projections. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        ObservabilityModule,
        DatabaseModule.forRoot({
          migrations: capabilities.flatMap((capability) => capability.migrations),
          entities: capabilities.flatMap((capability) => capability.entities),
        }),
        EventStoreModule,
        CommandsModule,
        ProjectionsModule.forRoot(capabilities.flatMap((capability) => capability.projections)),
        ...capabilities.map((capability) => capability.module),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
