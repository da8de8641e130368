import { createPool } from '../../src/shared/database';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/projections';

/**
 * Readiness and the metric while a write transaction of another database holds event delivery back. PostgreSQL only:
 * PGlite has one session and one database, so nothing beside the service can hold a transaction open.
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('the service while a transaction elsewhere on the server holds delivery back (PostgreSQL only)', () => {
  let service: TestApp;
  const elsewhere = createPool(process.env.DATABASE_URL ?? 'postgres://unused', {
    max: 1,
    applicationName: 'onthaal-test-stray',
  });

  beforeAll(async () => {
    service = await startTestApp({ kind: 'postgres', env: { HORIZON_HELD_MAX_SECONDS: '1' } });
  });
  afterAll(async () => {
    await service?.dispose();
    await elsewhere.end();
  });

  it('reports not ready naming the session, and the held seconds as a metric, until it ends', async () => {
    const stray = await elsewhere.connect();
    let ended = false;
    try {
      await stray.query('BEGIN');
      await stray.query('SELECT pg_current_xact_id()');
      const { rows } = await stray.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pid = rows[0]!.pid;
      const names = (body: string) => body.includes(`pid ${pid},`);

      const notReady = await eventually(
        'readiness naming the stray session',
        () => service.request({ method: 'GET', url: '/health/ready' }),
        (response) => response.statusCode === 503 && names(response.body),
        20_000,
      );
      expect(notReady.json()).toMatchObject({ code: 'NOT_READY' });
      expect(notReady.json<{ detail: string }>().detail).toMatch(
        new RegExp(
          `eventStoreHorizon: transaction ids held for more than 1 s.*pid ${pid}, database \\S+, ` +
            'application_name "onthaal-test-stray", state idle in transaction, held \\d+ s',
        ),
      );
      const metrics = await service.request({ method: 'GET', url: '/metrics' });
      const held = /^onthaal_event_store_horizon_held_seconds ([\d.e+-]+)$/m.exec(metrics.body);
      expect(Number(held?.[1])).toBeGreaterThanOrEqual(1);

      await stray.query('COMMIT');
      ended = true;
      const after = await service.request({ method: 'GET', url: '/health/ready' });
      // Ready again, unless another suite on this server holds a transaction of its own just now.
      expect(names(after.body)).toBe(false);
    } finally {
      if (!ended) await stray.query('ROLLBACK').catch(() => undefined);
      stray.release();
    }
  });
});
