import { randomUUID } from 'node:crypto';
import type { JsonObject, RecordedEvent } from '../../../src/shared/event-store';
import { NOT_ACCESS_LOGGED } from '../../../src/shared/auth/access-log/pending-entry';
import { CoordinationFigures } from '../../../src/referral/coordination/coordination-figures';
import type { ReferralEvent } from '../../../src/referral/domain/referral.events';
import type { ReferralConversationEvent } from '../../../src/referral/domain/referral-conversation.events';
import { referralConversationsProjection } from '../../../src/referral/referral-conversations/referral-conversations.projection';
import { ReferralRow } from '../../../src/referral/referral-register/referral.row';
import { type ReferralNames, ReferralNamesSeen } from '../../../src/referral/common/referral-names';
import { type ListReader, ReferralLists } from '../../../src/referral/referral-register/referral-lists';
import { ReferralsServiceStartDue1796600000001 } from '../../../src/referral/referral-register/service-start-due.migration';
import { Referrals1764806400000 } from '../../../src/referral/referral-register/referrals.migration';
import { ReferralConversationRow } from '../../../src/referral/referral-conversations/referral-conversation.row';
import { ReferralConversations1796900000000 } from '../../../src/referral/referral-conversations/referral-conversations.migration';
import { referralsProjection } from '../../../src/referral/referral-register/referrals.projection';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../support/database';

const sender = randomUUID();
const receiver = randomUUID();
const other = randomUUID();
const kortrijk = randomUUID();
const menen = randomUUID();
const TODAY = '2026-05-20';

let position = 0n;
const revisions = new Map<string, bigint>();

/** Events as the store would deliver them: positions in order, revisions per stream. */
function recorded(event: ReferralEvent | ReferralConversationEvent, category = 'referral'): RecordedEvent {
  position += 1n;
  const streamId = `${category}-${event.data.referralId}`;
  const revision = (revisions.get(streamId) ?? -1n) + 1n;
  revisions.set(streamId, revision);
  return {
    streamId,
    revision,
    id: randomUUID(),
    type: event.type,
    data: event.data as unknown as JsonObject,
    metadata: {},
    position: { commit: position, prepare: position },
    created: new Date(0),
  };
}

