import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, brusselsDateOf } from '../../src/shared/domain/calendar';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { eventually } from '../support/projections';
import { MovableClock, referralParties, type ReferralParties, requests, sentReferral } from '../support/referral-flow';

interface Notification {
  readonly notificationId: string;
  readonly kind: string;
  readonly referralId: string | null;
  readonly trajectoryId: string | null;
  readonly organisationId: string | null;
  readonly organisationName: string | null;
  readonly link: string;
  readonly createdAt: string;
  readonly read: boolean;
}
interface Inbox {
  readonly items: Notification[];
  readonly nextCursor: string | null;
  readonly unreadCount: number;
}

describe.each(testDatabaseKinds())('notifications on %s', (kind) => {
  const clock = new MovableClock();
  let service: TestApp;
  let parties: ReferralParties;
  let sequence = 0;

  beforeAll(async () => {
    service = await startTestApp({
      kind,
      clock,
      env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' },
    });
    parties = await referralParties(service);
  });
  afterAll(() => service.dispose());
  afterEach(() => clock.reset());

  const referral = () => sentReferral(service, parties, `Melding-${kind}-${(sequence += 1)}`);
  const inboxOf = async (headers: Record<string, string>, query = '') =>
    requests(service).ok<Inbox>(await requests(service).request('GET', `/notifications${query}`, headers));
  const about = async (headers: Record<string, string>, referralId: string) =>
    (await inboxOf(headers, '?limit=200')).items.filter((item) => item.referralId === referralId);
  /** The inbox once the projection has caught up with what the test did. */
  const eventuallyAbout = (headers: Record<string, string>, referralId: string, kinds: readonly string[]) =>
    eventually(
      `notifications ${kinds.join(', ')}`,
      () => about(headers, referralId),
      (items) => kinds.every((expected) => items.some((item) => item.kind === expected)),
    );

  it('tells the receiver of a referral, and the sender of every answer, a message and the completion', async () => {
    const { request, ok } = requests(service);
    const { as } = parties;
    const { referralId } = await referral();

    const received = await eventuallyAbout(as.menen, referralId, ['referral_received']);
    expect(received).toEqual([
      expect.objectContaining({
        kind: 'referral_received',
        organisationId: parties.ocmwKortrijk,
        organisationName: 'OCMW Kortrijk',
        link: `/referrals/${referralId}`,
        read: false,
      }),
    ]);
    expect(await about(as.kortrijk, referralId)).toEqual([]);
    expect(await about(as.caw, referralId)).toEqual([]);

    ok(await request('POST', `/referrals/${referralId}/messages`, as.menen, { text: 'Wanneer past het?' }), 201);
    for (const step of ['acceptance', 'first-contact', 'service-start']) {
      ok(await request('POST', `/referrals/${referralId}/${step}`, as.menen, {}));
    }
    ok(await request('POST', `/referrals/${referralId}/completion`, as.menen, { outcome: 'need_answered' }));
    const forSender = await eventuallyAbout(as.kortrijk, referralId, [
      'referral_message',
      'referral_accepted',
      'referral_completed',
    ]);
    expect(forSender.map((item) => item.kind)).toEqual(['referral_completed', 'referral_accepted', 'referral_message']);
    expect(forSender[2]).toMatchObject({ link: `/referrals/${referralId}/messages`, organisationName: 'OCMW Menen' });
    // No personal data in a notification: ids, kinds, organisation names and links only.
    expect(Object.keys(forSender[0]!).sort()).toEqual(
      [
        'createdAt',
        'kind',
        'link',
        'notificationId',
        'organisationId',
        'organisationName',
        'read',
        'referralId',
        'trajectoryId',
      ].sort(),
    );

    // A decline goes to the sender too.
    const second = await referral();
    ok(await request('POST', `/referrals/${second.referralId}/decline`, as.menen, { reason: 'no_capacity' }));
    await eventuallyAbout(as.kortrijk, second.referralId, ['referral_declined']);
  });

  it('derives overdue from the due date at read time, for both organisations, until it is answered', async () => {
    const { request, ok } = requests(service);
    const { as } = parties;
    const { referralId } = await referral();
    await eventuallyAbout(as.menen, referralId, ['referral_received']);
    expect((await about(as.menen, referralId)).map((item) => item.kind)).toEqual(['referral_received']);

    clock.advanceDays(15);
    expect((await about(as.menen, referralId)).map((item) => item.kind)).toEqual([
      'referral_overdue',
      'referral_received',
    ]);
    expect((await about(as.kortrijk, referralId)).map((item) => item.kind)).toEqual(['referral_overdue']);

    ok(await request('POST', `/referrals/${referralId}/acceptance`, as.menen, {}));
    const answered = await eventually(
      'the overdue notification gone',
      () => about(as.menen, referralId),
      (items) => !items.some((item) => item.kind === 'referral_overdue'),
    );
    expect(answered.map((item) => item.kind)).toEqual(['referral_received']);
  });

  it("reminds a task's assignee from its due date on, following a new date and assignee, until it is done", async () => {
    const { request, ok } = requests(service);
    const { as } = parties;
    const { trajectoryId } = await referral();
    const today = brusselsDateOf(new Date());
    const tomorrow = addDays(today, 1);
    const colleague = await authHeader({ role: 'social_worker', organisationId: parties.ocmwKortrijk, userId: 'sw-2' });
    // The colleague writes once for OCMW Kortrijk, so that a task can be assigned to them (docs/adr/0030).
    ok(
      await request('POST', `/intake-trajectories/${trajectoryId}/notes`, colleague, { text: 'Eerste gesprek.' }),
      201,
    );
    const { taskId } = ok<{ taskId: string }>(
      await request('POST', `/intake-trajectories/${trajectoryId}/tasks`, as.kortrijk, {
        kind: 'call_back',
        dueOn: tomorrow,
      }),
      201,
    );
    const reminders = async (headers: Record<string, string>) =>
      (await inboxOf(headers, '?limit=200')).items.filter((item) => item.link === `/tasks/${taskId}`);
    const remindedOf = (headers: Record<string, string>) =>
      eventually(
        'the task reminder',
        () => reminders(headers),
        (items) => items.length > 0,
      );

    expect(await reminders(as.kortrijk)).toEqual([]);
    clock.advanceDays(1);
    expect(await remindedOf(as.kortrijk)).toEqual([
      expect.objectContaining({ kind: 'task_due', trajectoryId, referralId: null, read: false }),
    ]);
    expect(await reminders(colleague)).toEqual([]);
    expect(await reminders(as.menen)).toEqual([]);

    const current = await request('GET', `/tasks/${taskId}`, as.kortrijk);
    ok(await request('POST', `/tasks/${taskId}/reassign`, as.kortrijk, { assigneeId: 'sw-2' }));
    expect(current.statusCode).toBe(200);
    expect(await remindedOf(colleague)).toHaveLength(1);
    expect(await reminders(as.kortrijk)).toEqual([]);

    clock.reset();
    expect(await reminders(colleague)).toEqual([]);
    ok(await request('POST', `/tasks/${taskId}/reschedule`, colleague, { dueOn: today }));
    expect(await remindedOf(colleague)).toHaveLength(1);

    ok(await request('POST', `/tasks/${taskId}/complete`, colleague, {}));
    await eventually(
      'the reminder withdrawn',
      () => reminders(colleague),
      (items) => items.length === 0,
    );
  });

  it('tells the receiving organisation of a transfer of responsibility', async () => {
    const { request, ok } = requests(service);
    const { as } = parties;
    const { clientId, trajectoryId } = await referral();
    ok(
      await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
        scope: 'share_with_organisation',
        organisationId: parties.caw,
      }),
      201,
    );
    ok(
      await request('POST', `/intake-trajectories/${trajectoryId}/transfer`, as.kortrijk, {
        toOrganisationId: parties.caw,
        reason: 'better_placed_partner',
        caseworkerId: 'caw-caseworker-1',
      }),
    );
    const transferred = await eventually(
      'the transfer notification',
      async () => (await inboxOf(as.caw, '?limit=200')).items.filter((item) => item.trajectoryId === trajectoryId),
      (items) => items.length > 0,
    );
    expect(transferred).toEqual([
      expect.objectContaining({
        kind: 'responsibility_transferred',
        organisationId: parties.ocmwKortrijk,
        organisationName: 'OCMW Kortrijk',
        link: `/intake-trajectories/${trajectoryId}`,
        referralId: null,
      }),
    ]);
  });

  it('marks one and all read for the user alone, pages newest first, and refuses another’s notification', async () => {
    const { request, ok } = requests(service);
    const { as } = parties;
    const colleague = await authHeader({
      role: 'social_worker',
      organisationId: parties.ocmwMenen,
      userId: 'menen-colleague',
    });
    const { referralId } = await referral();
    const [received] = await eventuallyAbout(as.menen, referralId, ['referral_received']);
    const before = (await inboxOf(as.menen)).unreadCount;
    expect(before).toBeGreaterThan(0);

    const read = await request('POST', `/notifications/${received!.notificationId}/read`, as.menen, {});
    expect(ok<Notification>(read)).toMatchObject({ notificationId: received!.notificationId, read: true });
    expect((await inboxOf(as.menen)).unreadCount).toBe(before - 1);
    expect((await about(as.menen, referralId))[0]).toMatchObject({ read: true });
    // Reading is the user's own: the colleague still has it unread.
    expect((await about(colleague, referralId))[0]).toMatchObject({ read: false });
    // Again: nothing changes.
    ok(await request('POST', `/notifications/${received!.notificationId}/read`, as.menen, {}));
    expect((await inboxOf(as.menen)).unreadCount).toBe(before - 1);

    // Another organisation's notification is not in your inbox; nor is an unknown one; a body is refused.
    const foreign = await request('POST', `/notifications/${received!.notificationId}/read`, as.caw, {});
    expect([foreign.statusCode, foreign.json<{ code: string }>().code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);
    const withBody = await request('POST', `/notifications/${received!.notificationId}/read`, as.menen, { x: 1 });
    expect(withBody.statusCode).toBe(400);
    expect((await request('POST', '/notifications/not-a-uuid/read', as.menen, {})).statusCode).toBe(400);

    // Pages: newest first, the cursor continues where the page ended.
    const first = await inboxOf(colleague, '?limit=1');
    expect(first.items).toHaveLength(1);
    const next = await inboxOf(colleague, `?limit=1&cursor=${first.nextCursor}`);
    expect(next.items[0]!.notificationId).not.toBe(first.items[0]!.notificationId);
    expect(next.items[0]!.createdAt <= first.items[0]!.createdAt).toBe(true);
    expect((await request('GET', '/notifications?limit=0', colleague)).statusCode).toBe(400);

    ok(await request('POST', '/notifications/read', colleague, {}));
    expect((await inboxOf(colleague)).unreadCount).toBe(0);
    expect((await inboxOf(as.menen)).unreadCount).toBe(before - 1);
  });

  it('streams a new notification live over server-sent events, and ends the stream on shutdown', async () => {
    const { as } = parties;
    await service.app.listen(0, '127.0.0.1');
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    let received = '';
    let ended = false;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/notifications/stream',
        headers: { ...as.menen, accept: 'text/event-stream' },
      });
      request.on('response', resolve).on('error', reject).end();
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (received += chunk));
    response.on('end', () => (ended = true));
    await eventually(
      'the ready event',
      () => received,
      (text) => text.includes('event: ready'),
    );
    expect(received).toMatch(/event: ready\ndata: \{"unreadCount":\d+\}\n\n/);

    const { referralId } = await referral();
    const live = await eventually(
      'the notification on the stream',
      () => received,
      (text) => text.includes(referralId),
    );
    const frame = live.split('\n\n').find((block) => block.includes(referralId))!;
    expect(frame).toMatch(/^id: [0-9a-f-]{36}\nevent: notification\ndata: /);
    expect(JSON.parse(frame.split('data: ')[1]!)).toMatchObject({
      kind: 'referral_received',
      referralId,
      organisationName: 'OCMW Kortrijk',
    });

    await service.close();
    await eventually(
      'the stream ended',
      () => ended,
      (done) => done,
    );
    expect(received.endsWith(': closing\n\n')).toBe(true);
  });
});
