import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { eventually } from '../support/projections';
import { type Headers, referralParties, type ReferralParties, requests } from '../support/referral-flow';

interface Notification {
  readonly kind: string;
  readonly referralId: string | null;
}

const NOTE = 'Mevrouw verwacht een telefoontje in het Frans, liefst na 14 uur.';
const FEEDBACK = 'Budgetbegeleiding loopt; de achterstallige huur is afbetaald.';

/**
 * Issue 19's day at the desk, end to end: OCMW Kortrijk refers a person to OCMW Harelbeke on a consent to share for
 * referrals. The receiver sees whom to call and nothing else of the file, writes back, accepts, opens its own intake,
 * completes with feedback; the sender is told of each step. With the consent withdrawn midway, the receiver loses the
 * person at once.
 */
describe.each(testDatabaseKinds())('a warm referral from Kortrijk to Harelbeke on %s', (kind) => {
  let service: TestApp;
  let parties: ReferralParties;
  let ocmwHarelbeke: string;
  let harelbeke: Headers;
  let sequence = 0;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    parties = await referralParties(service);
    const admin = await authHeader({ role: 'admin' });
    const organisations = (
      await service.request({ method: 'GET', url: '/organisations?limit=200', headers: admin })
    ).json<{ items: { name: string; organisationId: string }[] }>().items;
    ocmwHarelbeke = organisations.find((item) => item.name === 'OCMW Harelbeke')!.organisationId;
    harelbeke = await authHeader({ role: 'social_worker', organisationId: ocmwHarelbeke });
  });
  afterAll(() => service.dispose());

  /** A person registered by Kortrijk with a phone, their consent to share for referrals, a trajectory, a referral. */
  const referToHarelbeke = async () => {
    const { request, ok } = requests(service);
    const kortrijk = parties.as.kortrijk;
    const familyName = `Dewaele-${kind}-${(sequence += 1)}`;
    const { clientId } = ok<{ clientId: string }>(
      await request('POST', '/clients', kortrijk, {
        givenName: 'Amélie',
        familyName,
        birthDate: '1984-05-02',
        municipalityId: parties.kortrijk,
        household: { adults: 1, children: 2 },
        mainIncomeSource: 'social_integration_income',
        phone: '+32 470 98 76 54',
        preferredLanguage: 'fr',
      }),
      201,
    );
    const { consentId } = ok<{ consentId: string }>(
      await request('POST', `/clients/${clientId}/consents`, kortrijk, { scope: 'share_for_referrals' }),
      201,
    );
    const { trajectoryId } = ok<{ trajectoryId: string }>(
      await request('POST', '/intake-trajectories', kortrijk, { clientId, origin: 'came_in_themselves' }),
      201,
    );
    const { referralId } = ok<{ referralId: string }>(
      await request('POST', '/referrals', kortrijk, {
        trajectoryId,
        toOrganisationId: ocmwHarelbeke,
        lifeDomain: 'housing',
        warm: true,
        note: NOTE,
      }),
      201,
    );
    return { clientId, consentId, referralId, familyName };
  };

  const notificationsAbout = (headers: Headers, referralId: string, kinds: readonly string[]) =>
    eventually(
      `notifications ${kinds.join(', ')}`,
      async () =>
        (await service.request({ method: 'GET', url: '/notifications?limit=200', headers }))
          .json<{ items: Notification[] }>()
          .items.filter((item) => item.referralId === referralId)
          .map((item) => item.kind),
      (seen) => kinds.every((expected) => seen.includes(expected)),
    );

  it('shows the receiver name, phone and note; it replies, accepts, completes with feedback; the sender is told', async () => {
    const { request, ok } = requests(service);
    const kortrijk = parties.as.kortrijk;
    const { clientId, referralId, familyName } = await referToHarelbeke();

    expect(await notificationsAbout(harelbeke, referralId, ['referral_received'])).toContain('referral_received');
    const handOff = ok(await request('GET', `/referrals/${referralId}/hand-off`, harelbeke));
    expect(handOff).toMatchObject({ givenName: 'Amélie', familyName, phone: '+32 470 98 76 54', note: NOTE });
    // What a hand-off needs, and nothing else of the file; the inbox names the person too.
    expect((await request('GET', `/clients/${clientId}`, harelbeke)).statusCode).toBe(403);
    const inbox = ok<{ items: { referralId: string; clientName: object | null }[] }>(
      await request('GET', '/referrals/inbox?limit=200', harelbeke),
    );
    expect(inbox.items.find((item) => item.referralId === referralId)?.clientName).toEqual({
      givenName: 'Amélie',
      familyName,
    });

    ok(await request('POST', `/referrals/${referralId}/messages`, harelbeke, { text: 'Ik bel haar morgen.' }), 201);
    ok(await request('POST', `/referrals/${referralId}/acceptance`, harelbeke, {}));
    ok(
      await request('POST', '/intake-trajectories', harelbeke, {
        clientId,
        origin: 'referred_by_partner',
        referringOrganisationId: parties.ocmwKortrijk,
        referralId,
      }),
      201,
    );
    ok(await request('POST', `/referrals/${referralId}/first-contact`, harelbeke, {}));
    ok(await request('POST', `/referrals/${referralId}/service-start`, harelbeke, {}));
    ok(
      await request('POST', `/referrals/${referralId}/completion`, harelbeke, {
        outcome: 'need_answered',
        feedback: FEEDBACK,
      }),
    );

    const forSender = ok<{ status: string; completed: { feedback: string } }>(
      await request('GET', `/referrals/${referralId}`, kortrijk),
    );
    expect(forSender).toMatchObject({ status: 'completed', completed: { feedback: FEEDBACK } });
    const messages = ok<{ messages: { text: string; postedBy: string }[] }>(
      await request('GET', `/referrals/${referralId}/messages`, kortrijk),
    );
    expect(messages.messages).toEqual([expect.objectContaining({ postedBy: 'receiver', text: 'Ik bel haar morgen.' })]);
    expect(
      await notificationsAbout(kortrijk, referralId, ['referral_message', 'referral_accepted', 'referral_completed']),
    ).toEqual(expect.arrayContaining(['referral_message', 'referral_accepted', 'referral_completed']));
  });

  it('ends the hand-off at once when the person withdraws their consent midway', async () => {
    const { request, ok } = requests(service);
    const kortrijk = parties.as.kortrijk;
    const { clientId, consentId, referralId } = await referToHarelbeke();
    ok(await request('POST', `/referrals/${referralId}/acceptance`, harelbeke, {}));
    ok(await request('GET', `/referrals/${referralId}/hand-off`, harelbeke));
    ok(await request('POST', `/referrals/${referralId}/messages`, harelbeke, { text: 'Afspraak op dinsdag.' }), 201);

    ok(await request('POST', `/clients/${clientId}/consents/${consentId}/withdrawal`, kortrijk, {}));

    // The very next reads and writes: no name, no phone, no conversation, no intake from the referral.
    const handOff = await request('GET', `/referrals/${referralId}/hand-off`, harelbeke);
    expect(handOff.statusCode).toBe(403);
    expect(handOff.body).not.toContain('Amélie');
    expect(handOff.body).not.toContain('+32');
    const conversation = ok<{ messages: { text: string | null }[] }>(
      await request('GET', `/referrals/${referralId}/messages`, harelbeke),
    );
    expect(conversation.messages.map((message) => message.text)).toEqual([null]);
    const message = await request('POST', `/referrals/${referralId}/messages`, harelbeke, { text: 'Nog één vraag.' });
    expect(message.json()).toMatchObject({ status: 409, code: 'CONSENT_REQUIRED' });
    const intake = await request('POST', '/intake-trajectories', harelbeke, {
      clientId,
      origin: 'referred_by_partner',
      referringOrganisationId: parties.ocmwKortrijk,
      referralId,
    });
    expect(intake.statusCode).toBe(403);
  });
});
