import { CommandBus } from '@nestjs/cqrs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AddCatalogueRight } from '../add-catalogue-right/add-catalogue-right.command';
import { AddCoFundingAgreement } from '../add-co-funding-agreement/add-co-funding-agreement.command';
import { AddRatePeriod } from '../add-rate-period/add-rate-period.command';
import type { Role } from '../../shared/auth/authenticated-user';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { DomainRuleViolation } from '../../shared/domain/domain-error';
import { streamName } from '../../shared/domain/ids';
import {
  comparePositions,
  EVENT_STORE,
  type EventStore,
  type Position,
  StreamNotFound,
} from '../../shared/event-store';
import { CONTRIBUTION_SCHEDULE_PROJECTION } from '../contribution-schedule/contribution-schedule.projection';
import {
  MUNICIPALITY_REGISTER_PROJECTION,
  POPULATION_PROJECTION,
} from '../municipality-register/municipality-register.projections';
import { ORGANISATION_DIRECTORY_PROJECTION } from '../organisation-directory/organisation-directory.projection';
import { RIGHTS_CATALOGUE_PROJECTION } from '../rights-catalogue/rights-catalogue.projection';
import {
  decodeReferenceDataLoadEvent,
  REFERENCE_DATA_LOAD_CATEGORY,
  referenceDataLoadDecider,
} from '../domain/reference-data-load';
import { foldEvents } from '../../shared/domain/decider';
import { RegisterMunicipality } from '../register-municipality/register-municipality.command';
import { RegisterOrganisation } from '../register-organisation/register-organisation.command';
import { referenceDataId } from './reference-data-ids';
import { PARTNERS_DEFAULTS, type ReferenceDataDefaults } from './reference-data-defaults';

/** The user the defaults are loaded as: recorded as the actor of their events. */
export const DEFAULTS_LOADER_USER_ID = 'system:reference-data-defaults';

/** Streams written at once while loading: enough to overlap round trips, few enough for a small pool. */
const CONCURRENCY = 4;

export type SeedOutcome =
  | { readonly kind: 'already_loaded'; readonly version: number }
  | {
      readonly kind: 'loaded';
      readonly version: number;
      readonly skipped: readonly string[];
      /** Per projection, the position of the last loaded event it reads: wait for these to read the defaults. */
      readonly positions: ReadonlyMap<string, Position>;
    };

/**
 * Loads the reference-data defaults on first start, as ordinary commands through the deciders, so the load is
 * events like any other change (docs/reference-data.md).
 *
 * Idempotent, and safe when several replicas start at once: every entry has an id derived from its key in the data
 * file, and every command an idempotency key derived from the same key, so a command run twice (by a second
 * replica, or after a crash halfway) finds its own events and writes nothing. A load-record stream says which
 * version of the defaults was loaded; once it does, a start only reads it. An entry the rules refuse (an
 * administrator registered it first, or a rate period they entered overlaps) is skipped and logged by key.
 */
@Injectable()
export class ReferenceDataSeeder {
  private readonly logger = new Logger('ReferenceData');

  constructor(
    @Inject(PARTNERS_DEFAULTS) private readonly defaults: ReferenceDataDefaults,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly executor: CommandExecutor,
    private readonly commands: CommandBus,
  ) {}

  /** The stream recording which versions of the defaults were loaded. */
  get loadStream(): string {
    return streamName(REFERENCE_DATA_LOAD_CATEGORY, referenceDataId('dataset', this.defaults.dataset));
  }

