import { randomUUID } from 'node:crypto';
import { Controller, Get, Module, Param, Post } from '@nestjs/common';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { Roles } from '../../src/shared/auth/access.decorators';
import { AccessLogEntry, AccessLogged } from '../../src/shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../src/shared/auth/access-log/pending-entry';
import { ProblemException } from '../../src/shared/http/problem-details';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader, HOME_ORGANISATION, OTHER_ORGANISATION, testUserId } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

/** Case files as a capability would serve them: each belongs to a person. */
const CASE_FILES = new Map([
  ['0f7d6c5b-4a39-4281-9706-a5b4c3d2e1f0', '5d2c9a1e-7f3b-4e8a-9c6d-1b2a3c4d5e6f'],
  ['1e8f7a6b-5c4d-4e3f-8a1b-2c3d4e5f6a7b', '6e3dab2f-8a4c-4f9b-8d7e-2c3b4d5e6f70'],
]);
const [[CASE_FILE, PERSON], [OTHER_CASE_FILE, OTHER_PERSON]] = [...CASE_FILES] as [[string, string], [string, string]];

@Controller('probe-case-files')
class CaseFileProbeController {
  @Get()
  @Roles('social_worker')
  @AccessLogged({ resource: 'caseFile' })
  list(@AccessLogEntry() entry: PendingAccessLogEntry) {
    for (const person of CASE_FILES.values()) entry.addPerson(person);
    return [...CASE_FILES.keys()];
  }

  @Get(':id')
  @Roles('social_worker')
  @AccessLogged({ resource: 'caseFile', idParam: 'id' })
  read(@Param('id') id: string, @AccessLogEntry() entry: PendingAccessLogEntry) {
    const person = CASE_FILES.get(id);
    if (person === undefined) throw new ProblemException(404, 'NOT_FOUND', 'No such case file');
    entry.addPerson(person);
    return { id, notes: 'Schulden bij de energieleverancier' };
  }

  @Post(':id/notes')
  @Roles('social_worker')
  @AccessLogged({ resource: 'caseFile', idParam: 'id' })
  addNote(@Param('id') id: string, @AccessLogEntry() entry: PendingAccessLogEntry) {
    entry.addPerson(CASE_FILES.get(id) ?? '');
    return { id };
  }
}

@Module({ controllers: [CaseFileProbeController] })
class CaseFileProbeModule {}

interface EntryView {
  id: string;
  occurredAt: string;
  personId: string | null;
  userId: string | null;
}

interface Page {
  items: EntryView[];
  nextCursor: string | null;
}

interface Row {
  user_id: string | null;
  organisation_id: string | null;
  roles: string[];
  action: string;
  resource_type: string;
  resource_id: string | null;
  person_id: string | null;
  method: string;
  route: string;
  status_code: number;
  outcome: string;
  request_id: string;
}

