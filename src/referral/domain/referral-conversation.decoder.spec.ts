import { UndecodableEvent } from '../../shared/domain/event-decoding';
import { decodeReferralEvent } from './referral.decoder';
import { decodeReferralConversationEvent } from './referral-conversation.decoder';

const stored = (streamId: string, type: string, data: unknown) => ({ streamId, revision: 0n, type, data });
const sealed = { $pii: { v: 1, kid: 'c1', iv: 'iv', ct: 'secret-ciphertext', tag: 'tag' } };
const parties = { referralId: 'r1', senderOrganisationId: 'o1', receiverOrganisationId: 'o2' };

describe('decoding a referral’s conversation and its completion feedback', () => {
  it('reads a message and a read mark as stored', () => {
    const posted = {
      ...parties,
      messageId: 'm1',
      postedBy: 'receiver',
      text: sealed,
      postedAt: '2026-03-21T09:00:00Z',
    };
    expect(decodeReferralConversationEvent(stored('referralConversation-r1', 'ReferralMessagePosted', posted))).toEqual(
      { type: 'ReferralMessagePosted', data: posted },
    );
    const read = { ...parties, readBy: 'sender', readUpTo: 1 };
    expect(
      decodeReferralConversationEvent(stored('referralConversation-r1', 'ReferralConversationRead', read)),
    ).toEqual({ type: 'ReferralConversationRead', data: read });
  });

  it('refuses a message whose text is not sealed, or of an unknown side', () => {
    const plain = { ...parties, messageId: 'm1', postedBy: 'sender', text: 'open text', postedAt: 'x' };
    expect(() =>
      decodeReferralConversationEvent(stored('referralConversation-r1', 'ReferralMessagePosted', plain)),
    ).toThrow(UndecodableEvent);
    const other = { ...parties, readBy: 'coordinator', readUpTo: 1 };
    expect(() =>
      decodeReferralConversationEvent(stored('referralConversation-r1', 'ReferralConversationRead', other)),
    ).toThrow(UndecodableEvent);
  });

  it('reads a completion with sealed feedback, and one recorded before feedback existed', () => {
    const completed = { referralId: 'r1', occurredOn: '2026-04-10', outcome: 'need_answered' };
    expect(decodeReferralEvent(stored('referral-r1', 'ReferralCompleted', completed))).toEqual({
      type: 'ReferralCompleted',
      data: completed,
    });
    const withFeedback = { ...completed, feedback: sealed };
    expect(decodeReferralEvent(stored('referral-r1', 'ReferralCompleted', withFeedback)).data).toEqual(withFeedback);
    expect(() =>
      decodeReferralEvent(stored('referral-r1', 'ReferralCompleted', { ...completed, feedback: 'open text' })),
    ).toThrow(UndecodableEvent);
  });
});
