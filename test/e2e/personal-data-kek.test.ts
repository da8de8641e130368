import { DataSource } from 'typeorm';
import { PersonalDataKeys } from '../../src/shared/crypto';
import { startTestApp, type TestApp } from '../support/app';
import { testDatabaseKinds } from '../support/database';

const DAY = 86_400;

describe.each(testDatabaseKinds())("the key-encryption key's rotation schedule on %s", (kind) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { PERSONAL_DATA_KEK_ROTATION_DAYS: '30' } });
  });
  afterAll(() => service.dispose());

  const gauge = async (name: string): Promise<number> => {
    const response = await service.request({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    const line = response.body.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    if (line === undefined) throw new Error(`no ${name} in the metrics`);
    return Number(line.slice(name.length + 1));
  };

  it('records the KEK generation at start, and reports rotation due once it is older than the period', async () => {
    const kekId = service.app.get(PersonalDataKeys).keyring.current.id;
    const dataSource = service.app.get(DataSource);
    const [generation] = await dataSource.query<{ kek_id: string; retired_at: Date | null }[]>(
      `SELECT kek_id, retired_at FROM personal_data_kek_generations WHERE kek_id = $1`,
      [kekId],
    );
    expect(generation).toEqual({ kek_id: kekId, retired_at: null });
    expect(await gauge('onthaal_personal_data_kek_age_seconds')).toBeLessThan(DAY);
    expect(await gauge('onthaal_personal_data_kek_rotation_due')).toBe(0);

    // As if the service had run with this KEK for 31 days.
    await dataSource.query(
      `UPDATE personal_data_kek_generations SET first_used_at = now() - interval '31 days' WHERE kek_id = $1`,
      [kekId],
    );
    expect(await gauge('onthaal_personal_data_kek_age_seconds')).toBeGreaterThanOrEqual(31 * DAY);
    expect(await gauge('onthaal_personal_data_kek_rotation_due')).toBe(1);
  });
});
