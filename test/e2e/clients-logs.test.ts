import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authHeader, OTHER_ORGANISATION, TEST_AUTH_SECRET } from '../support/auth';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../support/database';
import { typeScriptEntry } from '../support/typescript-process';

const PERSON = {
  givenName: 'Leocadia',
  familyName: 'Wybouw-Mbeki',
  birthDate: '1992-02-29',
  insz: '92022900207',
  phone: '+32 486 55 44 33',
  address: { street: 'Sint-Denijsestraat', houseNumber: '9', postalCode: '8500', place: 'Kortrijk' },
  household: { adults: 1, children: 0 },
  mainIncomeSource: 'employment',
};
const NEEDLES = [
  PERSON.givenName,
  PERSON.familyName,
  PERSON.insz,
  '92.02.29-002.07',
  PERSON.phone,
  '486554433',
  PERSON.address.street,
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The service in its own process, as `npm start` runs it, logging everything (`LOG_LEVEL=trace`): after a whole
 * life of a person over HTTP (errors included), its output holds none of their personal data.
 */
describe.each(testDatabaseKinds())('the service log on %s', (kind) => {
  let database: TestDatabase | undefined;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onthaal-logs-'));
    if (kind === 'postgres') database = await createTestDatabase({ kind, poolSize: 1, dataSourcePoolSize: 1 });
  });
  afterAll(async () => {
    await database?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("holds none of a person's personal data after their whole life over HTTP", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, typeScriptEntry('src/main.ts'), {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'trace',
        AUTH_DEV_SECRET: TEST_AUTH_SECRET,
        DATA_DIR: dataDir,
        ...(database ? { DATABASE_URL: database.url } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 240_000; // a start, on a machine whose cores may be busy
      for (;;) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not start: ${output.slice(-2000)}`);
        const ready = await fetch(`${base}/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (ready) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        });
        return { status: response.status, json: (await response.json()) as Record<string, unknown> };
      };
      const kortrijk = await authHeader({ role: 'social_worker' });
      const other = await authHeader({ role: 'social_worker', organisationId: OTHER_ORGANISATION });
      const dpo = await authHeader({ role: 'dpo' });
      const municipalities = (await call('GET', '/municipalities?limit=200', kortrijk)).json.items as {
        municipalityId: string;
        name: string;
      }[];
      const municipalityId = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
      const menen = municipalities.find((item) => item.name === 'Menen')!.municipalityId;

      const statuses: number[] = [];
      const registered = await call('POST', '/clients', kortrijk, { ...PERSON, municipalityId });
      const clientId = registered.json.clientId as string;
      statuses.push(registered.status);
      for (const [method, path, headers, body] of [
        ['POST', '/clients', kortrijk, { ...PERSON, insz: '92022900208', birthDate: '2999-01-01', municipalityId }],
        ['POST', '/clients', other, { ...PERSON, municipalityId }],
        ['POST', '/clients', kortrijk, `{"givenName": "${PERSON.givenName}", "familyName": ${PERSON.familyName}`],
        ['GET', `/clients/${clientId}`, kortrijk, undefined],
        ['GET', `/clients/${clientId}`, other, undefined],
        ['POST', `/clients/${clientId}/consents`, kortrijk, { scope: 'reporting' }],
        ['POST', `/clients/${clientId}/consents`, other, { scope: 'reporting', insz: '92022900208' }],
        [
          'POST',
          `/clients/${clientId}/moves`,
          kortrijk,
          { municipalityId: menen, effectiveDate: '2025-05-01', address: PERSON.address },
        ],
        ['POST', '/clients/lookups', other, { insz: PERSON.insz }],
        [
          'POST',
          '/clients/lookups',
          kortrijk,
          { givenName: PERSON.givenName, familyName: PERSON.familyName, birthDate: PERSON.birthDate },
        ],
        ['GET', `/clients/${clientId}/subject-access`, dpo, undefined],
        ['POST', `/clients/${clientId}/erasure`, dpo, undefined],
        ['GET', `/clients/${clientId}`, kortrijk, undefined],
        ['GET', `/clients/${clientId}/subject-access`, dpo, undefined],
      ] as const) {
        statuses.push((await call(method, path, headers, body)).status);
      }
      expect(statuses).toEqual([201, 400, 200, 400, 200, 403, 201, 403, 200, 200, 200, 200, 200, 410, 200]);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The capture works: every request left a line, by route template.
      expect(output).toContain('"route":"/clients/:clientId/subject-access"');
      expect(NEEDLES.filter((needle) => output.includes(needle))).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
