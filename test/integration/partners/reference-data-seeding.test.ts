import type { CommandBus } from '@nestjs/cqrs';
import { createPool } from '../../../src/shared/database';
import { AddCatalogueRightHandler } from '../../../src/partners/add-catalogue-right/add-catalogue-right.handler';
import { AddCoFundingAgreementHandler } from '../../../src/partners/add-co-funding-agreement/add-co-funding-agreement.handler';
import { AddRatePeriod } from '../../../src/partners/add-rate-period/add-rate-period.command';
import { AddRatePeriodHandler } from '../../../src/partners/add-rate-period/add-rate-period.handler';
import { MunicipalityLookup } from '../../../src/partners/common/municipality-lookup';
import { PartnerStreams } from '../../../src/partners/common/partner-streams';
import { ReferenceDataSeeder } from '../../../src/partners/reference-data/reference-data-seeder';
import {
  loadW13Defaults,
  type ReferenceDataDefaults,
} from '../../../src/partners/reference-data/reference-data-defaults';
import { RegisterMunicipalityHandler } from '../../../src/partners/register-municipality/register-municipality.handler';
import { RegisterOrganisationHandler } from '../../../src/partners/register-organisation/register-organisation.handler';
import { CommandExecutor } from '../../../src/shared/commands/command-executor';
import { CATALOGUE_RIGHT_CATEGORY } from '../../../src/partners/domain/catalogue-right.events';
import { CONTRIBUTION_SCHEDULE_CATEGORY } from '../../../src/partners/domain/contribution-schedule.events';
import { MUNICIPALITY_CATEGORY } from '../../../src/partners/domain/municipality.events';
import { ORGANISATION_CATEGORY } from '../../../src/partners/domain/organisation.events';
import { systemClock } from '../../../src/shared/domain/clock';
import { streamName } from '../../../src/shared/domain/ids';
import { comparePositions, type EventStore, type RecordedEvent, StreamNotFound } from '../../../src/shared/event-store';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { busesWith } from '../../support/command-bus';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';

/** The command bus with the handlers of the commands the defaults load sends. */
async function commandsOn(store: EventStore, defaults: ReferenceDataDefaults): Promise<CommandBus> {
  const executor = new CommandExecutor(store, systemClock);
  const streams = new PartnerStreams(executor, defaults);
  const lookup = new MunicipalityLookup(store);
  const { commands } = await busesWith([
    new RegisterMunicipalityHandler(streams),
    new RegisterOrganisationHandler(streams, lookup),
    new AddCatalogueRightHandler(streams, lookup),
    new AddRatePeriodHandler(streams),
    new AddCoFundingAgreementHandler(streams, lookup),
  ]);
  return commands;
}

/** A seeder as one replica of the service builds it, on its own event-store connection pool. */
async function seederOn(store: EventStore, defaults: ReferenceDataDefaults): Promise<ReferenceDataSeeder> {
  const executor = new CommandExecutor(store, systemClock);
  return new ReferenceDataSeeder(defaults, store, executor, await commandsOn(store, defaults));
}

/** Every event the defaults load: a municipality's registration and figures, one per other entry, the load record. */
function expectedEvents(defaults: ReferenceDataDefaults): number {
  return (
    defaults.municipalities.reduce((sum, municipality) => sum + 1 + municipality.populations.length, 0) +
    defaults.organisations.length +
    defaults.rights.length +
    defaults.contributionSchedule.ratePeriods.length +
    defaults.contributionSchedule.coFundingAgreements.length +
    1
  );
}

/**
 * Every event of the streams the defaults write, in `$all` order, read stream by stream. Not with `readAll`: `$all`
 * shows only the events of transactions older than the oldest one still running on the whole PostgreSQL server
 * (ADR 0002; transaction ids are server-wide), so in a full run another suite's open transaction on its own
 * database hides the latest events for a moment, and a count taken then comes up short. Stream reads have no horizon.
 */
