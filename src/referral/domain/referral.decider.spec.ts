import { given } from '../../shared/domain/decider-specification';
import { DomainRuleViolation } from '../../shared/domain/domain-error';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import { addDays } from '../../shared/domain/calendar';
import {
  handOffFactsOf,
  isOverdue,
  type ReceiverCommand,
  referralDecider,
  type RevokeReferral,
  type SendReferral,
} from './referral.decider';
import type { ReferralEvent } from './referral.events';
import type { ReferralStatus } from './referral.events';

const referralId = '5a0e7c3d-0000-4000-8000-000000000001';
const trajectoryId = '5a0e7c3d-0000-4000-8000-000000000002';
const clientId = '5a0e7c3d-0000-4000-8000-000000000003';
const needId = '5a0e7c3d-0000-4000-8000-000000000004';
const consentId = '5a0e7c3d-0000-4000-8000-000000000005';
const previousId = '5a0e7c3d-0000-4000-8000-000000000006';
const ocmwKortrijk = '5a0e7c3d-0000-4000-8000-0000000000a1';
const ocmwMenen = '5a0e7c3d-0000-4000-8000-0000000000a2';
const kortrijk = '5a0e7c3d-0000-4000-8000-0000000000b1';
const menen = '5a0e7c3d-0000-4000-8000-0000000000b2';
const note: SealedPersonalData = { $pii: { v: 1, kid: clientId, iv: 'iv', ct: 'ct', tag: 'tag' } };

const send = (overrides: Partial<SendReferral> = {}): SendReferral => ({
  type: 'SendReferral',
  referralId,
  fromOrganisationId: ocmwKortrijk,
  fromMunicipalityId: kortrijk,
  trajectory: {
    trajectoryId,
    clientId,
    organisationId: ocmwKortrijk,
    status: 'open',
    openedOn: '2026-03-02',
    needs: [{ needId, lifeDomain: 'debts' }],
  },
  toOrganisationId: ocmwMenen,
  receiver: {
    organisationId: ocmwMenen,
    active: true,
    municipalityId: menen,
    services: ['debt mediation', 'leefloon'],
    responseDeadlineDays: 14,
    serviceStartDeadlineDays: 21,
  },
  service: 'debt mediation',
  lifeDomain: 'debts',
  needId,
  warm: true,
  note,
  consent: { basis: 'share_for_referrals', consentId },
  previous: null,
  occurredOn: '2026-03-20',
  today: '2026-03-20',
  ...overrides,
});

const sent: ReferralEvent = {
  type: 'ReferralSent',
  data: {
    referralId,
    occurredOn: '2026-03-20',
    trajectoryId,
    clientId,
    fromOrganisationId: ocmwKortrijk,
    toOrganisationId: ocmwMenen,
    service: 'debt mediation',
    fromMunicipalityId: kortrijk,
    toMunicipalityId: menen,
    lifeDomain: 'debts',
    needId,
    warm: true,
    note,
    consentBasis: 'share_for_referrals',
    consentId,
    responseDeadlineDays: 14,
    dueOn: '2026-04-03',
    serviceStartDeadlineDays: 21,
    previousReferralId: null,
  },
};

const on = (occurredOn: string) => ({ referralId, occurredOn });
const accepted: ReferralEvent = { type: 'ReferralAccepted', data: on('2026-03-22') };
const declined: ReferralEvent = {
  type: 'ReferralDeclined',
  data: { ...on('2026-03-22'), reason: 'no_capacity', explanation: null },
};
const firstContact: ReferralEvent = { type: 'ReferralFirstContactMade', data: on('2026-03-24') };
const serviceStarted: ReferralEvent = { type: 'ReferralServiceStarted', data: on('2026-03-27') };
const completed: ReferralEvent = { type: 'ReferralCompleted', data: { ...on('2026-04-10'), outcome: 'need_answered' } };
const dropped: ReferralEvent = {
  type: 'ReferralDropped',
  data: { ...on('2026-03-28'), droppedBy: 'person', reason: 'no_show' },
};
const revoked: ReferralEvent = {
  type: 'ReferralRevoked',
  data: { ...on('2026-03-21'), reason: 'sent_in_error', revokedByOrganisationId: ocmwKortrijk },
};

