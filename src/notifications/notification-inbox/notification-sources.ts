import { decodeTaskEvent } from '../../casework';
import { decodeIntakeEvent } from '../../intake';
import { decodeReferralConversationEvent, decodeReferralEvent } from '../../referral';
import type { Role } from '../../shared/auth/authenticated-user';
import { addDays, type CalendarDate } from '../../shared/domain/calendar';
import type { RecordedEvent } from '../../shared/event-store';
import { derivedId } from '../common/derived-id';
import type { NotificationKind } from '../domain/notification.values';

/** Whom a notification is for: the users of an organisation with a role, or one of them only (`userId`). */
export interface Audience {
  readonly organisationId: string;
  readonly audienceRole: Role;
  readonly userId: string | null;
}

/** What a notification points at: ids, the other organisation, and the link a web page opens. */
export interface About {
  readonly kind: NotificationKind;
  readonly referralId: string | null;
  readonly trajectoryId: string | null;
  readonly otherOrganisationId: string | null;
  readonly link: string;
}

/** A notification made from one event; its id is derived from the event's id and its audience. */
export interface NewNotification extends Audience, About {
  readonly notificationId: string;
  readonly createdAt: Date;
}

/**
 * A notification that shows from a date on, derived where the inbox is read against the clock (never stored as a
 * notification): `subjectId` is what it is about (a referral, a task), closed when that is done.
 */
export interface Deadline extends Audience, About {
  readonly deadlineId: string;
  readonly subjectId: string;
  /** The first day it shows: the day after a referral's due date, a task's due date itself. */
  readonly showsFrom: CalendarDate;
}

export type InboxChange =
  | { readonly change: 'notify'; readonly notification: NewNotification }
  | { readonly change: 'deadline'; readonly deadline: Deadline }
  | { readonly change: 'close-deadlines'; readonly subjectId: string }
  /** A subject's open deadlines move: to another user, or to another first day. */
  | {
      readonly change: 'amend-deadlines';
      readonly subjectId: string;
      readonly userId?: string;
      readonly showsFrom?: CalendarDate;
    }
  | {
      readonly change: 'referral-parties';
      readonly referralId: string;
      readonly senderOrganisationId: string;
      readonly receiverOrganisationId: string;
    };

/** The two organisations of a referral, as this read model recorded them when it was sent. */
export type ReferralPartiesLookup = (
  referralId: string,
) => Promise<{ readonly senderOrganisationId: string; readonly receiverOrganisationId: string } | undefined>;

/**
 * The extension point of the inbox (docs/adr/0029): a source reads the events of one capability, decoded with the
 * decoder it exports, and says what they change in whose inbox. A capability with tasks adds a source whose task
 * events open a `Deadline` for the assignee (`userId`) and close it when the task is done or cancelled.
 */
export interface NotificationSource {
  /** The event-type prefixes the projection's subscription lets through for this source. */
  readonly eventTypePrefixes: readonly string[];
  changesOf(event: RecordedEvent, referralParties: ReferralPartiesLookup): Promise<readonly InboxChange[]>;
}

const SOCIAL_WORKERS = { audienceRole: 'social_worker', userId: null } as const;

const referralAbout = (kind: NotificationKind, referralId: string, otherOrganisationId: string, path = '') => ({
  kind,
  referralId,
  trajectoryId: null,
  otherOrganisationId,
  link: `/referrals/${referralId}${path}`,
});

/** For the sender, when the receiver answers or completes. */
const FOR_THE_SENDER: Partial<Record<string, NotificationKind>> = {
  ReferralAccepted: 'referral_accepted',
  ReferralDeclined: 'referral_declined',
  ReferralCompleted: 'referral_completed',
};

