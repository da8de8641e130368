import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { runRestoreFixUp } from '../../src/cli/restore-fixup';
import { createPool } from '../../src/shared/database';
import { EVENT_STORE, type EventStore } from '../../src/shared/event-store';
import { findPositionColumns } from '../../src/shared/event-store/postgres/logical-restore';
import { type ProjectionHandler, ProjectionRunner, rebuildProjection } from '../../src/shared/projections';
import { PROJECTIONS } from '../../src/shared/projections/projections.module';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTemporaryCluster, type TemporaryCluster } from '../support/postgres-cluster';
import { eventually } from '../support/projections';

type Headers = Record<string, string>;

/**
 * The documented logical restore, end to end: a service writes on the test server, `pg_dump`, `pg_restore` onto a
 * second PostgreSQL cluster made with initdb (its transaction ids far behind), `npm run restore:fixup`, the service on
 * the restored database, new commands on records from before the restore, and read models equal to a clean rebuild.
 *
 * PostgreSQL only: the embedded PGlite has no dump onto another server to test (no pg_dump/initdb of its own).
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('a logical restore onto a new PostgreSQL cluster (PostgreSQL only: needs DATABASE_URL)', () => {
  let source: TestDatabase | undefined;
  let cluster: TemporaryCluster | undefined;
  let service: TestApp | undefined;

  afterAll(async () => {
    await service?.close().catch(() => undefined);
    await cluster?.stop();
    await source?.dispose();
  });

  it('refuses to start until the fix-up ran, then projects every new command onto records from before', async () => {
    // The source: a service on a database of the test server, with referrals in two states.
    source = await createTestDatabase({ kind: 'postgres', poolSize: 1, dataSourcePoolSize: 1 });
    const env = { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' };
    service = await startTestApp({ kind: 'postgres', databaseUrl: source.url, env });
    const as = await actors(service);
    const sentBefore = await sendReferral(service, as);
    const acceptedBefore = await sendReferral(service, as);
    ok(await post(service, `/referrals/${acceptedBefore}/acceptance`, as.menen, {}));
    await service.close();

    // Dump, a new cluster, restore. Roles are the server's, not the database's: the restore leaves grants and revokes
    // out, and the service puts back the analyst role's (reads the published cells, no temporary tables or statistics).
    cluster = await startTemporaryCluster();
    const dumpDir = await mkdtemp(join(tmpdir(), 'onthaal-dump-'));
    const dump = join(dumpDir, 'onthaal.dump');
    try {
      await cluster.run('pg_dump', ['--format=custom', `--file=${dump}`, source.url]);
      await cluster.run('psql', [cluster.url('postgres'), '-qc', 'CREATE DATABASE onthaal']);
      await cluster.run('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        `--dbname=${cluster.url('onthaal')}`,
        dump,
      ]);
    } finally {
      await rm(dumpDir, { recursive: true, force: true });
    }
    const restored = cluster.url('onthaal');
    expect(await analystAccess(restored)).toEqual({ reads: false, temporary: false, statistics: false });

    // Without the fix-up the service would file new events before the restored ones: it refuses to start.
    await expect(startTestApp({ kind: 'postgres', databaseUrl: restored, env })).rejects.toThrow(
      /not assigned yet.*Run `npm run restore:fixup`/s,
    );

    const output = { stdout: new Collect(), stderr: new Collect() };
    const pool = createPool(restored, { max: 1, applicationName: 'onthaal-test' });
    try {
      expect(await runRestoreFixUp(pool, output)).toBe(0);
      expect(output.stdout.text).toMatch(/Events: \d+ given transaction id 1/);
      expect(output.stdout.text).toMatch(/"public"."projection_checkpoints" \(commit_position, prepare_position\)/);
      expect(output.stdout.text).toMatch(/"public"."referrals" \(last_applied_commit, last_applied_prepare\)/);
      expect(output.stdout.text).toMatch(/"impact"."referrals" \(position_commit, position_prepare\)/);
      // Idempotent: a second run finds nothing to do.
      const again = { stdout: new Collect(), stderr: new Collect() };
      expect(await runRestoreFixUp(pool, again)).toBe(0);
      expect(again.stdout.text).toMatch(/Nothing to do/);
    } finally {
      await pool.end();
    }

    // The restored service: commands on records from before the restore reach the read models.
    service = await startTestApp({ kind: 'postgres', databaseUrl: restored, env });
    expect(await analystAccess(restored)).toEqual({ reads: true, temporary: false, statistics: false });
    ok(await post(service, `/referrals/${sentBefore}/acceptance`, as.menen, {}));
    ok(await post(service, `/referrals/${acceptedBefore}/first-contact`, as.menen, {}));
    const inbox = async (status: string) =>
      ok<{ items: { referralId: string }[] }>(
        await service!.request({ method: 'GET', url: `/referrals/inbox?status=${status}`, headers: as.menen }),
      ).items.map((item) => item.referralId);
    expect(await inbox('accepted')).toEqual([sentBefore]);
    expect(await inbox('first_contact_made')).toEqual([acceptedBefore]);
    expect(await inbox('sent')).toEqual([]);
    const newcomer = await sendReferral(service, as);
    expect(await inbox('sent')).toEqual([newcomer]);

    // Every projection caught up (a fresh runner is live only once past the head), then rebuilt from the first event.
    service = await service.restart();
    const runner = service.app.get(ProjectionRunner);
    await eventually(
      'every projection live',
      () => runner.status(),
      (statuses) => statuses.length > 0 && statuses.every((status) => status.status === 'live'),
      30_000,
    );
    const incremental = await readModels(restored);
    await runner.stop();
    const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
    for (const projection of service.app.get<readonly ProjectionHandler[]>(PROJECTIONS)) {
      await rebuildProjection(projection, {
        eventStore: service.app.get<EventStore>(EVENT_STORE),
        dataSource: service.app.get(DataSource),
        logger: quiet,
        pollMs: 20,
        lockRetryMs: 100,
      });
    }
    expect(await readModels(restored)).toEqual(incremental);
    expect(Object.keys(incremental)).toEqual(expect.arrayContaining(['"public"."referrals"', '"impact"."referrals"']));
  }, 120_000);
});

interface Actors {
  readonly kortrijk: Headers;
  readonly menen: Headers;
  readonly ocmwMenen: string;
  readonly kortrijkId: string;
}

async function actors(service: TestApp): Promise<Actors> {
  const admin = await authHeader({ role: 'admin' });
  const list = async <T>(url: string) =>
    ok<{ items: T[] }>(await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).items;
  const organisations = await list<{ name: string; organisationId: string }>('/organisations');
  const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
  const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
  return {
    kortrijk: await authHeader({ role: 'social_worker', organisationId: organisation('OCMW Kortrijk') }),
    menen: await authHeader({ role: 'social_worker', organisationId: organisation('OCMW Menen') }),
    ocmwMenen: organisation('OCMW Menen'),
    kortrijkId: municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId,
  };
}

let people = 0;

/** A person with a consent, an intake with a need, and a referral from OCMW Kortrijk to OCMW Menen. */
async function sendReferral(service: TestApp, as: Actors): Promise<string> {
  people += 1;
  const { clientId } = ok<{ clientId: string }>(
    await post(service, '/clients', as.kortrijk, {
      givenName: 'Amélie',
      familyName: `Restore-${people}`,
      birthDate: '1985-07-30',
      municipalityId: as.kortrijkId,
      household: { adults: 1, children: 2 },
      mainIncomeSource: 'social_integration_income',
    }),
    201,
  );
  ok(await post(service, `/clients/${clientId}/consents`, as.kortrijk, { scope: 'share_for_referrals' }), 201);
  const { trajectoryId } = ok<{ trajectoryId: string }>(
    await post(service, '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
    201,
  );
  const { needId } = ok<{ needId: string }>(
    await post(service, `/intake-trajectories/${trajectoryId}/needs`, as.kortrijk, { lifeDomain: 'debts' }),
    201,
  );
  const { referralId } = ok<{ referralId: string }>(
    await post(service, '/referrals', as.kortrijk, {
      trajectoryId,
      toOrganisationId: as.ocmwMenen,
      service: 'eviction prevention',
      lifeDomain: 'debts',
      needId,
      warm: true,
    }),
    201,
  );
  return referralId;
}

function post(service: TestApp, url: string, headers: Headers, payload: object): Promise<LightMyRequestResponse> {
  return service.request({ method: 'POST', url, headers, payload });
}

function ok<T = unknown>(response: LightMyRequestResponse, status = 200): T {
  expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
  return response.json<T>();
}

/** Every read-model table (those that store positions, but the checkpoints), row by row in a stable order. */
async function readModels(url: string): Promise<Record<string, unknown[]>> {
  const pool = createPool(url, { max: 1, applicationName: 'onthaal-test' });
  try {
    const tables = new Set((await findPositionColumns(pool)).map((columns) => columns.table));
    tables.delete('"public"."projection_checkpoints"');
    const models: Record<string, unknown[]> = {};
    for (const table of [...tables].sort()) {
      const { rows } = await pool.query<{ row: unknown }>(
        `SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY to_jsonb(t)::text`,
      );
      models[table] = rows.map((row) => row.row);
    }
    return models;
  } finally {
    await pool.end();
  }
}

async function analystAccess(url: string): Promise<{ reads: boolean; temporary: boolean; statistics: boolean }> {
  const pool = createPool(url, { max: 1, applicationName: 'onthaal-test' });
  try {
    const { rows } = await pool.query<{ reads: boolean; temporary: boolean; statistics: boolean }>(
      `SELECT coalesce(bool_and(has_table_privilege(r.rolname, 'impact.published_cells', 'SELECT')), false) AS reads,
              coalesce(bool_and(has_database_privilege(r.rolname, current_database(), 'TEMPORARY')), false) AS temporary,
              coalesce(bool_and(has_function_privilege(r.rolname, 'pg_catalog.pg_stat_get_live_tuples(oid)', 'EXECUTE')),
                       false) AS statistics
         FROM pg_roles r WHERE r.rolname = 'onthaal_analyst'`,
    );
    return rows[0]!;
  } finally {
    await pool.end();
  }
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
