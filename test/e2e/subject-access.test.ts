import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { eventually } from '../support/projections';

type Headers = Record<string, string>;

interface EventView {
  readonly type: string;
  readonly organisationId: string | null;
  readonly data: Record<string, unknown>;
}

interface Section {
  readonly streams: { readonly streamId: string; readonly events: EventView[] }[];
  readonly readModels: Record<string, Record<string, unknown>[]>;
}

interface Report {
  readonly status: string;
  readonly capabilities: { readonly intake: Section; readonly referral: Section };
}

const UNREADABLE = { sealed: true, readable: false };

/** Free text about the person, each distinctive, so that a copy anywhere in the report would be found. */
const FAMILY_NAME = 'Vermeulen-Kabongo';
const DESCRIPTION = 'Huurachterstand van drie maanden bij de sociale huisvestingsmaatschappij.';
const NOTE = 'Liefst bellen na vijftien uur; spreekt Frans en Lingala.';
const EXPLANATION = 'Wachtlijst tot het najaar voor budgetbegeleiding.';
const FREE_TEXT = [FAMILY_NAME, DESCRIPTION, NOTE, EXPLANATION];

describe.each(testDatabaseKinds())('subject access across capabilities on %s', (kind) => {
  let service: TestApp;
  const as: Record<'kortrijk' | 'menen' | 'dpo', Headers> = {} as never;
  let kortrijk: string;
  let ocmwMenen: string;

  beforeAll(async () => {
    service = await startTestApp({ kind });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
    const organisations = await list<{ name: string; organisationId: string }>('/organisations');
    const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    ocmwMenen = organisation('OCMW Menen');
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: organisation('OCMW Kortrijk') });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.dpo = await authHeader({ role: 'dpo', organisationId: organisation('W13') });
  });
  afterAll(() => service.dispose());

  const ok = async <T = Record<string, string>>(
    method: 'GET' | 'POST',
    url: string,
    headers: Headers,
    payload?: object,
  ): Promise<T> => {
    const response: LightMyRequestResponse = await service.request({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(/^20[01] /);
    return response.json<T>();
  };

  /** A person of OCMW Kortrijk with an intake (a need described) and a referral (with a note) to OCMW Menen. */
  const personWithIntakeAndReferral = async (familyName: string) => {
    const { clientId } = await ok('POST', '/clients', as.kortrijk, {
      givenName: 'Nadia',
      familyName,
      birthDate: '1990-03-14',
      municipalityId: kortrijk,
      household: { adults: 1, children: 1 },
      mainIncomeSource: 'social_integration_income',
    });
    await ok('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'share_for_referrals' });
    const { trajectoryId } = await ok('POST', '/intake-trajectories', as.kortrijk, {
      clientId,
      origin: 'came_in_themselves',
    });
    const { needId } = await ok('POST', `/intake-trajectories/${trajectoryId}/needs`, as.kortrijk, {
      lifeDomain: 'housing',
      description: DESCRIPTION,
    });
    const { referralId } = await ok('POST', '/referrals', as.kortrijk, {
      trajectoryId,
      toOrganisationId: ocmwMenen,
      lifeDomain: 'housing',
      needId,
      warm: false,
      note: NOTE,
    });
    return { clientId: clientId!, trajectoryId: trajectoryId!, needId: needId!, referralId: referralId! };
  };

  const reportOf = (clientId: string) => ok<Report>('GET', `/clients/${clientId}/subject-access`, as.dpo);
  const eventOf = (section: Section, type: string) =>
    section.streams.flatMap((stream) => stream.events).find((event) => event.type === type);

  it("reports the person's trajectories and referrals, free text opened; after erasure it is unreadable", async () => {
    const { clientId, trajectoryId, needId, referralId } = await personWithIntakeAndReferral(FAMILY_NAME);
    await ok('POST', `/referrals/${referralId}/decline`, as.menen, { reason: 'no_capacity', explanation: EXPLANATION });
    // Someone else's trajectory and referral must stay out of the report.
    const other = await personWithIntakeAndReferral('Andere-Persoon');

    // The read models are part of the report: wait until the referral's row shows the decline.
    const before = await eventually(
      'the referral declined in the read models',
      () => reportOf(clientId),
      (report) => report.capabilities.referral.readModels.referrals?.[0]?.status === 'declined',
    );
    const { intake, referral } = before.capabilities;
    expect(intake.streams.map((stream) => stream.streamId)).toEqual([`intake-${trajectoryId}`]);
    expect(intake.streams[0]!.events.map((event) => event.type)).toEqual(['IntakeOpened', 'NeedRecorded']);
    expect(eventOf(intake, 'NeedRecorded')).toMatchObject({ data: { needId, description: DESCRIPTION } });
    expect(intake.readModels.intake_trajectories).toEqual([
      expect.objectContaining({
        trajectoryId,
        clientId,
        detail: expect.objectContaining({ needs: [expect.anything()] }),
      }),
    ]);
    expect((intake.readModels.intake_trajectories![0]!.detail as { needs: unknown[] }).needs[0]).toMatchObject({
      needId,
      description: DESCRIPTION,
    });
    expect(intake.readModels.intake_trajectories![0]).not.toHaveProperty('lastAppliedCommit');
    expect(intake.readModels.intake_trajectory_referrals).toEqual([expect.objectContaining({ referralId })]);
    expect(intake.readModels.intake_open_claims).toEqual([expect.objectContaining({ clientId, trajectoryId })]);

    expect(referral.streams.map((stream) => stream.streamId)).toEqual([`referral-${referralId}`]);
    expect(referral.streams[0]!.events.map((event) => event.type)).toEqual(['ReferralSent', 'ReferralDeclined']);
    expect(eventOf(referral, 'ReferralSent')).toMatchObject({ data: { clientId, note: NOTE } });
    expect(eventOf(referral, 'ReferralDeclined')).toMatchObject({
      organisationId: ocmwMenen,
      data: { reason: 'no_capacity', explanation: EXPLANATION },
    });
    expect(referral.readModels.referrals).toEqual([
      expect.objectContaining({ referralId, clientId, hasNote: true, status: 'declined', revision: '1' }),
    ]);
    const text = JSON.stringify(before);
    expect(FREE_TEXT.filter((needle) => !text.includes(needle))).toEqual([]);
    for (const id of [other.clientId, other.trajectoryId, other.referralId]) expect(text).not.toContain(id);

    await ok('POST', `/clients/${clientId}/erasure`, as.dpo);
    // The key is gone at once; the intake read model is scrubbed by its projection a moment later.
    const after = await eventually(
      'the trajectory scrubbed',
      () => reportOf(clientId),
      (report) => report.capabilities.intake.readModels.intake_trajectories?.[0]?.personalDataErased === true,
    );
    expect(after.status).toBe('erased');
    expect(eventOf(after.capabilities.intake, 'NeedRecorded')?.data.description).toEqual(UNREADABLE);
    expect(eventOf(after.capabilities.referral, 'ReferralSent')?.data.note).toEqual(UNREADABLE);
    expect(eventOf(after.capabilities.referral, 'ReferralDeclined')?.data.explanation).toEqual(UNREADABLE);
    const detail = after.capabilities.intake.readModels.intake_trajectories![0]!.detail as { needs: unknown[] };
    expect(detail.needs[0]).toMatchObject({ needId, description: null });
    // Nothing of the person's free text or name is left anywhere in the report.
    const erasedText = JSON.stringify(after);
    expect(FREE_TEXT.filter((needle) => erasedText.includes(needle))).toEqual([]);

    // The other person's report still opens their texts.
    const untouched = await reportOf(other.clientId);
    expect(eventOf(untouched.capabilities.intake, 'NeedRecorded')?.data.description).toBe(DESCRIPTION);
    expect(eventOf(untouched.capabilities.referral, 'ReferralSent')?.data.note).toBe(NOTE);
  });

  it("describes the capabilities' parts in the OpenAPI document", async () => {
    const document = (await service.request({ method: 'GET', url: '/docs-json' })).json<{
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    }>();
    const { schemas } = document.components;
    expect(schemas.SubjectAccessReport?.properties.capabilities).toMatchObject({
      type: 'object',
      additionalProperties: { $ref: '#/components/schemas/SubjectAccessSectionView' },
    });
    expect(Object.keys(schemas.SubjectAccessSectionView?.properties ?? {})).toEqual(['streams', 'readModels']);
  });

  it('answers empty parts for a person with neither trajectory nor referral', async () => {
    const { clientId } = await ok('POST', '/clients', as.kortrijk, {
      givenName: 'Jan',
      familyName: 'Zonder-Traject',
      birthDate: '1970-11-02',
      municipalityId: kortrijk,
      household: { adults: 1, children: 0 },
      mainIncomeSource: 'pension',
    });
    const report = await reportOf(clientId!);
    expect(report.capabilities).toEqual({
      intake: {
        streams: [],
        readModels: { intake_trajectories: [], intake_trajectory_referrals: [], intake_open_claims: [] },
      },
      referral: { streams: [], readModels: { referrals: [], referralConversations: [] } },
      casework: { streams: [], readModels: { casework_case_notes: [], casework_tasks: [] } },
    });
  });
});