function sent(
  referralId: string,
  sentOn: string,
  overrides: Partial<Extract<ReferralEvent, { type: 'ReferralSent' }>['data']> = {},
): ReferralEvent {
  return {
    type: 'ReferralSent',
    data: {
      referralId,
      occurredOn: sentOn,
      trajectoryId: randomUUID(),
      clientId: randomUUID(),
      fromOrganisationId: sender,
      toOrganisationId: receiver,
      service: null,
      fromMunicipalityId: kortrijk,
      toMunicipalityId: menen,
      lifeDomain: 'debts',
      needId: null,
      warm: false,
      note: { $pii: { v: 1, kid: 'k', iv: 'i', ct: 'secret-ciphertext', tag: 't' } },
      consentBasis: 'share_for_referrals',
      consentId: randomUUID(),
      responseDeadlineDays: 14,
      dueOn: addDays(sentOn, 14),
      serviceStartDeadlineDays: 30,
      previousReferralId: null,
      ...overrides,
    },
  };
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const readerOf = (organisationId: string): ListReader => ({ organisationId, accessLog: NOT_ACCESS_LOGGED });

describe.each(testDatabaseKinds())('the referrals read model on %s', (kind) => {
  let db: TestDatabase;
  let lists: ReferralLists;
  let coordination: CoordinationFigures;

  beforeAll(async () => {
    // The follow-up list also reads the conversations' counts (docs/adr/0029).
    db = await createTestDatabase({
      kind,
      migrations: [Referrals1764806400000, ReferralsServiceStartDue1796600000001, ReferralConversations1796900000000],
      entities: [ReferralRow, ReferralConversationRow],
    });
    // Names come from the clients and partners read models, which this test does not build: none are found here
    // (test/e2e/names.test.ts covers them).
    const noNames = { seenBy: () => Promise.resolve(new ReferralNamesSeen(new Map(), new Map(), NOT_ACCESS_LOGGED)) };
    lists = new ReferralLists(db.dataSource, noNames as unknown as ReferralNames);
    coordination = new CoordinationFigures(db.dataSource);
  });
  afterAll(() => db.dispose());

  const apply = (events: readonly RecordedEvent[]) =>
    db.dataSource.transaction((tx) => referralsProjection.handle(events, tx));

  // Sent 2026-05-01 (due 05-15, overdue on 05-20), 05-10 (due 05-24), 04-20 (answered in 4 days), 04-22 (declined
  // in 2 days, then sent again on 04-25 to another organisation, unanswered), 04-25 (dropped after acceptance).
  const overdue = randomUUID();
  const waiting = randomUUID();
  const accepted = randomUUID();
  const declined = randomUUID();
  const again = randomUUID();
  const dropped = randomUUID();
  const on = (referralId: string, occurredOn: string) => ({ referralId, occurredOn });

  beforeAll(async () => {
    const history: ReferralEvent[] = [
      sent(overdue, '2026-05-01'),
      sent(waiting, '2026-05-10'),
      sent(accepted, '2026-04-20'),
      { type: 'ReferralAccepted', data: on(accepted, '2026-04-24') },
      sent(declined, '2026-04-22', { fromMunicipalityId: kortrijk, toMunicipalityId: kortrijk }),
      { type: 'ReferralDeclined', data: { ...on(declined, '2026-04-24'), reason: 'no_capacity', explanation: null } },
      sent(again, '2026-04-25', { toOrganisationId: other, toMunicipalityId: null, previousReferralId: declined }),
      sent(dropped, '2026-04-25'),
      { type: 'ReferralAccepted', data: on(dropped, '2026-04-26') },
      { type: 'ReferralDropped', data: { ...on(dropped, '2026-04-28'), droppedBy: 'person', reason: 'no_show' } },
    ];
    const events = history.map((event) => recorded(event));
    // Split over two batches, the second delivered twice: re-delivery changes nothing.
    await apply(events.slice(0, 5));
    await apply(events.slice(5));
    await apply(events.slice(5));
  });

  it('keeps ids, codes and dates, and no note', async () => {
    const rows = await db.dataSource.query('SELECT * FROM referrals');
    expect(rows).toHaveLength(6);
    expect(JSON.stringify(rows)).not.toContain('secret-ciphertext');
    const row = await lists.find(dropped);
    expect(row).toMatchObject({ status: 'dropped', acceptedOn: '2026-04-26', droppedOn: '2026-04-28', hasNote: true });
    expect(row?.revision).toBe(2n);
  });

  it('lists the inbox overdue first, then by due date, page by page', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await lists.inbox(readerOf(receiver), TODAY, {}, { limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((item) => item.referralId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids[0]).toBe(overdue);
    expect(ids).toHaveLength(5);
    expect(new Set(ids)).toEqual(new Set([overdue, waiting, accepted, declined, dropped]));
    const first = await lists.inbox(readerOf(receiver), TODAY, { overdue: true }, {});
    expect(first.items.map((item) => [item.referralId, item.overdue])).toEqual([[overdue, true]]);
    const sentOnly = await lists.inbox(readerOf(receiver), TODAY, { status: 'sent', overdue: false }, {});
    expect(sentOnly.items.map((item) => item.referralId)).toEqual([waiting]);
    expect((await lists.inbox(readerOf(other), TODAY, {}, {})).items.map((item) => item.referralId)).toEqual([again]);
  });

  it('puts the dropped one on the sender’s follow-up list, not the one already sent again', async () => {
    const followUp = await lists.followUp(readerOf(sender), TODAY, {});
    expect(followUp.items.map((item) => [item.referralId, item.status, item.dropReason])).toEqual([
      [dropped, 'dropped', 'no_show'],
    ]);
    expect((await lists.followUp(readerOf(receiver), TODAY, {})).items).toEqual([]);
  });

  it('counts, lists the overdue, and measures flows and response times for coordinators', async () => {
    const all = { sentFrom: null, sentTo: null, municipalityId: null, organisationId: null, service: null };
    const counts = await coordination.statusCounts(all, TODAY);
    expect(counts).toMatchObject({ total: 6, overdue: 2 });
    expect(counts.byStatus).toEqual({
      sent: 3,
      accepted: 1,
      declined: 1,
      first_contact_made: 0,
      service_started: 0,
      completed: 0,
      dropped: 1,
      revoked: 0,
    });
    const april = await coordination.statusCounts({ ...all, sentFrom: '2026-04-01', sentTo: '2026-04-30' }, TODAY);
    expect(april.total).toBe(4);

    const overdueList = await coordination.overdue(all, TODAY, {});
    // Longest overdue first: the one sent again on 04-25 (due 05-09), then the one due 05-15.
    expect(overdueList.items).toEqual([
      expect.objectContaining({ referralId: again, daysOverdue: 11, overdueKind: 'response', toMunicipalityId: null }),
      expect.objectContaining({ referralId: overdue, daysOverdue: 5, fromMunicipalityId: kortrijk }),
    ]);
    expect(Object.keys(overdueList.items[0]!)).not.toContain('clientId');

    const aprilAndMay = { ...all, sentFrom: '2026-04-01', sentTo: '2026-05-31' };
    const flows = await coordination.flows(aprilAndMay);
    const pair = (to: string, toMunicipality: string | null) =>
      flows.find((flow) => flow.toOrganisationId === to && flow.toMunicipalityId === toMunicipality);
    expect(pair(receiver, menen)).toMatchObject({ sent: 4, accepted: 2, declined: 0, crossMunicipality: true });
    expect(pair(receiver, kortrijk)).toMatchObject({ sent: 1, declined: 1, crossMunicipality: false });
    expect(pair(other, null)).toMatchObject({ sent: 1, crossMunicipality: false });

    const times = await coordination.responseTimes(aprilAndMay, TODAY);
    // Answered in 4 (accepted), 2 (declined) and 1 (dropped one's acceptance) days: the median is 2.
    expect(times.find((row) => row.toOrganisationId === receiver)).toEqual({
      toOrganisationId: receiver,
      sent: 5,
      responded: 3,
      awaiting: 2,
      overdue: 1,
      medianResponseDays: 2,
    });
    expect(times.find((row) => row.toOrganisationId === other)).toMatchObject({ overdue: 1, medianResponseDays: null });
  });

  it('adds the sender’s referrals with unread replies to its follow-up list, with their count, until it reads them', async () => {
    const parties = { referralId: accepted, senderOrganisationId: sender, receiverOrganisationId: receiver };
    const text = { $pii: { v: 1 as const, kid: 'k', iv: 'i', ct: 'secret-ciphertext', tag: 't' } };
    const posted = (postedBy: 'sender' | 'receiver'): ReferralConversationEvent => ({
      type: 'ReferralMessagePosted',
      data: { ...parties, messageId: randomUUID(), postedBy, text, postedAt: '2026-05-02T10:00:00.000Z' },
    });
    const conversation = (events: readonly ReferralConversationEvent[]) =>
      db.dataSource.transaction((tx) =>
        referralConversationsProjection.handle(
          events.map((event) => recorded(event, 'referralConversation')),
          tx,
        ),
      );
    await conversation([posted('sender'), posted('receiver'), posted('receiver')]);
    const unread = async (organisationId: string) =>
      (await lists.followUp(readerOf(organisationId), TODAY, {})).items.map((item) => [
        item.referralId,
        item.unreadReplies,
      ]);
    // Oldest change first: the accepted one (04-24) with two replies, then the dropped one (04-28).
    expect(await unread(sender)).toEqual([
      [accepted, 2],
      [dropped, 0],
    ]);
    // The receiver's own unread message is not on any follow-up list: that list is the sender's.
    expect(await unread(receiver)).toEqual([]);
    await conversation([{ type: 'ReferralConversationRead', data: { ...parties, readBy: 'sender', readUpTo: 2 } }]);
    expect(await unread(sender)).toEqual([[dropped, 0]]);
  });
});