async function eventsOfDefaults(store: EventStore, defaults: ReferenceDataDefaults): Promise<RecordedEvent[]> {
  const streams = [
    ...defaults.municipalities.map(({ id }) => streamName(MUNICIPALITY_CATEGORY, id)),
    ...defaults.organisations.map(({ id }) => streamName(ORGANISATION_CATEGORY, id)),
    ...defaults.rights.map(({ id }) => streamName(CATALOGUE_RIGHT_CATEGORY, id)),
    streamName(CONTRIBUTION_SCHEDULE_CATEGORY, defaults.contributionSchedule.id),
    (await seederOn(store, defaults)).loadStream,
  ];
  // One at a time: the replicas' pools still hold connections, and PGlite takes only a few more.
  const events: RecordedEvent[] = [];
  for (const stream of streams) {
    try {
      events.push(...(await store.readStream(stream)));
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
  }
  return events.sort((a, b) => comparePositions(a.position, b.position));
}

describe.each(testDatabaseKinds())('loading the reference-data defaults on %s', (kind) => {
  let db: TestDatabase;
  const defaults = loadW13Defaults();
  /** Fewer entries, for the tests that need a fresh load more than the whole file. */
  const small: ReferenceDataDefaults = {
    ...defaults,
    municipalities: defaults.municipalities.slice(0, 6),
    organisations: defaults.organisations.filter((organisation) => organisation.details.municipalityId === null),
    rights: defaults.rights.filter((right) => right.details.municipalityId === null),
  };

  beforeEach(async () => {
    db = await createTestDatabase({ kind });
  });
  afterEach(() => db.dispose());

  it('loads every entry exactly once when three replicas start at the same moment', async () => {
    const pools = [
      db.pool,
      createPool(db.url, { max: 4, applicationName: 'replica-2' }),
      createPool(db.url, { max: 4, applicationName: 'replica-3' }),
    ];
    const stores = pools.map((pool) => new PostgresEventStore(pool));
    try {
      const outcomes = await Promise.all(stores.map(async (store) => (await seederOn(store, defaults)).seedIfEmpty()));
      expect(outcomes.every((outcome) => outcome.kind === 'loaded' && outcome.skipped.length === 0)).toBe(true);

      const events = await eventsOfDefaults(stores[0]!, defaults);
      expect(events).toHaveLength(expectedEvents(defaults));
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      const kortrijk = defaults.municipalities.find((municipality) => municipality.key === 'kortrijk')!;
      const stream = await stores[0]!.readStream(`municipality-${kortrijk.id}`);
      expect(stream.map((event) => event.type)).toEqual([
        'MunicipalityRegistered',
        ...kortrijk.populations.map(() => 'MunicipalityPopulationRecorded'),
      ]);
      expect(stream[0]!.metadata).toMatchObject({
        actorId: 'system:reference-data-defaults',
        organisationId: defaults.actingOrganisationId,
      });

      // A later start only reads the load record.
      expect(await (await seederOn(stores[1]!, defaults)).seedIfEmpty()).toEqual({
        kind: 'already_loaded',
        version: defaults.version,
      });
      expect(await eventsOfDefaults(stores[0]!, defaults)).toHaveLength(events.length);
    } finally {
      await Promise.all(stores.slice(1).map((store) => store.close()));
      await Promise.all(pools.slice(1).map((pool) => pool.end()));
    }
  });

  it('finishes a load that stopped halfway, writing only what is missing', async () => {
    const store = new PostgresEventStore(db.pool);
    let appends = 0;
    // A start that dies after ten appends, as a crash or a lost connection would leave it.
    const dying: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendToStream: (...args: Parameters<EventStore['appendToStream']>) => {
        if (++appends > 10) return Promise.reject(new Error('connection lost'));
        return store.appendToStream(...args);
      },
    });
    await expect((await seederOn(dying, small)).seedIfEmpty()).rejects.toThrow('connection lost');
    const written = await eventsOfDefaults(store, small);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(expectedEvents(small));

    expect(await (await seederOn(store, small)).seedIfEmpty()).toMatchObject({ kind: 'loaded', skipped: [] });
    const events = await eventsOfDefaults(store, small);
    expect(events).toHaveLength(expectedEvents(small));
    expect(events.slice(0, written.length).map((event) => event.id)).toEqual(written.map((event) => event.id));
  });

  it('skips, by key, an entry an administrator entered differently before the load, and loads the rest', async () => {
    const store = new PostgresEventStore(db.pool);
    const commands = await commandsOn(store, defaults);
    const admin = { userId: 'admin-1', organisationId: defaults.actingOrganisationId, roles: ['admin'] as const };
    await commands.execute(
      new AddRatePeriod(
        { user: admin, correlationId: 'test' },
        { rateCentsPerInhabitant: 120, firstWorkingYear: 2024, lastWorkingYear: null, basis: null },
        '0f5e8c1a-6b2d-4c3e-9f10-2a3b4c5d6e7f',
      ),
    );

    const outcome = await (await seederOn(store, small)).seedIfEmpty();
    expect(outcome).toMatchObject({ kind: 'loaded', skipped: ['ratePeriod:new-statutes: RATE_PERIOD_OVERLAP'] });
    // Everything else, plus the administrator's period, minus the refused one.
    expect(await eventsOfDefaults(store, small)).toHaveLength(expectedEvents(small));
  });
});
