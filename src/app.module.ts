import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { CommandsModule } from './shared/commands/commands.module';
import { AuthModule } from './shared/auth/auth.module';
import { DatabaseModule } from './shared/database/database.module';
import { EventStoreModule } from './shared/event-store/event-store.module';
import { ObservabilityModule } from './shared/observability/observability.module';
import { ProjectionsModule } from './shared/projections/projections.module';
import { CLOCK, type Clock, systemClock } from './shared/domain/clock';
import { AnswerInterceptor } from './shared/http/answer';
import { capabilities } from './capabilities';
import { ORGANISATION_REGISTRY } from './shared/auth/organisation-registry';
import { RegisteredOrganisations } from './partners';

/** The composition root: shared infrastructure plus every capability's module, migrations and projections. */
@Module({})
export class AppModule {
  /**
   * `extraModules`: for tests that need an endpoint of their own (a probe) inside the real app. `clock`: for tests
   * that move time (a deadline passing); the system clock otherwise.
   */
  static forRoot(config: AppConfig, extraModules: readonly Type[] = [], clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        ObservabilityModule,
        AuthModule,
        DatabaseModule.forRoot({
          migrations: capabilities.flatMap((capability) => capability.migrations),
          entities: capabilities.flatMap((capability) => capability.entities),
        }),
        EventStoreModule,
        CommandsModule,
        ProjectionsModule.forRoot(capabilities.flatMap((capability) => capability.projections)),
        ...capabilities.map((capability) => capability.module),
        ...extraModules,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        // The guard refuses tokens of organisations nobody registered; partners knows which are (docs/adr/0031).
        { provide: ORGANISATION_REGISTRY, useExisting: RegisteredOrganisations },
        // Every endpoint's `Answer` becomes headers and body the same way (docs/architecture.md).
        { provide: APP_INTERCEPTOR, useClass: AnswerInterceptor },
      ],
      exports: [APP_CONFIG, CLOCK, ORGANISATION_REGISTRY],
    };
  }
}