/** A history that leaves the referral in each status. */
const HISTORIES: Record<ReferralStatus, readonly ReferralEvent[]> = {
  sent: [sent],
  accepted: [sent, accepted],
  declined: [sent, declined],
  first_contact_made: [sent, accepted, firstContact],
  service_started: [sent, accepted, firstContact, serviceStarted],
  completed: [sent, accepted, firstContact, serviceStarted, completed],
  dropped: [sent, accepted, firstContact, dropped],
  revoked: [sent, revoked],
};

const step = { actorOrganisationId: ocmwMenen, occurredOn: '2026-04-12', today: '2026-04-12' };
const RECEIVER_COMMANDS: Record<ReceiverCommand['type'], ReceiverCommand> = {
  AcceptReferral: { type: 'AcceptReferral', ...step },
  DeclineReferral: { type: 'DeclineReferral', ...step, reason: 'waiting_list', explanation: note },
  RecordFirstContact: { type: 'RecordFirstContact', ...step },
  RecordServiceStart: { type: 'RecordServiceStart', ...step },
  CompleteReferral: { type: 'CompleteReferral', ...step, outcome: 'partly_answered', feedback: null },
  DropReferral: { type: 'DropReferral', ...step, droppedBy: 'service', reason: 'service_ended' },
};
const revoke = (overrides: Partial<RevokeReferral> = {}): RevokeReferral => ({
  type: 'RevokeReferral',
  actorOrganisationId: ocmwKortrijk,
  asCoordinator: false,
  reason: 'need_resolved',
  occurredOn: '2026-04-12',
  today: '2026-04-12',
  ...overrides,
});

/** Every command from every status: the transitions the lifecycle allows, and the status each one leads to. */
const TRANSITIONS: Record<
  ReferralStatus,
  Partial<Record<ReceiverCommand['type'] | 'RevokeReferral', ReferralStatus>>
> = {
  sent: { AcceptReferral: 'accepted', DeclineReferral: 'declined', RevokeReferral: 'revoked' },
  accepted: { RecordFirstContact: 'first_contact_made', DropReferral: 'dropped', RevokeReferral: 'revoked' },
  declined: {},
  first_contact_made: {
    RecordServiceStart: 'service_started',
    DropReferral: 'dropped',
    RevokeReferral: 'revoked',
  },
  service_started: { CompleteReferral: 'completed', DropReferral: 'dropped', RevokeReferral: 'revoked' },
  completed: {},
  dropped: {},
  revoked: {},
};

