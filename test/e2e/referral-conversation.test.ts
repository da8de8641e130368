import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../src/shared/crypto';
import { EVENT_STORE, type EventStore } from '../../src/shared/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { testDatabaseKinds } from '../support/database';
import { eventually } from '../support/projections';
import { referralParties, type ReferralParties, requests, sentReferral } from '../support/referral-flow';

interface Message {
  readonly messageId: string;
  readonly postedBy: 'sender' | 'receiver';
  readonly fromOrganisationId: string;
  readonly text: string | null;
}
interface Conversation {
  readonly unread: number;
  readonly messages: Message[];
}
interface FollowUp {
  readonly items: { readonly referralId: string; readonly unreadReplies: number; readonly status: string }[];
}
interface Section {
  readonly streams: { readonly streamId: string; readonly events: { type: string; data: Record<string, unknown> }[] }[];
  readonly readModels: Record<string, Record<string, unknown>[]>;
}

const QUESTION = 'Kan mevrouw dinsdag om tien uur langskomen voor het budgetplan?';
const ANSWER = 'Dinsdag lukt, ze neemt haar loonbrieven van maart mee.';
const FEEDBACK = 'Budgetbegeleiding loopt; de huurachterstand is afbetaald.';

describe.each(testDatabaseKinds())('the conversation on a referral on %s', (kind) => {
  let service: TestApp;
  let parties: ReferralParties;
  let sequence = 0;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    parties = await referralParties(service);
  });
  afterAll(() => service.dispose());

  const referral = () => sentReferral(service, parties, `Gesprek-${kind}-${(sequence += 1)}`);
  const http = () => requests(service);
  const followUpOf = async (referralId: string) =>
    http()
      .ok<FollowUp>(await http().request('GET', '/referrals/follow-up', parties.as.kortrijk))
      .items.find((item) => item.referralId === referralId);

  it('lets both organisations write and read; replies show unread in the sender’s follow-up list until read', async () => {
    const { request, ok } = http();
    const { as } = parties;
    const { referralId } = await referral();

    const posted = await request('POST', `/referrals/${referralId}/messages`, as.kortrijk, { text: QUESTION });
    expect(ok<Message>(posted, 201)).toMatchObject({
      postedBy: 'sender',
      fromOrganisationId: parties.ocmwKortrijk,
      text: QUESTION,
    });
    expect(posted.headers.etag).toBe('"0"');
    expect(posted.headers.location).toBe(`/referrals/${referralId}/messages`);

    // The receiver reads it (one unread for it) and answers; the referral moving on never gets in the way.
    const forReceiver = ok<Conversation>(await request('GET', `/referrals/${referralId}/messages`, as.menen));
    expect(forReceiver).toMatchObject({ unread: 1, messages: [{ postedBy: 'sender', text: QUESTION }] });
    ok(await request('POST', `/referrals/${referralId}/acceptance`, as.menen, {}));
    ok(await request('POST', `/referrals/${referralId}/messages`, as.menen, { text: ANSWER }), 201);
    expect(ok<Conversation>(await request('GET', `/referrals/${referralId}/messages`, as.menen)).unread).toBe(0);

    // The sender's follow-up list counts the reply as unread until the sender reads the conversation.
    expect(await followUpOf(referralId)).toMatchObject({ unreadReplies: 1, status: 'accepted' });
    const forSender = ok<Conversation>(await request('GET', `/referrals/${referralId}/messages`, as.kortrijk));
    expect(forSender.unread).toBe(1);
    expect(forSender.messages.map((message) => [message.postedBy, message.text])).toEqual([
      ['sender', QUESTION],
      ['receiver', ANSWER],
    ]);
    expect(await followUpOf(referralId)).toBeUndefined();
    expect(ok<Conversation>(await request('GET', `/referrals/${referralId}/messages`, as.kortrijk)).unread).toBe(0);

    // Idempotency-Key: a retry answers the same message and writes nothing; a stale If-Match is 412.
    const key = { ...as.kortrijk, 'idempotency-key': randomUUID() };
    const first = ok<Message>(
      await request('POST', `/referrals/${referralId}/messages`, key, { text: 'Dank u.' }),
      201,
    );
    const retry = ok<Message>(
      await request('POST', `/referrals/${referralId}/messages`, key, { text: 'Dank u.' }),
      201,
    );
    expect(retry.messageId).toBe(first.messageId);
    const stale = await request(
      'POST',
      `/referrals/${referralId}/messages`,
      { ...as.kortrijk, 'if-match': '"0"' },
      {
        text: 'Nog een vraag.',
      },
    );
    expect(stale.statusCode).toBe(412);
    const all = ok<Conversation>(await request('GET', `/referrals/${referralId}/messages`, as.kortrijk));
    expect(all.messages.map((message) => message.text)).toEqual([QUESTION, ANSWER, 'Dank u.']);
  });

  it('refuses a third organisation with 403, writing nothing, and bad input with 400 naming the field', async () => {
    const { request, ok } = http();
    const { as } = parties;
    const { referralId } = await referral();
    const store = service.app.get<EventStore>(EVENT_STORE);

    const third = await request('POST', `/referrals/${referralId}/messages`, as.caw, { text: QUESTION });
    expect([third.statusCode, third.json<{ code: string }>().code]).toEqual([403, 'FORBIDDEN']);
    expect(third.body).not.toContain(QUESTION);
    expect((await request('GET', `/referrals/${referralId}/messages`, as.caw)).statusCode).toBe(403);
    await expect(store.readStream(`referralConversation-${referralId}`)).rejects.toThrow();

    for (const [body, field] of [
      [{}, 'text'],
      [{ text: '' }, 'text'],
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{ text: 42 }, 'text'],
    ] as const) {
      const refused = await request('POST', `/referrals/${referralId}/messages`, as.kortrijk, body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toContain(field);
      expect(refused.body).not.toContain('xxxxxxxx');
    }
    const unknown = await request('POST', `/referrals/${referralId}/messages`, as.kortrijk, { text: 'a', to: 'b' });
    expect(unknown.statusCode).toBe(400);
    const missing = await request('POST', '/referrals/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/messages', as.kortrijk, {
      text: QUESTION,
    });
    expect(missing.statusCode).toBe(404);
    await expect(store.readStream(`referralConversation-${referralId}`)).rejects.toThrow();
    ok(await request('GET', `/referrals/${referralId}/messages`, as.kortrijk));
  });

  it('seals the text in the store and the read model, completes with feedback to the sender, and erases both', async () => {
    const { request, ok } = http();
    const { as } = parties;
    const { clientId, referralId } = await referral();
    ok(await request('POST', `/referrals/${referralId}/messages`, as.menen, { text: ANSWER }), 201);
    for (const step of ['acceptance', 'first-contact', 'service-start']) {
      ok(await request('POST', `/referrals/${referralId}/${step}`, as.menen, {}));
    }
    const completed = await request('POST', `/referrals/${referralId}/completion`, as.menen, {
      outcome: 'need_answered',
      feedback: FEEDBACK,
    });
    expect(ok<{ completed: object }>(completed).completed).toMatchObject({
      outcome: 'need_answered',
      feedback: FEEDBACK,
    });
    const forSender = ok<{ completed: object }>(await request('GET', `/referrals/${referralId}`, as.kortrijk));
    expect(forSender.completed).toMatchObject({ feedback: FEEDBACK });

    // The raw events hold sealed values only, never the text; nor does any read model row.
    const store = service.app.get<EventStore>(EVENT_STORE);
    const raw = JSON.stringify(
      [
        ...(await store.readStream(`referralConversation-${referralId}`)),
        ...(await store.readStream(`referral-${referralId}`)),
      ].map((event) => ({ type: event.type, data: event.data, metadata: event.metadata })),
    );
    expect(raw).toContain('$pii');
    for (const text of [ANSWER, FEEDBACK]) expect(raw).not.toContain(text.slice(0, 20));
    const dataSource = service.app.get(DataSource);
    const rows = rowsOf(
      await dataSource.query(
        `SELECT (SELECT row_to_json(c) FROM referral_conversations c WHERE c.referral_id = $1) AS conversation,
                (SELECT row_to_json(r) FROM referrals r WHERE r.referral_id = $1) AS referral`,
        [referralId],
      ),
    );
    expect(JSON.stringify(rows)).not.toContain(ANSWER.slice(0, 20));

    // Subject access shows the messages and the feedback, opened.
    const reportOf = async () =>
      ok<{ capabilities: { referral: Section } }>(await request('GET', `/clients/${clientId}/subject-access`, as.dpo))
        .capabilities.referral;
    const report = await eventually(
      'the completion in the read model',
      reportOf,
      (section) => section.readModels.referrals?.[0]?.status === 'completed',
    );
    expect(report.streams.map((stream) => stream.streamId)).toEqual([
      `referral-${referralId}`,
      `referralConversation-${referralId}`,
    ]);
    const events = report.streams.flatMap((stream) => stream.events);
    expect(events.find((event) => event.type === 'ReferralMessagePosted')?.data).toMatchObject({ text: ANSWER });
    expect(events.find((event) => event.type === 'ReferralCompleted')?.data).toMatchObject({ feedback: FEEDBACK });
    expect(report.readModels.referralConversations).toEqual([expect.objectContaining({ referralId, messages: 1 })]);

    // Erasure: no plaintext left in the report's readable events, the conversation or the referral.
    ok(await request('POST', `/clients/${clientId}/erasure`, as.dpo, {}));
    const erased = JSON.stringify(await reportOf());
    for (const text of [ANSWER, FEEDBACK]) expect(erased).not.toContain(text);
    const conversation = ok<Conversation>(await request('GET', `/referrals/${referralId}/messages`, as.kortrijk));
    expect(conversation.messages).toEqual([expect.objectContaining({ postedBy: 'receiver', text: null })]);
    expect(
      ok<{ completed: object }>(await request('GET', `/referrals/${referralId}`, as.kortrijk)).completed,
    ).toMatchObject({
      feedback: null,
    });
    // Writing about an erased person is refused, and nothing is written.
    const afterErasure = await request('POST', `/referrals/${referralId}/messages`, as.kortrijk, { text: QUESTION });
    expect(afterErasure.statusCode).toBe(409);
  });
});
