import type { Decider } from '../../shared/domain/decider';
import { AccessDenied, refuse } from '../../shared/domain/domain-error';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { ReferralConversationEvent, ReferralPartySide } from './referral-conversation.events';

/** The referral a conversation belongs to, as its own stream tells it when the command is decided. */
export interface ConversationReferral {
  readonly referralId: string;
  readonly senderOrganisationId: string;
  readonly receiverOrganisationId: string;
  /** Whether the person is shared with the receiver now (the consent the referral rests on holds). */
  readonly personalDataShared: boolean;
}

export interface PostReferralMessage {
  readonly type: 'PostReferralMessage';
  readonly referral: ConversationReferral;
  readonly messageId: string;
  readonly actorOrganisationId: string;
  readonly text: SealedPersonalData;
  readonly postedAt: string;
}

export interface MarkReferralConversationRead {
  readonly type: 'MarkReferralConversationRead';
  readonly referral: ConversationReferral;
  readonly actorOrganisationId: string;
}

export type ReferralConversationCommand = PostReferralMessage | MarkReferralConversationRead;

/** Per side: the messages written for it, and how many of those it has read. */
export interface ConversationState {
  readonly messageIds: readonly string[];
  readonly forSide: Readonly<Record<ReferralPartySide, number>>;
  readonly readBy: Readonly<Record<ReferralPartySide, number>>;
}

/** The messages for `side` it has not read yet. */
export function unreadBy(state: ConversationState, side: ReferralPartySide): number {
  return state.forSide[side] - state.readBy[side];
}

/**
 * The conversation on a referral (docs/adr/0029): the two organisations write to each other, whatever the
 * referral's status (a message never fails because the referral moved on); nobody else. A message shares the person,
 * so it needs the consent the referral rests on. Reading is per organisation: the first read after new messages
 * records how far it read; a read with nothing new records nothing.
 */
export const referralConversationDecider: Decider<
  ReferralConversationCommand,
  ReferralConversationEvent,
  ConversationState
> = {
  initialState: { messageIds: [], forSide: { sender: 0, receiver: 0 }, readBy: { sender: 0, receiver: 0 } },

  decide(command, state) {
    const side = sideOf(command.referral, command.actorOrganisationId);
    const fact = {
      referralId: command.referral.referralId,
      senderOrganisationId: command.referral.senderOrganisationId,
      receiverOrganisationId: command.referral.receiverOrganisationId,
    };
    switch (command.type) {
      case 'PostReferralMessage':
        if (!command.referral.personalDataShared) {
          refuse('CONSENT_REQUIRED', 'A message shares the person: it needs the consent the referral rests on');
        }
        return [
          {
            type: 'ReferralMessagePosted',
            data: {
              ...fact,
              messageId: command.messageId,
              postedBy: side,
              text: command.text,
              postedAt: command.postedAt,
            },
          },
        ];
      case 'MarkReferralConversationRead':
        if (unreadBy(state, side) === 0) return [];
        return [{ type: 'ReferralConversationRead', data: { ...fact, readBy: side, readUpTo: state.forSide[side] } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ReferralMessagePosted': {
        const to = other(event.data.postedBy);
        return {
          ...state,
          messageIds: [...state.messageIds, event.data.messageId],
          forSide: { ...state.forSide, [to]: state.forSide[to] + 1 },
        };
      }
      case 'ReferralConversationRead': {
        const by = event.data.readBy;
        return { ...state, readBy: { ...state.readBy, [by]: Math.max(state.readBy[by], event.data.readUpTo) } };
      }
    }
  },
};

/** The actor's side; anyone else may not write here (the handler refuses them first, with the same 403). */
function sideOf(referral: ConversationReferral, organisationId: string): ReferralPartySide {
  if (organisationId === referral.senderOrganisationId) return 'sender';
  if (organisationId === referral.receiverOrganisationId) return 'receiver';
  throw new AccessDenied();
}

export function other(side: ReferralPartySide): ReferralPartySide {
  return side === 'sender' ? 'receiver' : 'sender';
}
