import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ClientReportingQuery } from '../../src/clients';
import { PersonalDataKeys, rowsOf } from '../../src/shared/crypto';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '../../src/shared/event-store';
import { type ProjectionHandler, ProjectionRunner, rebuildProjection } from '../../src/shared/projections';
import { PROJECTIONS } from '../../src/shared/projections/projections.module';
import { startTestApp, type TestApp } from '../support/app';
import { brusselsToday, recordedToday } from '../support/dates';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

type Headers = Record<string, string>;

/** The person to be forgotten: every value distinctive, so that any copy of it would be found. */
const VICTIM = {
  givenName: 'Gwendolyn',
  familyName: 'Vandenbroucke-Tshibangu',
  birthDate: '1979-01-01',
  insz: '79010100183',
  phone: '+32 470 98 76 54',
  address: { street: 'Doorniksesteenweg', houseNumber: '221', box: null, postalCode: '8500', place: 'Kortrijk' },
  household: { adults: 2, children: 3 },
  mainIncomeSource: 'unemployment_benefit',
};
const NEW_STREET = 'Wervikstraatje-Achterkant';

/** What must be found nowhere after the erasure: as typed, as stored, and as bytea would hold it (hex). */
const NEEDLES = [
  VICTIM.givenName,
  VICTIM.familyName,
  VICTIM.insz,
  '79.01.01-001.83',
  VICTIM.phone,
  VICTIM.phone.replace(/\D/g, ''),
  VICTIM.address.street,
  NEW_STREET,
];
const HEX_NEEDLES = NEEDLES.map((needle) => Buffer.from(needle, 'utf8').toString('hex'));

function found(haystack: string): string[] {
  const lower = haystack.toLowerCase();
  return [
    ...NEEDLES.filter((needle) => haystack.includes(needle)),
    ...HEX_NEEDLES.filter((needle) => lower.includes(needle)),
  ];
}