describe('a referral', () => {
  describe('sent', () => {
    it('from an open trajectory to a partner: its due date follows from the receiver’s response deadline', () => {
      expect(given(referralDecider).when(send())).toEqual([sent]);
    });

    it('counts the deadline in calendar days, across months and leap days', () => {
      expect(addDays('2026-03-20', 14)).toBe('2026-04-03');
      expect(addDays('2028-02-20', 10)).toBe('2028-03-01');
      expect(addDays('2026-12-25', 30)).toBe('2027-01-24');
    });

    it('registered late: dated when it was sent, its due date counting from that day', () => {
      const late = given(referralDecider).when(send({ occurredOn: '2026-03-10' }))[0];
      expect(late).toMatchObject({ data: { occurredOn: '2026-03-10', dueOn: '2026-03-24' } });
      const onOpening = given(referralDecider).when(send({ occurredOn: '2026-03-02' }))[0];
      expect(onOpening).toMatchObject({ data: { occurredOn: '2026-03-02', dueOn: '2026-03-16' } });
    });

    it('is never dated in the future nor before its trajectory was opened', () => {
      expect(given(referralDecider).refusalOf(send({ occurredOn: '2026-03-21' }))).toBe('INVALID_REFERRAL_DATA');
      expect(given(referralDecider).refusalOf(send({ occurredOn: '2026-03-01' }))).toBe('INVALID_REFERRAL_DATA');
      expect(given(referralDecider).refusalOf(send({ occurredOn: '2026-02-30' }))).toBe('INVALID_REFERRAL_DATA');
    });

    it('is sent once', () => {
      expect(given(referralDecider, [sent]).refusalOf(send())).toBe('REFERRAL_ALREADY_SENT');
    });

    it('refuses its own organisation, an unknown or deactivated one, and one that receives no referrals', () => {
      const own = send({
        toOrganisationId: ocmwKortrijk,
        receiver: { ...send().receiver!, organisationId: ocmwKortrijk },
      });
      expect(given(referralDecider).refusalOf(own)).toBe('OWN_ORGANISATION');
      expect(given(referralDecider).refusalOf(send({ receiver: undefined }))).toBe('UNKNOWN_ORGANISATION');
      expect(given(referralDecider).refusalOf(send({ receiver: { ...send().receiver!, active: false } }))).toBe(
        'ORGANISATION_INACTIVE',
      );
      expect(
        given(referralDecider).refusalOf(send({ receiver: { ...send().receiver!, responseDeadlineDays: null } })),
      ).toBe('ORGANISATION_RECEIVES_NO_REFERRALS');
    });

    it('names one of the receiver’s services, or none (the organisation as a whole)', () => {
      expect(given(referralDecider).refusalOf(send({ service: 'astrology' }))).toBe('UNKNOWN_SERVICE');
      expect(given(referralDecider).when(send({ service: null }))[0]).toMatchObject({ data: { service: null } });
    });

    it('reads the service forgiving case, accents and spaces, and records it as the organisation writes it', () => {
      const sent = given(referralDecider).when(send({ service: '  Débt   MEDIATION ' }))[0];
      expect(sent).toMatchObject({ data: { service: 'debt mediation' } });
    });

    it('answers an unknown service with the services the organisation offers, not with what was sent', () => {
      let refusal: unknown;
      try {
        given(referralDecider).when(send({ service: 'schuldhulpverlening' }));
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DomainRuleViolation);
      expect(refusal).toMatchObject({ code: 'UNKNOWN_SERVICE', validValues: ['debt mediation', 'leefloon'] });
      expect(JSON.stringify(refusal)).not.toContain('schuldhulpverlening');
      expect((refusal as Error).message).not.toContain('schuldhulpverlening');
    });

    it('refuses a closed trajectory and one another organisation is responsible for', () => {
      const closed = send({ trajectory: { ...send().trajectory, status: 'closed' } });
      expect(given(referralDecider).refusalOf(closed)).toBe('TRAJECTORY_CLOSED');
      const others = send({ trajectory: { ...send().trajectory, organisationId: ocmwMenen } });
      expect(given(referralDecider).refusalOf(others)).toBe('NOT_RESPONSIBLE_FOR_TRAJECTORY');
    });

    it('answers a need the trajectory records, of the same life domain, or none', () => {
      expect(given(referralDecider).refusalOf(send({ needId: previousId }))).toBe('UNKNOWN_NEED');
      expect(given(referralDecider).refusalOf(send({ lifeDomain: 'housing' }))).toBe('NEED_OF_ANOTHER_LIFE_DOMAIN');
      expect(given(referralDecider).when(send({ needId: null, lifeDomain: 'housing' }))[0]).toMatchObject({
        data: { needId: null, lifeDomain: 'housing' },
      });
    });

    it('needs the person’s consent to share them, or goes as an anonymous signal without a note', () => {
      expect(given(referralDecider).refusalOf(send({ consent: 'missing' }))).toBe('CONSENT_REQUIRED');
      expect(given(referralDecider).refusalOf(send({ consent: { basis: 'none', consentId: null } }))).toBe(
        'NOTE_NEEDS_CONSENT',
      );
      expect(
        given(referralDecider).when(send({ consent: { basis: 'none', consentId: consentId }, note: null }))[0],
      ).toMatchObject({ data: { consentBasis: 'none', consentId: null, note: null } });
    });

    it('is sent again after a decline or a drop, from the same trajectory only', () => {
      const again = (status: ReferralStatus | 'none', fromTrajectory = trajectoryId) =>
        send({ previous: { referralId: previousId, status, trajectoryId: fromTrajectory } });
      for (const status of ['declined', 'dropped'] as const) {
        expect(given(referralDecider).when(again(status))[0]).toMatchObject({
          data: { previousReferralId: previousId },
        });
      }
      for (const status of [
        'sent',
        'accepted',
        'first_contact_made',
        'service_started',
        'completed',
        'revoked',
      ] as const) {
        expect(given(referralDecider).refusalOf(again(status))).toBe('PREVIOUS_REFERRAL_NOT_DECLINED');
      }
      expect(given(referralDecider).refusalOf(again('none'))).toBe('PREVIOUS_REFERRAL_NOT_FOUND');
      expect(given(referralDecider).refusalOf(again('declined', clientId))).toBe(
        'PREVIOUS_REFERRAL_OF_ANOTHER_TRAJECTORY',
      );
    });
  });

  describe('moves through its lifecycle', () => {
    for (const [from, history] of Object.entries(HISTORIES) as [ReferralStatus, readonly ReferralEvent[]][]) {
      for (const type of [...Object.keys(RECEIVER_COMMANDS), 'RevokeReferral'] as const) {
        const to = TRANSITIONS[from][type as keyof (typeof TRANSITIONS)[ReferralStatus]];
        const command = type === 'RevokeReferral' ? revoke() : RECEIVER_COMMANDS[type as ReceiverCommand['type']];
        if (to) {
          it(`${type} from ${from} → ${to}`, () => {
            const events = given(referralDecider, history).when(command);
            expect(events).toHaveLength(1);
            expect(referralDecider.evolve(given(referralDecider, history).state, events[0]!).status).toBe(to);
          });
        } else {
          const expected =
            type === 'CompleteReferral' && ['sent', 'accepted', 'first_contact_made'].includes(from)
              ? 'SERVICE_NOT_STARTED'
              : 'TRANSITION_NOT_ALLOWED';
          it(`refuses ${type} from ${from} (${expected})`, () => {
            expect(given(referralDecider, history).refusalOf(command)).toBe(expected);
          });
        }
      }
    }
  });

  it('records the receiver’s facts as given', () => {
    expect(given(referralDecider, [sent]).when(RECEIVER_COMMANDS.DeclineReferral)).toEqual([
      { type: 'ReferralDeclined', data: { ...on('2026-04-12'), reason: 'waiting_list', explanation: note } },
    ]);
    expect(given(referralDecider, HISTORIES.service_started).when(RECEIVER_COMMANDS.CompleteReferral)).toEqual([
      { type: 'ReferralCompleted', data: { ...on('2026-04-12'), outcome: 'partly_answered', feedback: null } },
    ]);
    expect(given(referralDecider, HISTORIES.accepted).when(RECEIVER_COMMANDS.DropReferral)).toEqual([
      { type: 'ReferralDropped', data: { ...on('2026-04-12'), droppedBy: 'service', reason: 'service_ended' } },
    ]);
  });

  it('is completed with the receiver’s sealed feedback to the sender, kept in its state', () => {
    const withFeedback = { ...RECEIVER_COMMANDS.CompleteReferral, feedback: note } as ReceiverCommand;
    const events = given(referralDecider, HISTORIES.service_started).when(withFeedback);
    expect(events).toEqual([
      { type: 'ReferralCompleted', data: { ...on('2026-04-12'), outcome: 'partly_answered', feedback: note } },
    ]);
    const state = referralDecider.evolve(given(referralDecider, HISTORIES.service_started).state, events[0]!);
    expect(state).toMatchObject({ status: 'completed', completed: { feedback: note } });
    // Completions recorded before feedback existed have none.
    expect(given(referralDecider, HISTORIES.completed).state).toMatchObject({ completed: { feedback: null } });
  });

  it('is answered only by the organisation it is addressed to', () => {
    for (const command of Object.values(RECEIVER_COMMANDS)) {
      expect(given(referralDecider, HISTORIES.sent).refusalOf({ ...command, actorOrganisationId: ocmwKortrijk })).toBe(
        'NOT_ADDRESSED_TO_YOUR_ORGANISATION',
      );
    }
  });

  it('is revoked by its sender or a coordinator, not by the receiver', () => {
    expect(given(referralDecider, [sent]).refusalOf(revoke({ actorOrganisationId: ocmwMenen }))).toBe(
      'NOT_SENT_BY_YOUR_ORGANISATION',
    );
    const w13 = '5a0e7c3d-0000-4000-8000-0000000000c1';
    expect(given(referralDecider, [sent]).when(revoke({ actorOrganisationId: w13, asCoordinator: true }))).toEqual([
      {
        type: 'ReferralRevoked',
        data: { ...on('2026-04-12'), reason: 'need_resolved', revokedByOrganisationId: w13 },
      },
    ]);
  });

  it('takes steps dated in the past, but not before the previous step nor in the future', () => {
    const late = { ...RECEIVER_COMMANDS.RecordFirstContact, occurredOn: '2026-03-22' };
    expect(given(referralDecider, HISTORIES.accepted).when(late)).toHaveLength(1);
    const early = { ...RECEIVER_COMMANDS.RecordFirstContact, occurredOn: '2026-03-21' };
    expect(given(referralDecider, HISTORIES.accepted).refusalOf(early)).toBe('OCCURRED_BEFORE_PREVIOUS_STEP');
    const future = { ...RECEIVER_COMMANDS.AcceptReferral, occurredOn: '2026-04-13' };
    expect(given(referralDecider, HISTORIES.sent).refusalOf(future)).toBe('INVALID_REFERRAL_DATA');
  });

  it('refuses codes outside its vocabularies', () => {
    const decline = { ...RECEIVER_COMMANDS.DeclineReferral, reason: 'bored' } as unknown as ReceiverCommand;
    expect(given(referralDecider, HISTORIES.sent).refusalOf(decline)).toBe('INVALID_REFERRAL_DATA');
    expect(given(referralDecider, HISTORIES.sent).refusalOf(revoke({ reason: 'whim' as never }))).toBe(
      'INVALID_REFERRAL_DATA',
    );
  });

  it('refuses every step on a referral that was never sent', () => {
    for (const command of [...Object.values(RECEIVER_COMMANDS), revoke()]) {
      expect(given(referralDecider).refusalOf(command)).toBe('REFERRAL_NOT_FOUND');
    }
  });

  it('is overdue while still unanswered after its due date, not on it', () => {
    expect(isOverdue('sent', '2026-04-03', '2026-04-03')).toBe(false);
    expect(isOverdue('sent', '2026-04-03', '2026-04-04')).toBe(true);
    expect(isOverdue('accepted', '2026-04-03', '2026-05-01')).toBe(false);
    expect(isOverdue('declined', '2026-04-03', '2026-05-01')).toBe(false);
  });

  it('tells other capabilities whom an open referral hands off to, and that a closed one no longer does', () => {
    expect(handOffFactsOf([])).toBeUndefined();
    expect(handOffFactsOf([sent, accepted])).toEqual({
      referralId,
      clientId,
      fromOrganisationId: ocmwKortrijk,
      toOrganisationId: ocmwMenen,
      consentBasis: 'share_for_referrals',
      open: true,
    });
    const open = (Object.entries(HISTORIES) as [ReferralStatus, readonly ReferralEvent[]][])
      .filter(([, history]) => handOffFactsOf(history)?.open)
      .map(([status]) => status)
      .sort();
    expect(open).toEqual(['accepted', 'first_contact_made', 'sent', 'service_started']);
  });
});
