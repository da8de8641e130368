import { type BeforeApplicationShutdown, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventStoreUnavailable } from '../shared/event-store';
import { describeErrorForLog } from '../shared/observability/logging';
import { ProjectionRunner } from '../shared/projections';
import { AddCatalogueRightController } from './add-catalogue-right/add-catalogue-right.controller';
import { AddCatalogueRightHandler } from './add-catalogue-right/add-catalogue-right.handler';
import { AddCoFundingAgreementController } from './add-co-funding-agreement/add-co-funding-agreement.controller';
import { AddCoFundingAgreementHandler } from './add-co-funding-agreement/add-co-funding-agreement.handler';
import { AddRatePeriodController } from './add-rate-period/add-rate-period.controller';
import { AddRatePeriodHandler } from './add-rate-period/add-rate-period.handler';
import { CalculateContributionsController } from './calculate-contributions/calculate-contributions.controller';
import { CalculateContributionsHandler } from './calculate-contributions/calculate-contributions.handler';
import { ChangeCatalogueRightController } from './change-catalogue-right/change-catalogue-right.controller';
import { ChangeCatalogueRightHandler } from './change-catalogue-right/change-catalogue-right.handler';
import { ChangeMunicipalityController } from './change-municipality/change-municipality.controller';
import { ChangeMunicipalityHandler } from './change-municipality/change-municipality.handler';
import { ChangeOrganisationController } from './change-organisation/change-organisation.controller';
import { ChangeOrganisationHandler } from './change-organisation/change-organisation.handler';
import { MunicipalityLookup } from './common/municipality-lookup';
import { PartnerStreams } from './common/partner-streams';
import { ContributionScheduleReadModel } from './contribution-schedule/contribution-schedule.read-model';
import { CorrectPopulationController } from './correct-population/correct-population.controller';
import { CorrectPopulationHandler } from './correct-population/correct-population.handler';
import { DeactivateOrganisationController } from './deactivate-organisation/deactivate-organisation.controller';
import { DeactivateOrganisationHandler } from './deactivate-organisation/deactivate-organisation.handler';
import { EndCoFundingAgreementController } from './end-co-funding-agreement/end-co-funding-agreement.controller';
import { EndCoFundingAgreementHandler } from './end-co-funding-agreement/end-co-funding-agreement.handler';
import { EndRatePeriodController } from './end-rate-period/end-rate-period.controller';
import { EndRatePeriodHandler } from './end-rate-period/end-rate-period.handler';
import { MunicipalityRegister } from './municipality-register/municipality-register';
import { OrganisationDirectory } from './organisation-directory/organisation-directory';
import { RegisteredOrganisations } from './organisation-directory/registered-organisations';
import { ReadContributionScheduleController } from './read-contribution-schedule/read-contribution-schedule.controller';
import { ReadContributionScheduleHandler } from './read-contribution-schedule/read-contribution-schedule.handler';
import { ReadMunicipalitiesController } from './read-municipalities/read-municipalities.controller';
import { ListMunicipalitiesHandler, ReadMunicipalityHandler } from './read-municipalities/read-municipalities.handler';
import { ReadOrganisationsController } from './read-organisations/read-organisations.controller';
import { ReadLabelsController } from './read-labels/read-labels.controller';
import { ReadLabelsHandler } from './read-labels/read-labels.handler';
import { ListOrganisationsHandler, ReadOrganisationHandler } from './read-organisations/read-organisations.handler';
import { ReadRightsCatalogueController } from './read-rights-catalogue/read-rights-catalogue.controller';
import {
  ListCatalogueRightsHandler,
  ReadCatalogueRightHandler,
} from './read-rights-catalogue/read-rights-catalogue.handler';
import { RecordPopulationController } from './record-population/record-population.controller';
import { RecordPopulationHandler } from './record-population/record-population.handler';
import { ReferenceDataSeeder, type SeedOutcome } from './reference-data/reference-data-seeder';
import { loadW13Defaults, PARTNERS_DEFAULTS } from './reference-data/reference-data-defaults';
import { RegisterMunicipalityController } from './register-municipality/register-municipality.controller';
import { RegisterMunicipalityHandler } from './register-municipality/register-municipality.handler';
import { RegisterOrganisationController } from './register-organisation/register-organisation.controller';
import { RegisterOrganisationHandler } from './register-organisation/register-organisation.handler';
import { RetireCatalogueRightController } from './retire-catalogue-right/retire-catalogue-right.controller';
import { RetireCatalogueRightHandler } from './retire-catalogue-right/retire-catalogue-right.handler';
import { RightsCatalogue } from './rights-catalogue/rights-catalogue';
import { WithdrawCoFundingAgreementController } from './withdraw-co-funding-agreement/withdraw-co-funding-agreement.controller';
import { WithdrawCoFundingAgreementHandler } from './withdraw-co-funding-agreement/withdraw-co-funding-agreement.handler';
import { WithdrawRatePeriodController } from './withdraw-rate-period/withdraw-rate-period.controller';
import { WithdrawRatePeriodHandler } from './withdraw-rate-period/withdraw-rate-period.handler';