describe.each(testDatabaseKinds())('the access log on %s', (kind) => {
  let service: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    service = await startTestApp({ kind, extraModules: [CaseFileProbeModule] });
    dataSource = service.app.get(DataSource);
  });
  afterAll(() => service.dispose());

  const socialWorker = () => authHeader({ role: 'social_worker' });
  const dpo = () => authHeader({ role: 'dpo' });
  const entriesOf = (response: LightMyRequestResponse) =>
    dataSource.query<Row[]>(
      `SELECT user_id, organisation_id, roles, action, resource_type, resource_id, person_id, method, route,
              status_code, outcome, request_id
         FROM access_log WHERE request_id = $1 ORDER BY person_id`,
      [response.headers['x-request-id']],
    );

  it('records a served read: who, their organisation and roles, what, the route template and the outcome', async () => {
    const response = await service.request({
      method: 'GET',
      url: `/probe-case-files/${CASE_FILE}`,
      headers: await socialWorker(),
    });
    expect(response.statusCode).toBe(200);
    expect(await entriesOf(response)).toEqual([
      {
        user_id: testUserId(['social_worker']),
        organisation_id: HOME_ORGANISATION,
        roles: ['social_worker'],
        action: 'read',
        resource_type: 'caseFile',
        resource_id: CASE_FILE,
        person_id: PERSON,
        method: 'GET',
        route: '/probe-case-files/:id',
        status_code: 200,
        outcome: 'allowed',
        request_id: response.headers['x-request-id'],
      },
    ]);
  });

  it('records a write as a write', async () => {
    const response = await service.request({
      method: 'POST',
      url: `/probe-case-files/${OTHER_CASE_FILE}/notes`,
      headers: await socialWorker(),
    });
    expect(response.statusCode).toBe(201);
    expect(await entriesOf(response)).toEqual([
      expect.objectContaining({
        action: 'write',
        resource_id: OTHER_CASE_FILE,
        person_id: OTHER_PERSON,
        status_code: 201,
      }),
    ]);
  });

  it('records one entry per person a list shows', async () => {
    const response = await service.request({ method: 'GET', url: '/probe-case-files', headers: await socialWorker() });
    expect(response.statusCode).toBe(200);
    const entries = await entriesOf(response);
    expect(entries.map((entry) => entry.person_id).sort()).toEqual([PERSON, OTHER_PERSON].sort());
    expect(entries.every((entry) => entry.route === '/probe-case-files' && entry.resource_id === null)).toBe(true);
  });

  it('records refused calls: without a token (no user) and with a role that may not', async () => {
    const anonymous = await service.request({ method: 'GET', url: `/probe-case-files/${CASE_FILE}` });
    expect(anonymous.statusCode).toBe(401);
    expect(await entriesOf(anonymous)).toEqual([
      expect.objectContaining({
        user_id: null,
        organisation_id: null,
        roles: [],
        resource_id: CASE_FILE,
        status_code: 401,
        outcome: 'denied',
      }),
    ]);

    const analyst = await service.request({
      method: 'GET',
      url: `/probe-case-files/${CASE_FILE}`,
      headers: await authHeader({ role: 'analyst', organisationId: OTHER_ORGANISATION }),
    });
    expect(analyst.statusCode).toBe(403);
    expect(await entriesOf(analyst)).toEqual([
      expect.objectContaining({
        user_id: testUserId(['analyst'], OTHER_ORGANISATION),
        organisation_id: OTHER_ORGANISATION,
        roles: ['analyst'],
        // The handler never ran: the person is unknown to a refused call.
        person_id: null,
        status_code: 403,
        outcome: 'denied',
      }),
    ]);
  });

  it('records failures with their status', async () => {
    const response = await service.request({
      method: 'GET',
      url: `/probe-case-files/${randomUUID()}`,
      headers: await socialWorker(),
    });
    expect(response.statusCode).toBe(404);
    expect(await entriesOf(response)).toEqual([expect.objectContaining({ status_code: 404, outcome: 'failed' })]);
  });

  it('stores identifiers only: no name from the path, the query or the token', async () => {
    const response = await service.request({
      method: 'GET',
      url: '/probe-case-files/Jan%20Peeters?naam=Jan%20Peeters&geboortedatum=1970-01-01',
      headers: await authHeader({ role: 'social_worker', name: 'Jan Peeters' }),
    });
    expect(response.statusCode).toBe(404);
    const entries = await entriesOf(response);
    expect(entries).toEqual([
      expect.objectContaining({ resource_id: null, person_id: null, route: '/probe-case-files/:id' }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Jan|Peeters|1970|naam/);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    await service.request({ method: 'GET', url: `/probe-case-files/${CASE_FILE}`, headers: await socialWorker() });
    const before = await dataSource.query<{ count: string }[]>('SELECT count(*)::text AS count FROM access_log');
    await expect(dataSource.query(`UPDATE access_log SET user_id = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE access_log')).rejects.toThrow(/append-only/);
    const after = await dataSource.query<{ count: string }[]>('SELECT count(*)::text AS count FROM access_log');
    expect(after).toEqual(before);
    expect(Number(after[0]!.count)).toBeGreaterThan(0);
  });

  it('withholds the response (503) when its entry cannot be stored', async () => {
    await dataSource.query('ALTER TABLE access_log RENAME TO access_log_away');
    let response: LightMyRequestResponse;
    try {
      response = await service.request({
        method: 'GET',
        url: `/probe-case-files/${CASE_FILE}`,
        headers: await socialWorker(),
      });
    } finally {
      await dataSource.query('ALTER TABLE access_log_away RENAME TO access_log');
    }
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'ACCESS_LOG_UNAVAILABLE' });
    expect(response.body).not.toContain('Schulden');
  });

  describe('GET /access-log', () => {
    const person = randomUUID();
    const reader = randomUUID();
    const readerHeaders = () => authHeader({ role: 'social_worker', userId: reader });

    const caseFile = randomUUID();
    // Removed again: the list probe above must show the same case files on every database kind.
    afterAll(() => CASE_FILES.delete(caseFile));

    beforeAll(async () => {
      CASE_FILES.set(caseFile, person);
      // The entries' ids cross a power of ten (…99 to …100), where ordering them as text would go wrong.
      await dataSource.query(
        `SELECT setval('access_log_id_seq', (10 ^ ceil(log(coalesce(max(id), 0) + 4)))::bigint - 3) FROM access_log`,
      );
      for (let read = 0; read < 5; read += 1) {
        const response = await service.request({
          method: 'GET',
          url: `/probe-case-files/${caseFile}`,
          headers: await readerHeaders(),
        });
        expect(response.statusCode).toBe(200);
      }
    });

    it("lists a person's entries newest first, page by page with an opaque cursor", async () => {
      const seen: EntryView[] = [];
      let url = `/access-log?personId=${person}&limit=2`;
      const pages: number[] = [];
      for (;;) {
        const response = await service.request({ method: 'GET', url, headers: await dpo() });
        expect(response.statusCode).toBe(200);
        const page = response.json<Page>();
        pages.push(page.items.length);
        seen.push(...page.items);
        if (page.nextCursor === null) break;
        expect(page.nextCursor).not.toMatch(/^\d+$/);
        url = `/access-log?personId=${person}&limit=2&cursor=${page.nextCursor}`;
      }
      expect(pages).toEqual([2, 2, 1]);
      expect(seen.every((entry) => entry.personId === person && entry.userId === reader)).toBe(true);
      const ids = seen.map((entry) => BigInt(entry.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
      expect(new Set(ids).size).toBe(5);
    });

    it("lists a user's entries, and both filters together", async () => {
      const byUser = (
        await service.request({ method: 'GET', url: `/access-log?userId=${reader}`, headers: await dpo() })
      ).json();
      expect(byUser.items).toHaveLength(5);
      expect(byUser.items[0]).toMatchObject({
        userId: reader,
        organisationId: HOME_ORGANISATION,
        roles: ['social_worker'],
        action: 'read',
        resourceType: 'caseFile',
        personId: person,
        method: 'GET',
        route: '/probe-case-files/:id',
        statusCode: 200,
        outcome: 'allowed',
      });
      const occurredAt = (byUser as Page).items[0]!.occurredAt;
      expect(new Date(occurredAt).toISOString()).toBe(occurredAt);
      const both = await service.request({
        method: 'GET',
        url: `/access-log?userId=${reader}&personId=${PERSON}`,
        headers: await dpo(),
      });
      expect(both.json()).toEqual({ items: [], nextCursor: null });
    });

    it("logs the officer's own look-up of a person", async () => {
      const response = await service.request({
        method: 'GET',
        url: `/access-log?personId=${person}`,
        headers: await dpo(),
      });
      expect(await entriesOf(response)).toEqual([
        expect.objectContaining({
          user_id: testUserId(['dpo']),
          resource_type: 'accessLog',
          person_id: person,
          route: '/access-log',
          outcome: 'allowed',
        }),
      ]);
    });

    it.each([
      ['no filter', '/access-log', 'personId'],
      ['a person id that is no UUID', '/access-log?personId=Jan%20Peeters', 'personId'],
      ['a limit above 200', `/access-log?personId=${randomUUID()}&limit=201`, 'limit'],
      ['a limit of 0', `/access-log?personId=${randomUUID()}&limit=0`, 'limit'],
      ['a cursor it did not issue', `/access-log?personId=${randomUUID()}&cursor=bm9wZQ`, 'cursor'],
      // Counted, not named: an unknown parameter's name is the caller's text.
      ['an unknown parameter', `/access-log?personId=${randomUUID()}&naam=Jan`, '(unknown fields)'],
    ])('refuses %s with a 400 naming the field', async (_name, url, field) => {
      const response = await service.request({ method: 'GET', url, headers: await dpo() });
      expect(response.statusCode).toBe(400);
      const { errors } = response.json<{ errors: { field: string }[] }>();
      expect(errors.map((error) => error.field)).toContain(field);
    });

    it('is for the data-protection officer only', async () => {
      const response = await service.request({
        method: 'GET',
        url: `/access-log?personId=${person}`,
        headers: await authHeader({ roles: ['admin', 'coordinator', 'social_worker'] }),
      });
      expect(response.statusCode).toBe(403);
    });
  });
});