  async seedIfEmpty(): Promise<SeedOutcome> {
    const { defaults } = this;
    const loaded = await this.loadedVersion();
    if (loaded >= defaults.version) return { kind: 'already_loaded', version: loaded };

    const skipped: string[] = [];
    const positions = new Map<string, Position>();
    const run = async (
      key: string,
      projections: readonly string[],
      command: (context: CommandContext) => Promise<Pick<CommandResult<unknown>, 'position'>>,
    ) => {
      try {
        const { position } = await command(this.context(key));
        if (position === undefined) return;
        for (const projection of projections) {
          const known = positions.get(projection);
          if (!known || comparePositions(known, position) < 0) positions.set(projection, position);
        }
      } catch (error) {
        if (!(error instanceof DomainRuleViolation)) throw error;
        // Keys and rule codes only: the defaults hold no personal data, but logs get the habit right.
        skipped.push(`${key}: ${error.code}`);
      }
    };

    // Municipalities first: organisations, local rights and co-funding agreements name them.
    await inBatches(defaults.municipalities, (entry) =>
      run(`municipality:${entry.key}`, municipalityProjections(entry.populations.length > 0), (context) =>
        this.commands.execute(new RegisterMunicipality(context, entry.details, entry.populations, entry.id)),
      ),
    );
    await inBatches(defaults.organisations, (entry) =>
      run(`organisation:${entry.key}`, [ORGANISATION_DIRECTORY_PROJECTION], (context) =>
        this.commands.execute(new RegisterOrganisation(context, entry.details, entry.id)),
      ),
    );
    await inBatches(defaults.rights, (entry) =>
      run(`right:${entry.key}`, [RIGHTS_CATALOGUE_PROJECTION], (context) =>
        this.commands.execute(new AddCatalogueRight(context, entry.details, entry.id)),
      ),
    );
    // One stream: in order, each command deciding on the periods before it.
    for (const { key, ...period } of defaults.contributionSchedule.ratePeriods) {
      await run(`ratePeriod:${key}`, [CONTRIBUTION_SCHEDULE_PROJECTION], (context) =>
        this.commands.execute(new AddRatePeriod(context, period, period.ratePeriodId)),
      );
    }
    for (const { key, ...agreement } of defaults.contributionSchedule.coFundingAgreements) {
      await run(`coFundingAgreement:${key}`, [CONTRIBUTION_SCHEDULE_PROJECTION], (context) =>
        this.commands.execute(new AddCoFundingAgreement(context, agreement, agreement.agreementId)),
      );
    }

    await this.executor.execute(
      this.loadStream,
      referenceDataLoadDecider,
      {
        type: 'RecordDefaultsLoaded',
        loaded: {
          dataset: defaults.dataset,
          version: defaults.version,
          municipalities: defaults.municipalities.length,
          organisations: defaults.organisations.length,
          rights: defaults.rights.length,
          ratePeriods: defaults.contributionSchedule.ratePeriods.length,
        },
      },
      this.context(`loaded:v${defaults.version}`),
      decodeReferenceDataLoadEvent,
    );
    if (skipped.length > 0) this.logger.warn(`Defaults entries refused by the rules: ${skipped.join('; ')}`);
    this.logger.log(`Loaded the reference-data defaults ${defaults.dataset} v${defaults.version}`);
    return { kind: 'loaded', version: defaults.version, skipped, positions };
  }

  private async loadedVersion(): Promise<number> {
    try {
      const events = await this.store.readStream(this.loadStream);
      return foldEvents(referenceDataLoadDecider, events.map(decodeReferenceDataLoadEvent)).loadedVersion;
    } catch (error) {
      if (error instanceof StreamNotFound) return 0;
      throw error;
    }
  }

  /** The same key on every replica and every run: a repeated command recognises its own events. */
  private context(key: string): CommandContext {
    const roles: readonly Role[] = ['admin'];
    return {
      user: { userId: DEFAULTS_LOADER_USER_ID, organisationId: this.defaults.actingOrganisationId, roles },
      correlationId: `${this.defaults.dataset}:${key}`,
      idempotencyKey: `${this.defaults.dataset}:${key}`,
    };
  }
}

function municipalityProjections(withPopulations: boolean): string[] {
  // The last event of a registration with figures is a population figure, which both projections read.
  return withPopulations
    ? [MUNICIPALITY_REGISTER_PROJECTION, POPULATION_PROJECTION]
    : [MUNICIPALITY_REGISTER_PROJECTION];
}

async function inBatches<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    await Promise.all(items.slice(start, start + CONCURRENCY).map(task));
  }
}
