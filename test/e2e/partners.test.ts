import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore, type Position, StreamNotFound } from '../../src/shared/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { W13_MEMBERS } from '../support/w13-members';
import { committedHead } from '../support/event-log';

interface Named {
  readonly name: string;
}

interface ContributionReport {
  readonly municipalities: (Named & { municipalityId: string; amountCents: number })[];
  readonly totals: { amount: string; amountCents: number; repaymentCents: number; netAmountCents: number };
}

describe.each(testDatabaseKinds())('partners and their contributions on %s', (kind) => {
  let service: TestApp;
  let admin: Record<string, string>;
  let socialWorker: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    admin = await authHeader({ role: 'admin' });
    socialWorker = await authHeader({ role: 'social_worker' });
    analyst = await authHeader({ role: 'analyst' });
  });
  afterAll(() => service.dispose());

  const store = () => service.app.get<EventStore>(EVENT_STORE);
  const get = (url: string, headers = socialWorker) => service.request({ method: 'GET', url, headers });
  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, headers: Record<string, string> = {}) =>
    service.request({ method, url, payload, headers: { ...admin, ...headers } });
  /** The position of the last event in the store: unchanged means nothing was stored. */
  const head = (): Promise<Position | undefined> => committedHead(service.app.get(DataSource));
  const streamLength = async (streamId: string) => {
    try {
      return (await store().readStream(streamId)).length;
    } catch (error) {
      if (error instanceof StreamNotFound) return 0;
      throw error;
    }
  };
  const all = async <T>(url: string): Promise<T[]> =>
    (await get(`${url}${url.includes('?') ? '&' : '?'}limit=200`)).json<{ items: T[] }>().items;
  const municipalityNamed = async (name: string) =>
    (await all<{ municipalityId: string } & Named>('/municipalities')).find(
      (municipality) => municipality.name === name,
    )!;

  it('loads the W13 defaults on first start: members, partners, rights and rates', async () => {
    const members = await all<Named & { populations: { year: number; approximate: boolean }[] }>(
      '/municipalities?member=true',
    );
    expect(members.map((municipality) => municipality.name)).toEqual(W13_MEMBERS);
    expect(members.every((municipality) => municipality.populations.length >= 2)).toBe(true);
    expect(members[0]!.populations[0]).toMatchObject({ year: 2023, approximate: true });

    const organisations = await all<
      Named & { type: string; municipalityId: string | null; responseDeadlineDays: number | null }
    >('/organisations');
    const named = (name: string) => organisations.find((organisation) => organisation.name === name);
    expect(named('Konekti')).toMatchObject({ type: 'external', responseDeadlineDays: 30 });
    expect(named('Solentra')).toMatchObject({ type: 'external' });
    for (const service of ['Energiehuis', 'Budget In Zicht', 'Woonclub', 'kracht.wonen', 'wijk-werken', 'FoodAct13']) {
      expect(named(service)).toMatchObject({ type: 'w13_service' });
    }
    expect(organisations.filter((organisation) => organisation.type === 'caw')).toHaveLength(1);
    const ocmws = organisations.filter((organisation) => organisation.type === 'ocmw');
    expect(ocmws).toHaveLength(14);
    const menen = members.find((municipality) => municipality.name === 'Menen') as unknown as {
      municipalityId: string;
    };
    expect(named('OCMW Menen')).toMatchObject({ municipalityId: menen.municipalityId });

    // Menen's catalogue: its own local right and every Flemish and federal one, not Kortrijk's local UiTPAS tariff.
    const catalogue = await all<Named & { level: string; lifeDomain: string }>(
      `/rights-catalogue?municipalityId=${menen.municipalityId}`,
    );
    const rightNames = catalogue.map((right) => right.name);
    expect(rightNames).toEqual(
      expect.arrayContaining([
        'Aanvullende financiële steun op basis van REMI',
        'Verhoogde tegemoetkoming',
        'Sociaal tarief voor energie',
      ]),
    );
    expect(rightNames).not.toContain('UiTPAS kansentarief');
    expect(catalogue.find((right) => right.name === 'Verhoogde tegemoetkoming')).toMatchObject({
      level: 'federal',
      lifeDomain: 'health',
    });

    const schedule = await get('/contribution-schedule', analyst);
    expect(schedule.statusCode).toBe(200);
    expect(schedule.headers.etag).toBe('"2"');
    const { ratePeriods } = schedule.json<{ ratePeriods: { ratePerInhabitant: string }[] }>();
    expect(ratePeriods.map((period) => period.ratePerInhabitant)).toEqual(['0.50', '0.53', '1.00']);
  });

  it('pages lists with cursors, every item once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(`/organisations?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: { organisationId: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((item) => item.organisationId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    const everything = await all<{ organisationId: string }>('/organisations');
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual(everything.map((organisation) => organisation.organisationId));
    expect((await get('/organisations?cursor=bm90LWEtY3Vyc29y')).json()).toMatchObject({
      status: 400,
      code: 'INVALID_CURSOR',
    });
  });

  it('registers and changes an organisation with Idempotency-Key and If-Match; a retry stores nothing twice', async () => {
    const kortrijk = await municipalityNamed('Kortrijk');
    const body = {
      name: 'Sociaal Verhuurkantoor Test',
      type: 'external',
      municipalityId: kortrijk.municipalityId,
      services: ['rental housing'],
      responseDeadlineDays: 21,
    };
    const key = { 'idempotency-key': `register-${randomUUID()}` };
    const first = await send('POST', '/organisations', body, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers.etag).toBe('"0"');
    const { organisationId } = first.json();
    expect(first.headers.location).toBe(`/organisations/${organisationId}`);

    const retry = await send('POST', '/organisations', body, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await streamLength(`organisation-${organisationId}`)).toBe(1);

    // The command waited for the read model: the client reads its own write.
    const read = await get(`/organisations/${organisationId}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.json()).toMatchObject({ name: body.name, responseDeadlineDays: 21, active: true });

    const changed = await send(
      'PATCH',
      `/organisations/${organisationId}`,
      { responseDeadlineDays: 10 },
      { 'if-match': '"0"' },
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"1"');
    const stale = await send(
      'PATCH',
      `/organisations/${organisationId}`,
      { responseDeadlineDays: 5 },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'REVISION_MISMATCH' });
    expect((await get(`/organisations/${organisationId}`)).json()).toMatchObject({
      responseDeadlineDays: 10,
      revision: 1,
    });

    const deactivated = await send('POST', `/organisations/${organisationId}/deactivate`, {});
    expect(deactivated.json()).toMatchObject({ active: false, revision: 2 });
    expect((await all<{ organisationId: string }>('/organisations')).map((o) => o.organisationId)).not.toContain(
      organisationId,
    );
    const refused = await send('PATCH', `/organisations/${organisationId}`, { name: 'Again' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ORGANISATION_DEACTIVATED' });
  });

  it('refuses bad reference data with a clear problem and stores nothing', async () => {
    const before = await head();
    const unknownMunicipality = await send('POST', '/organisations', {
      name: 'OCMW Nergensdorp',
      type: 'ocmw',
      municipalityId: randomUUID(),
      services: [],
    });
    expect(unknownMunicipality.statusCode).toBe(409);
    expect(unknownMunicipality.json()).toMatchObject({ code: 'UNKNOWN_MUNICIPALITY' });

    const ocmwWithoutMunicipality = await send('POST', '/organisations', {
      name: 'OCMW X',
      type: 'ocmw',
      services: [],
    });
    expect(ocmwWithoutMunicipality.statusCode).toBe(400);
    expect(ocmwWithoutMunicipality.json().errors).toEqual([expect.objectContaining({ field: 'municipalityId' })]);

    const negative = await send('POST', '/municipalities', {
      name: 'Minusdorp',
      member: true,
      populations: [{ year: 2024, population: -1 }],
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(negative.json().errors).toEqual([expect.objectContaining({ field: 'populations[0].population' })]);

    const kortrijk = await municipalityNamed('Kortrijk');
    const twice = await send('POST', `/municipalities/${kortrijk.municipalityId}/populations`, {
      year: 2024,
      population: 80_000,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'POPULATION_ALREADY_RECORDED' });

    const overlap = await send('POST', '/contribution-schedule/rate-periods', {
      ratePerInhabitant: '1.10',
      firstWorkingYear: 2026,
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: 'RATE_PERIOD_OVERLAP' });
    expect(overlap.json().detail).toContain('2021 onwards');

    const floatRate = await send('POST', '/contribution-schedule/rate-periods', {
      ratePerInhabitant: 1.1,
      firstWorkingYear: 2040,
    });
    expect(floatRate.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });

    const federalWithMunicipality = await send('POST', '/rights-catalogue', {
      name: 'Federaal recht',
      lifeDomain: 'finances',
      level: 'federal',
      municipalityId: kortrijk.municipalityId,
    });
    expect(federalWithMunicipality.json()).toMatchObject({ status: 409, code: 'MUNICIPALITY_NOT_ALLOWED' });

    const unknownField = await send('POST', '/rights-catalogue', {
      name: 'Recht',
      lifeDomain: 'finances',
      level: 'federal',
      citizen: 'Jan',
    });
    expect(unknownField.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });

    const notAdmin = await send('POST', '/municipalities', { name: 'Nieuwdorp', member: false }, socialWorker);
    expect(notAdmin.statusCode).toBe(403);

    const missing = await send('PATCH', `/organisations/${randomUUID()}`, { name: 'Nobody' });
    expect(missing.json()).toMatchObject({ status: 404, code: 'ORGANISATION_NOT_FOUND' });

    expect(await head()).toEqual(before);
  });

  it('manages the rights catalogue: a local right for one municipality, changed and retired', async () => {
    const wevelgem = await municipalityNamed('Wevelgem');
    const added = await send('POST', '/rights-catalogue', {
      name: 'Gemeentelijke energiepremie',
      lifeDomain: 'energy',
      level: 'local',
      municipalityId: wevelgem.municipalityId,
    });
    expect(added.statusCode).toBe(201);
    const { rightId } = added.json();
    const wevelgemCatalogue = await all<{ rightId: string }>(
      `/rights-catalogue?municipalityId=${wevelgem.municipalityId}`,
    );
    expect(wevelgemCatalogue.map((right) => right.rightId)).toContain(rightId);
    const kortrijk = await municipalityNamed('Kortrijk');
    const kortrijkCatalogue = await all<{ rightId: string }>(
      `/rights-catalogue?municipalityId=${kortrijk.municipalityId}`,
    );
    expect(kortrijkCatalogue.map((right) => right.rightId)).not.toContain(rightId);

    const changed = await send(
      'PATCH',
      `/rights-catalogue/${rightId}`,
      { lifeDomain: 'finances' },
      { 'if-match': '"0"' },
    );
    expect(changed.json()).toMatchObject({ lifeDomain: 'finances', revision: 1 });
    const retired = await send('POST', `/rights-catalogue/${rightId}/retire`, {});
    expect(retired.json()).toMatchObject({ retired: true, revision: 2 });
    expect((await get(`/rights-catalogue/${rightId}`)).json()).toMatchObject({ retired: true });
    expect((await all<{ rightId: string }>('/rights-catalogue')).map((right) => right.rightId)).not.toContain(rightId);
  });

  it("reproduces the statutes' example: 28,144 inhabitants give €28,144, of which the care company pays back €13,227", async () => {
    const registered = await send('POST', '/municipalities', {
      name: 'Voorbeeldstad',
      member: true,
      populations: [{ year: 2024, population: 28_144, source: "The statutes' example" }],
    });
    expect(registered.statusCode).toBe(201);
    const { municipalityId } = registered.json();
    const agreement = await send('POST', '/contribution-schedule/co-funding-agreements', {
      municipalityId,
      coFunderName: 'Zorgbedrijf Voorbeeldstad',
      baseRatePerInhabitant: '0.53',
      firstWorkingYear: 2021,
    });
    expect(agreement.statusCode).toBe(201);
    expect(agreement.headers.etag).toBe('"3"');

    const response = await get('/contributions/2025', analyst);
    expect(response.statusCode).toBe(200);
    const report = response.json<ContributionReport>();
    expect(report).toMatchObject({
      workingYear: 2025,
      populationYear: 2024,
      ratePeriod: { ratePerInhabitant: '1.00' },
      complete: true,
      approximate: true,
    });
    const line = report.municipalities.find((candidate) => candidate.municipalityId === municipalityId);
    expect(line).toMatchObject({
      population: 28_144,
      populationApproximate: false,
      amount: '28144.00',
      amountCents: 2_814_400,
      coFunding: { coFunderName: 'Zorgbedrijf Voorbeeldstad', repayment: '13227.00', repaymentCents: 1_322_700 },
      netAmount: '14917.00',
    });
    expect(report.municipalities).toHaveLength(15);
    const sum = report.municipalities.reduce((total, each) => total + each.amountCents, 0);
    expect(report.totals).toMatchObject({
      amountCents: sum,
      repaymentCents: 1_322_700,
      netAmountCents: sum - 1_322_700,
    });

    const csv = await service.request({
      method: 'GET',
      url: '/contributions/2025',
      headers: { ...analyst, accept: 'text/csv' },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="contributions-2025.csv"');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'working_year,population_year,municipality_id,municipality_name,population,population_approximate,' +
        'rate_per_inhabitant,amount,co_funder,repayment,net_amount',
    );
    expect(lines).toHaveLength(1 + 15 + 1);
    expect(lines).toContain(
      `2025,2024,${municipalityId},Voorbeeldstad,28144,false,1.00,28144.00,Zorgbedrijf Voorbeeldstad,13227.00,14917.00`,
    );
    expect(lines.at(-1)).toMatch(new RegExp(`^2025,2024,,total,\\d+,true,1.00,${report.totals.amount},,13227.00,`));

    expect((await get('/contributions/2014', analyst)).json()).toMatchObject({
      status: 404,
      code: 'CONTRIBUTION_RATE_NOT_SET',
    });
    expect((await get('/contributions/2025', socialWorker)).statusCode).toBe(403);
  });

  it('corrects a population as a new event, keeping the earlier figure in the history', async () => {
    const menen = await municipalityNamed('Menen');
    const corrected = await send('PUT', `/municipalities/${menen.municipalityId}/populations/2024`, {
      population: 33_950,
      source: 'Statbel',
    });
    expect(corrected.statusCode).toBe(200);
    const figure = corrected.json<{ populations: { year: number }[] }>().populations.find((each) => each.year === 2024);
    expect(figure).toEqual({ year: 2024, population: 33_950, approximate: false, source: 'Statbel', corrected: true });
    const events = await store().readStream(`municipality-${menen.municipalityId}`);
    expect(events.at(-1)).toMatchObject({
      type: 'MunicipalityPopulationCorrected',
      data: { year: 2024, population: 33_950, previousPopulation: 34_000 },
    });
    expect(events.at(-1)!.metadata).toMatchObject({ roles: ['admin'] });
  });

  it('documents its endpoints in OpenAPI: summaries, roles, command headers and problem answers', async () => {
    const document = (await service.request({ method: 'GET', url: '/docs-json' })).json<{
      paths: Record<
        string,
        Record<string, { summary?: string; description?: string; responses: object; parameters?: { name: string }[] }>
      >;
    }>();
    const addRate = document.paths['/contribution-schedule/rate-periods']!.post!;
    expect(addRate.summary).toMatch(/contribution rate/);
    expect(addRate.description).toContain('`admin`');
    expect(Object.keys(addRate.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '412']));
    expect(addRate.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['Idempotency-Key', 'If-Match']),
    );
    const contributions = document.paths['/contributions/{workingYear}']!.get!;
    expect(contributions.description).toContain('rounded down');
    expect(contributions.description).toContain('`analyst`');
    expect(Object.keys(contributions.responses)).toEqual(expect.arrayContaining(['200', '404']));
  });

  it('keeps reference-data changes, which are events, across a restart, and loads the defaults only once', async () => {
    const menen = await municipalityNamed('Menen');
    const lengthBefore = await streamLength(`municipality-${menen.municipalityId}`);
    const before = await head();
    service = await service.restart();
    expect(await head()).toEqual(before);
    expect(await streamLength(`municipality-${menen.municipalityId}`)).toBe(lengthBefore);
    const read = await get(`/municipalities/${menen.municipalityId}`);
    expect(read.json().populations).toContainEqual(expect.objectContaining({ year: 2024, population: 33_950 }));
    expect(read.headers.etag).toBe(`"${lengthBefore - 1}"`);
    const report = (await get('/contributions/2025', analyst)).json<ContributionReport>();
    expect(report.municipalities.find((line) => line.name === 'Voorbeeldstad')).toMatchObject({
      netAmount: '14917.00',
    });
  });
});