/** Referrals: received (the receiver), answered and completed (the sender), overdue (both, derived). */
export const referralNotifications: NotificationSource = {
  eventTypePrefixes: ['Referral'],
  async changesOf(event, referralParties) {
    if (event.type === 'ReferralMessagePosted') {
      const { data } = decodeReferralConversationEvent(event);
      if (!('postedBy' in data)) return [];
      const [to, from] =
        data.postedBy === 'sender'
          ? [data.receiverOrganisationId, data.senderOrganisationId]
          : [data.senderOrganisationId, data.receiverOrganisationId];
      return [notify(event, to, referralAbout('referral_message', data.referralId, from, '/messages'))];
    }
    if (event.type === 'ReferralConversationRead') return [];
    const decoded = decodeReferralEvent(event);
    if (decoded.type === 'ReferralSent') {
      const sent = decoded.data;
      const deadline = (organisationId: string, other: string): InboxChange => ({
        change: 'deadline',
        deadline: {
          deadlineId: derivedId('referral_overdue', sent.referralId, organisationId),
          subjectId: sent.referralId,
          organisationId,
          ...SOCIAL_WORKERS,
          ...referralAbout('referral_overdue', sent.referralId, other),
          // Overdue once its due date has passed.
          showsFrom: addDays(sent.dueOn, 1),
        },
      });
      return [
        {
          change: 'referral-parties',
          referralId: sent.referralId,
          senderOrganisationId: sent.fromOrganisationId,
          receiverOrganisationId: sent.toOrganisationId,
        },
        notify(
          event,
          sent.toOrganisationId,
          referralAbout('referral_received', sent.referralId, sent.fromOrganisationId),
        ),
        deadline(sent.toOrganisationId, sent.fromOrganisationId),
        deadline(sent.fromOrganisationId, sent.toOrganisationId),
      ];
    }
    // Any answer ends the wait: overdue is for a referral still `sent`.
    const changes: InboxChange[] = [{ change: 'close-deadlines', subjectId: decoded.data.referralId }];
    const kind = FOR_THE_SENDER[decoded.type];
    const parties = kind === undefined ? undefined : await referralParties(decoded.data.referralId);
    if (kind !== undefined && parties !== undefined) {
      const about = referralAbout(kind, decoded.data.referralId, parties.receiverOrganisationId);
      changes.push(notify(event, parties.senderOrganisationId, about));
    }
    return changes;
  },
};

/** Intake: a transfer of responsibility, for the receiving organisation. */
export const intakeNotifications: NotificationSource = {
  eventTypePrefixes: ['ResponsibilityTransferred'],
  changesOf(event) {
    const decoded = decodeIntakeEvent(event);
    if (decoded.type !== 'ResponsibilityTransferred') return Promise.resolve([]);
    const { trajectoryId, fromOrganisationId, toOrganisationId } = decoded.data;
    return Promise.resolve([
      notify(event, toOrganisationId, {
        kind: 'responsibility_transferred',
        referralId: null,
        trajectoryId,
        otherOrganisationId: fromOrganisationId,
        link: `/intake-trajectories/${trajectoryId}`,
      }),
    ]);
  },
};

/**
 * Casework: a reminder for the task's assignee from its due date on (docs/adr/0032). It follows the task: another
 * assignee or due date moves it, completing or cancelling withdraws it. It names the task and its trajectory only.
 */
export const taskNotifications: NotificationSource = {
  eventTypePrefixes: ['Task'],
  changesOf(event) {
    const decoded = decodeTaskEvent(event);
    switch (decoded.type) {
      case 'TaskPlanned': {
        const { taskId, trajectoryId, organisationId, assigneeId, dueOn } = decoded.data;
        return Promise.resolve([
          {
            change: 'deadline',
            deadline: {
              deadlineId: derivedId('task_due', taskId, organisationId),
              subjectId: taskId,
              organisationId,
              audienceRole: 'social_worker',
              userId: assigneeId,
              kind: 'task_due',
              referralId: null,
              trajectoryId,
              otherOrganisationId: null,
              link: `/tasks/${taskId}`,
              showsFrom: dueOn,
            },
          },
        ]);
      }
      case 'TaskReassigned':
        return Promise.resolve([
          { change: 'amend-deadlines', subjectId: decoded.data.taskId, userId: decoded.data.assigneeId },
        ]);
      case 'TaskRescheduled':
        return Promise.resolve([
          { change: 'amend-deadlines', subjectId: decoded.data.taskId, showsFrom: decoded.data.dueOn },
        ]);
      case 'TaskCompleted':
      case 'TaskCancelled':
        return Promise.resolve([{ change: 'close-deadlines', subjectId: decoded.data.taskId }]);
    }
  },
};

/** Every source of the inbox; a new capability's source is added here. */
export const NOTIFICATION_SOURCES: readonly NotificationSource[] = [
  referralNotifications,
  intakeNotifications,
  taskNotifications,
];

function notify(event: RecordedEvent, organisationId: string, about: About): InboxChange {
  return {
    change: 'notify',
    notification: {
      notificationId: derivedId('notification', event.id, organisationId),
      organisationId,
      ...SOCIAL_WORKERS,
      ...about,
      createdAt: event.created,
    },
  };
}