/** Retries an assertion on eventually consistent read models until it holds (or 60 s pass). */
async function eventually<T>(assertion: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Every row of every table of the database (event store, read models, keys, access log, checkpoints), as text. */
async function dumpDatabase(dataSource: DataSource): Promise<{ text: string; tables: string[] }> {
  const tables = rowsOf<{ table_schema: string; table_name: string }>(
    await dataSource.query(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    ),
  );
  const parts: string[] = [];
  for (const { table_schema: schema, table_name: table } of tables) {
    const rows = rowsOf<{ row: string }>(
      await dataSource.query(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`),
    );
    parts.push(`-- ${schema}.${table}`, ...rows.map((row) => row.row));
  }
  return { text: parts.join('\n'), tables: tables.map((table) => table.table_name) };
}

/** The whole event store, in global order, through the port. */
async function dumpEventStore(store: EventStore): Promise<{ text: string; events: RecordedEvent[] }> {
  const events: RecordedEvent[] = [];
  let from: Position | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition: from ?? 'start', maxCount: 500 });
    const fresh = from === undefined ? page : page.slice(1);
    events.push(...fresh);
    if (fresh.length === 0 || page.length < 500) break;
    from = page.at(-1)!.position;
  }
  const text = JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return { text, events };
}

/**
 * Every page of the key and look-up tables, of each of their indexes, and of their TOAST tables and indexes, as
 * stored (PostgreSQL, with `pageinspect`): live rows, dead row versions and free space alike.
 */
async function keyTablePages(dataSource: DataSource): Promise<Buffer> {
  await dataSource.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
  const relations = rowsOf<{ relation: string; blocks: number }>(
    await dataSource.query(
      `WITH tables AS (SELECT oid, reltoastrelid FROM pg_class
                        WHERE oid IN ('personal_data_keys'::regclass, 'clients_identity_index'::regclass)),
            heaps AS (SELECT oid FROM tables UNION SELECT reltoastrelid FROM tables WHERE reltoastrelid <> 0),
            relations AS (SELECT oid FROM heaps UNION SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM heaps))
       SELECT oid::regclass::text AS relation,
              (pg_relation_size(oid) / current_setting('block_size')::int)::int AS blocks
         FROM relations`,
    ),
  );
  expect(relations.length).toBeGreaterThanOrEqual(7);
  const pages: Buffer[] = [];
  for (const { relation, blocks } of relations) {
    for (let block = 0; block < blocks; block += 1) {
      const [page] = rowsOf<{ page: Buffer }>(
        await dataSource.query(`SELECT get_raw_page($1, 'main', $2) AS page`, [relation, block]),
      );
      pages.push(page!.page);
    }
  }
  return Buffer.concat(pages);
}

describe.each(testDatabaseKinds())('the proof of erasure on %s', (kind) => {
  let service: TestApp;
  let as: Record<'kortrijk' | 'dpo', Headers>;
  let kortrijk: string;
  let menen: string;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    const admin = await authHeader({ role: 'admin' });
    const municipalities = (
      await service.request({ method: 'GET', url: '/municipalities?limit=200', headers: admin })
    ).json<{ items: { name: string; municipalityId: string }[] }>().items;
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    menen = municipalities.find((item) => item.name === 'Menen')!.municipalityId;
    as = {
      kortrijk: await authHeader({ role: 'social_worker' }),
      dpo: await authHeader({ role: 'dpo' }),
    };
  });
  afterAll(() => service.dispose());

  const dataSource = () => service.app.get(DataSource);
  const store = () => service.app.get<EventStore>(EVENT_STORE);
  const request = async (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) => {
    const response = await service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<Record<string, unknown>>();
  };

  it("leaves no version of the person's key or keyed hashes in the database's pages", async () => {
    const person = { ...VICTIM, givenName: 'Ottilie', familyName: 'Paginaleesster', insz: '79010100282' };
    const erased = (await request('POST', '/clients', as.kortrijk, { ...person, municipalityId: kortrijk }))
      .clientId as string;
    // Registered after the erased one: a live key and hashes on the same pages, as a sign that the reading works.
    const kept = (
      await request('POST', '/clients', as.kortrijk, {
        ...person,
        givenName: 'Otto',
        // Another family name: the family-name hash (ADR 0028) of the erased one must go, this one's stay.
        familyName: 'Paginabewaarder',
        insz: '79010100381',
        municipalityId: kortrijk,
      })
    ).clientId as string;
    const secretsOf = async (clientId: string) => {
      const [key] = rowsOf<{ wrapped_key: Buffer }>(
        await dataSource().query(`SELECT wrapped_key FROM personal_data_keys WHERE subject_id = $1`, [clientId]),
      );
      const hashes = rowsOf<{ blind_index: string }>(
        await dataSource().query(`SELECT blind_index FROM clients_identity_index WHERE client_id = $1`, [clientId]),
      ).map((row) => Buffer.from(row.blind_index, 'utf8'));
      // INSZ, name with birth date, family name (ADR 0028).
      expect(hashes).toHaveLength(3);
      return [key!.wrapped_key, ...hashes];
    };
    const erasedSecrets = await secretsOf(erased);
    const keptSecrets = await secretsOf(kept);

    // On PostgreSQL another session holds a snapshot from before the erasure for a while: the versions it can still
    // see must not be copied into the rewritten files (the rewrite waits for it).
    // Its own connection: the app's pool may hold a single one.
    const older =
      kind === 'postgres' ? new Client({ connectionString: (dataSource().options as { url: string }).url }) : undefined;
    await older?.connect();
    await older?.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await older?.query('SELECT 1'); // takes the snapshot, and no lock on the tables the rewrite needs
    const erasure = request('POST', `/clients/${erased}/erasure`, as.dpo);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await older?.query('COMMIT');
    await older?.end();
    await erasure;
    expect((await service.app.get(PersonalDataKeys).status(dataSource(), erased)).state).toBe('shredded');
    // PGlite ran the same rewrite above; its build has no pageinspect to read pages with.
    if (kind !== 'postgres') return;

    const files = await keyTablePages(dataSource());
    expect(keptSecrets.map((secret) => files.includes(secret))).toEqual([true, true, true, true]);
    expect(erasedSecrets.map((secret) => files.includes(secret))).toEqual([false, false, false, false]);
  });

  it('leaves no plaintext anywhere, keeps the person in counts, and survives rebuilding every projection', async () => {
    // A life in the system: registered, consents, a move with a new address, read, reported on.
    const victim = (await request('POST', '/clients', as.kortrijk, { ...VICTIM, municipalityId: kortrijk }))
      .clientId as string;
    const bystander = (
      await request('POST', '/clients', as.kortrijk, {
        ...VICTIM,
        givenName: 'Bert',
        familyName: 'Omstaander',
        insz: null,
        phone: null,
        municipalityId: kortrijk,
      })
    ).clientId as string;
    for (const clientId of [victim, bystander]) {
      await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
        scope: 'reporting',
        validFrom: '2020-01-01',
      });
    }
    await request('POST', `/clients/${victim}/moves`, as.kortrijk, {
      municipalityId: menen,
      effectiveDate: '2025-09-01',
      address: { street: NEW_STREET, houseNumber: '3', postalCode: '8930', place: 'Menen' },
    });
    expect(await request('GET', `/clients/${victim}`, as.kortrijk)).toMatchObject({
      familyName: VICTIM.familyName,
      address: { street: NEW_STREET },
    });
    const before = await request('GET', `/clients/${victim}/subject-access`, as.dpo);
    expect(found(JSON.stringify(before))).toEqual(expect.arrayContaining([VICTIM.familyName, VICTIM.insz, NEW_STREET]));
    const reporting = service.app.get(ClientReportingQuery);
    // Both counted (the move took the victim to Menen), once the read models caught up.
    const counts = await eventually(async () => {
      const now = await reporting.countByMunicipality(brusselsToday());
      expect([...(await reporting.countable([victim, bystander], brusselsToday()))].sort()).toEqual(
        [victim, bystander].sort(),
      );
      expect(
        rowsOf(await dataSource().query(`SELECT 1 FROM clients_residences WHERE client_id = $1`, [victim])),
      ).toHaveLength(2);
      return now;
    });

    // Plaintext never reaches the database, even before the erasure: only sealed values and keyed hashes.
    const dumpBefore = await dumpDatabase(dataSource());
    expect(dumpBefore.tables).toEqual(
      expect.arrayContaining([
        'es_events',
        'personal_data_keys',
        'clients_people',
        'clients_identity_index',
        'access_log',
      ]),
    );
    expect(dumpBefore.text).toContain(victim);
    expect(found(dumpBefore.text)).toEqual([]);
    // What a backup taken now would hold of the victim's key.
    const [backedUpKey] = rowsOf<{ wrapped_key: Buffer; kek_id: string }>(
      await dataSource().query(`SELECT wrapped_key, kek_id FROM personal_data_keys WHERE subject_id = $1`, [victim]),
    );
    expect(backedUpKey?.wrapped_key).toBeInstanceOf(Buffer);

    await request('POST', `/clients/${victim}/erasure`, as.dpo);
    // The key is gone at once; on a busy server the read models may take a moment longer to scrub.
    const destroyed = await service.app.get(PersonalDataKeys).status(dataSource(), victim);
    expect(destroyed.state).toBe('shredded');

    const assertForgotten = async () => {
      const database = await dumpDatabase(dataSource());
      const events = await dumpEventStore(store());
      expect({ inTables: found(database.text), inEvents: found(events.text) }).toEqual({ inTables: [], inEvents: [] });
      // The sealed values are still in the history, and nobody can open them any more.
      const sealedOfVictim = events.events.filter(
        (event) => event.streamId === `client-${victim}` && JSON.stringify(event.data).includes('"$pii"'),
      );
      expect(sealedOfVictim.map((event) => event.type)).toEqual(['ClientRegistered', 'ClientMoved']);
      expect(await service.app.get(PersonalDataKeys).find(dataSource(), victim)).toBeUndefined();
      const [people] = rowsOf<{ personal_data: unknown; address: unknown; erased_on: string }>(
        await dataSource().query(
          `SELECT personal_data, address, erased_on::text FROM clients_people WHERE client_id = $1`,
          [victim],
        ),
      );
      expect(people).toEqual({ personal_data: null, address: null, erased_on: recordedToday() });
      // Counted as before, anonymously; the bystander untouched.
      expect(await reporting.countByMunicipality(brusselsToday())).toEqual(counts);
      expect(await request('GET', `/clients/${bystander}`, as.kortrijk)).toMatchObject({ familyName: 'Omstaander' });
    };
    await eventually(assertForgotten);

    // A restore of the backup above brings the key back; replaying the erasures destroys it again.
    await dataSource().query(
      `UPDATE personal_data_keys SET wrapped_key = $2, kek_id = $3, shredded_at = NULL WHERE subject_id = $1`,
      [victim, backedUpKey!.wrapped_key, backedUpKey!.kek_id],
    );
    expect(await service.app.get(PersonalDataKeys).find(dataSource(), victim)).toBeDefined();

    // Rebuild every projection of the app from the first event, as `npm run projections:rebuild` does with the
    // service stopped.
    await service.app.get(ProjectionRunner).stop();
    const projections = service.app.get<readonly ProjectionHandler[]>(PROJECTIONS);
    expect(projections.map((projection) => projection.name)).toEqual(
      expect.arrayContaining(['clients.people', 'clients.register', 'clients.erasures']),
    );
    const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
    for (const projection of projections) {
      const summary = await rebuildProjection(projection, {
        eventStore: store(),
        dataSource: dataSource(),
        logger: quiet,
        pollMs: 20,
        lockRetryMs: 100,
      });
      expect(summary.name).toBe(projection.name);
    }
    await assertForgotten();
    if (kind === 'postgres') {
      // The replayed erasure destroyed the restored key in the projection's transaction; the rewrite follows it.
      await eventually(async () =>
        expect((await keyTablePages(dataSource())).includes(backedUpKey!.wrapped_key)).toBe(false),
      );
    }
    expect(
      rowsOf<{ shredded: boolean }>(
        await dataSource().query(
          `SELECT shredded_at IS NOT NULL AS shredded FROM personal_data_keys WHERE subject_id = $1`,
          [victim],
        ),
      ),
    ).toEqual([{ shredded: true }]);
  });
});
