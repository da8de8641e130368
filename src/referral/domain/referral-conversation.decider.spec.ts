import { given } from '../../shared/domain/decider-specification';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import {
  type ConversationReferral,
  type MarkReferralConversationRead,
  type PostReferralMessage,
  referralConversationDecider,
  unreadBy,
} from './referral-conversation.decider';
import type { ReferralConversationEvent } from './referral-conversation.events';

const referralId = '5a0e7c3d-0000-4000-8000-000000000001';
const clientId = '5a0e7c3d-0000-4000-8000-000000000003';
const ocmwKortrijk = '5a0e7c3d-0000-4000-8000-0000000000a1';
const ocmwMenen = '5a0e7c3d-0000-4000-8000-0000000000a2';
const caw = '5a0e7c3d-0000-4000-8000-0000000000a3';
const text: SealedPersonalData = { $pii: { v: 1, kid: clientId, iv: 'iv', ct: 'ct', tag: 'tag' } };
const referral: ConversationReferral = {
  referralId,
  senderOrganisationId: ocmwKortrijk,
  receiverOrganisationId: ocmwMenen,
  personalDataShared: true,
};
const parties = { referralId, senderOrganisationId: ocmwKortrijk, receiverOrganisationId: ocmwMenen };

const post = (actorOrganisationId: string, messageId: string, overrides: Partial<PostReferralMessage> = {}) =>
  ({
    type: 'PostReferralMessage',
    referral,
    messageId,
    actorOrganisationId,
    text,
    postedAt: '2026-03-21T09:00:00.000Z',
    ...overrides,
  }) satisfies PostReferralMessage;
const read = (actorOrganisationId: string): MarkReferralConversationRead => ({
  type: 'MarkReferralConversationRead',
  referral,
  actorOrganisationId,
});
const posted = (postedBy: 'sender' | 'receiver', messageId: string): ReferralConversationEvent => ({
  type: 'ReferralMessagePosted',
  data: { ...parties, messageId, postedBy, text, postedAt: '2026-03-21T09:00:00.000Z' },
});

describe('the conversation on a referral', () => {
  it('takes a message from either organisation, for the other one', () => {
    expect(given(referralConversationDecider).when(post(ocmwKortrijk, 'm1'))).toEqual([posted('sender', 'm1')]);
    expect(given(referralConversationDecider, [posted('sender', 'm1')]).when(post(ocmwMenen, 'm2'))).toEqual([
      posted('receiver', 'm2'),
    ]);
  });

  it('refuses any other organisation, writing or reading', () => {
    expect(given(referralConversationDecider).refusalOf(post(caw, 'm1'))).toBe('FORBIDDEN');
    expect(given(referralConversationDecider, [posted('sender', 'm1')]).refusalOf(read(caw))).toBe('FORBIDDEN');
  });

  it('needs the person shared with the receiver: a message shares them', () => {
    const withdrawn = post(ocmwKortrijk, 'm1', { referral: { ...referral, personalDataShared: false } });
    expect(given(referralConversationDecider).refusalOf(withdrawn)).toBe('CONSENT_REQUIRED');
  });

  it('counts the unread messages per organisation, and a read records how far it read', () => {
    const history = [posted('sender', 'm1'), posted('receiver', 'm2'), posted('receiver', 'm3')];
    const state = given(referralConversationDecider, history).state;
    expect([unreadBy(state, 'sender'), unreadBy(state, 'receiver')]).toEqual([2, 1]);
    expect(given(referralConversationDecider, history).when(read(ocmwKortrijk))).toEqual([
      { type: 'ReferralConversationRead', data: { ...parties, readBy: 'sender', readUpTo: 2 } },
    ]);
    const afterRead = [...history, ...given(referralConversationDecider, history).when(read(ocmwKortrijk))];
    expect(unreadBy(given(referralConversationDecider, afterRead).state, 'sender')).toBe(0);
    expect(unreadBy(given(referralConversationDecider, afterRead).state, 'receiver')).toBe(1);
  });

  it('records nothing for a read with nothing new', () => {
    expect(given(referralConversationDecider).when(read(ocmwKortrijk))).toEqual([]);
    expect(given(referralConversationDecider, [posted('sender', 'm1')]).when(read(ocmwKortrijk))).toEqual([]);
  });
});