/** How long a first start waits for the read models to show the loaded defaults before serving anyway. */
const DEFAULTS_VISIBLE_TIMEOUT_MS = 15_000;
const SEED_RETRY_FIRST_MS = 1_000;
const SEED_RETRY_MAX_MS = 30_000;

/**
 * Partners and their contributions (docs/domain.md, capability 8): the reference data every other capability names
 * (organisations, municipalities and their population, the rights catalogue) and the member contributions.
 * Exports its queries for other capabilities (see `index.ts`).
 */
@Module({
  controllers: [
    ReadOrganisationsController,
    ReadLabelsController,
    RegisterOrganisationController,
    ChangeOrganisationController,
    DeactivateOrganisationController,
    ReadMunicipalitiesController,
    RegisterMunicipalityController,
    ChangeMunicipalityController,
    RecordPopulationController,
    CorrectPopulationController,
    ReadRightsCatalogueController,
    AddCatalogueRightController,
    ChangeCatalogueRightController,
    RetireCatalogueRightController,
    ReadContributionScheduleController,
    AddRatePeriodController,
    EndRatePeriodController,
    WithdrawRatePeriodController,
    AddCoFundingAgreementController,
    EndCoFundingAgreementController,
    WithdrawCoFundingAgreementController,
    CalculateContributionsController,
  ],
  providers: [
    { provide: PARTNERS_DEFAULTS, useFactory: loadW13Defaults },
    MunicipalityLookup,
    PartnerStreams,
    OrganisationDirectory,
    RegisteredOrganisations,
    MunicipalityRegister,
    RightsCatalogue,
    ContributionScheduleReadModel,
    // Commands
    RegisterOrganisationHandler,
    ChangeOrganisationHandler,
    DeactivateOrganisationHandler,
    RegisterMunicipalityHandler,
    ChangeMunicipalityHandler,
    RecordPopulationHandler,
    CorrectPopulationHandler,
    AddCatalogueRightHandler,
    ChangeCatalogueRightHandler,
    RetireCatalogueRightHandler,
    AddRatePeriodHandler,
    EndRatePeriodHandler,
    WithdrawRatePeriodHandler,
    AddCoFundingAgreementHandler,
    EndCoFundingAgreementHandler,
    WithdrawCoFundingAgreementHandler,
    // Queries
    ListOrganisationsHandler,
    ReadLabelsHandler,
    ReadOrganisationHandler,
    ListMunicipalitiesHandler,
    ReadMunicipalityHandler,
    ListCatalogueRightsHandler,
    ReadCatalogueRightHandler,
    ReadContributionScheduleHandler,
    CalculateContributionsHandler,
    ReferenceDataSeeder,
  ],
  exports: [OrganisationDirectory, RegisteredOrganisations, MunicipalityRegister, RightsCatalogue],
})
export class PartnersModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReferenceData');
  private retry: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly seeder: ReferenceDataSeeder,
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Loads the W13 defaults on first start. The projections (a global module's hook, so already started) then get a
   * bounded wait, so that a fresh service answers its first reads with the defaults in place.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.seed(SEED_RETRY_FIRST_MS);
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
    clearTimeout(this.retry);
  }

  /**
   * An unreachable event store must not keep the service from starting (readiness reports it, commands answer
   * 503): the load is retried in the background until the store answers.
   */
  private async seed(nextRetryMs: number): Promise<void> {
    let outcome: SeedOutcome;
    try {
      outcome = await this.seeder.seedIfEmpty();
    } catch (error) {
      if (!(error instanceof EventStoreUnavailable) || this.stopping) throw error;
      this.logger.warn(`Reference-data defaults not loaded yet (${error.message}); retrying in ${nextRetryMs} ms`);
      this.retry = setTimeout(() => {
        this.seed(Math.min(nextRetryMs * 2, SEED_RETRY_MAX_MS)).catch((failure: unknown) =>
          this.logger.error(`Loading the reference-data defaults failed: ${describeErrorForLog(failure).error}`),
        );
      }, nextRetryMs);
      this.retry.unref();
      return;
    }
    if (outcome.kind !== 'loaded' || !this.config.projectionsEnabled) return;
    const waits = [...outcome.positions].map(([projection, position]) =>
      this.runner.waitFor(projection, position, DEFAULTS_VISIBLE_TIMEOUT_MS),
    );
    if ((await Promise.all(waits)).includes(false)) {
      this.logger.warn('The read models did not show the loaded defaults in time; they will shortly');
    }
  }
}
