import { given } from '../../shared/domain/decider-specification';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import {
  type ApplyForRight,
  type AssessLifeDomains,
  type AssignCaseworker,
  type CloseIntake,
  type ExploreRight,
  type GrantRight,
  type IntakeCommand,
  type OpenIntake,
  type RecordNeed,
  type RefuseRight,
  type ReopenIntake,
  type SignalUnmetNeed,
  type TransferResponsibility,
} from './intake.commands';
import { intakeDecider } from './intake.decider';
import type { IntakeEvent } from './intake.events';

const TRAJECTORY = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a01';
const CLIENT = '0d3b1f8e-5c2a-4e7b-9a61-2f4c8d9e1a01';
const OCMW_KORTRIJK = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c01';
const OCMW_MENEN = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c02';
const CAW = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c03';
const NEED = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01';
const RIGHT = '8b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d01';
const OPENED_ON = '2026-03-02';
const TODAY = '2026-03-15';

const sealed: SealedPersonalData = { $pii: { v: 1, kid: CLIENT, iv: 'iv', ct: 'ct', tag: 'tag' } };

const open: OpenIntake = {
  type: 'OpenIntake',
  trajectoryId: TRAJECTORY,
  clientId: CLIENT,
  organisationId: OCMW_KORTRIJK,
  caseworkerId: 'worker-1',
  origin: 'came_in_themselves',
  referringOrganisationId: null,
  referringOrganisationKnown: false,
  signalSource: null,
  occurredOn: OPENED_ON,
  today: TODAY,
};

const opened: IntakeEvent = {
  type: 'IntakeOpened',
  data: {
    trajectoryId: TRAJECTORY,
    occurredOn: OPENED_ON,
    clientId: CLIENT,
    organisationId: OCMW_KORTRIJK,
    caseworkerId: 'worker-1',
    origin: 'came_in_themselves',
    referringOrganisationId: null,
    signalSource: null,
  },
};

const dated = { occurredOn: '2026-03-10', today: TODAY };
const fact = { trajectoryId: TRAJECTORY, occurredOn: '2026-03-10' };

const assess: AssessLifeDomains = {
  type: 'AssessLifeDomains',
  assessmentId: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e01',
  scores: { finances: 2, housing: 4 },
  problemFlags: ['debt_collection'],
  ...dated,
};
const recordNeed: RecordNeed = {
  type: 'RecordNeed',
  needId: NEED,
  lifeDomain: 'energy',
  description: sealed,
  ...dated,
};
const needRecorded: IntakeEvent = {
  type: 'NeedRecorded',
  data: { ...fact, needId: NEED, lifeDomain: 'energy', description: sealed },
};
const explore: ExploreRight = {
  type: 'ExploreRight',
  rightId: RIGHT,
  lifeDomain: 'energy',
  rightOffered: true,
  needId: NEED,
  ...dated,
};
const explored: IntakeEvent = {
  type: 'RightExplored',
  data: { ...fact, rightId: RIGHT, lifeDomain: 'energy', needId: null },
};
const apply: ApplyForRight = { type: 'ApplyForRight', rightId: RIGHT, ...dated };
const applied: IntakeEvent = { type: 'RightApplied', data: { ...fact, rightId: RIGHT } };
const grant: GrantRight = { type: 'GrantRight', rightId: RIGHT, amountCents: 12_500, grantedUntil: null, ...dated };
const granted: IntakeEvent = {
  type: 'RightGranted',
  data: { ...fact, rightId: RIGHT, amountCents: null, grantedUntil: null },
};
const refuseRight: RefuseRight = { type: 'RefuseRight', rightId: RIGHT, reason: 'income_too_high', ...dated };
const refused: IntakeEvent = { type: 'RightRefused', data: { ...fact, rightId: RIGHT, reason: 'not_eligible' } };
const signal: SignalUnmetNeed = {
  type: 'SignalUnmetNeed',
  unmetNeedId: 'aa1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01',
  lifeDomain: 'mobility',
  reason: 'mobility_threshold',
  needId: null,
  ...dated,
};
const assign: AssignCaseworker = { type: 'AssignCaseworker', caseworkerId: 'worker-2', ...dated };
const transfer: TransferResponsibility = {
  type: 'TransferResponsibility',
  toOrganisationId: OCMW_MENEN,
  toOrganisationActive: true,
  receiverMaySeeClient: true,
  reason: 'kracht_wonen',
  caseworkerId: 'menen-worker-1',
  ...dated,
};
const close: CloseIntake = {
  type: 'CloseIntake',
  outcome: 'rights_realised',
  openReferralIds: [],
  keepOpenReferrals: false,
  ...dated,
};
const closed: IntakeEvent = { type: 'IntakeClosed', data: { ...fact, outcome: 'referred_on' } };
const reopen: ReopenIntake = { type: 'ReopenIntake', occurredOn: '2026-03-12', today: TODAY };

/** Every command on an opened trajectory, for the rules that hold for all of them. */
const trajectoryCommands: readonly IntakeCommand[] = [
  assess,
  recordNeed,
  { ...explore, needId: null },
  apply,
  grant,
  refuseRight,
  signal,
  assign,
  transfer,
  close,
];

describe('the intake decider', () => {
  describe('opening', () => {
    it('opens a trajectory for a person, with its origin, caseworker and date', () => {
      expect(given(intakeDecider).when(open)).toEqual([opened]);
    });

    it('records the referring partner with referred_by_partner and the signal source with proactive_signal', () => {
      const [referred] = given(intakeDecider).when({
        ...open,
        origin: 'referred_by_partner',
        referringOrganisationId: CAW,
        referringOrganisationKnown: true,
      });
      expect(referred?.data).toMatchObject({ origin: 'referred_by_partner', referringOrganisationId: CAW });
      const [signalled] = given(intakeDecider).when({ ...open, origin: 'proactive_signal', signalSource: 'school' });
      expect(signalled?.data).toMatchObject({ origin: 'proactive_signal', signalSource: 'school' });
    });

    it.each<[string, Partial<OpenIntake>]>([
      ['a future date', { occurredOn: '2026-03-16' }],
      ['an impossible date', { occurredOn: '2026-02-30' }],
      ['an unknown origin', { origin: 'walked_by' as never }],
      ['a partner referral without the partner', { origin: 'referred_by_partner' }],
      [
        'a partner referral from an unknown organisation',
        { origin: 'referred_by_partner', referringOrganisationId: CAW, referringOrganisationKnown: false },
      ],
      ['a referring partner with another origin', { referringOrganisationId: CAW, referringOrganisationKnown: true }],
      ['a proactive signal without its source', { origin: 'proactive_signal' }],
      ['an unknown signal source', { origin: 'proactive_signal', signalSource: 'rumour' as never }],
      ['a signal source with another origin', { signalSource: 'school' }],
      ['no caseworker', { caseworkerId: ' ' }],
    ])('refuses %s as invalid input', (_case, change) => {
      expect(given(intakeDecider).refusalOf({ ...open, ...change })).toBe('INVALID_INTAKE_DATA');
    });

    it('refuses to open a trajectory that exists', () => {
      expect(given(intakeDecider, [opened]).refusalOf(open)).toBe('INTAKE_ALREADY_EXISTS');
    });
  });

  it('refuses every command on a trajectory that was never opened (404)', () => {
    for (const command of [...trajectoryCommands, reopen]) {
      expect(given(intakeDecider).refusalOf(command)).toBe('INTAKE_TRAJECTORY_NOT_FOUND');
    }
  });

  it.each<[string, (command: IntakeCommand) => IntakeCommand]>([
    ['in the future', (command) => ({ ...command, occurredOn: '2026-03-16' })],
    ['before the trajectory was opened', (command) => ({ ...command, occurredOn: '2026-03-01' })],
    ['not a date', (command) => ({ ...command, occurredOn: '10/03/2026' })],
  ])('refuses every command dated %s', (_case, change) => {
    for (const command of trajectoryCommands) {
      expect({ command: command.type, refusal: given(intakeDecider, [opened]).refusalOf(change(command)) }).toEqual({
        command: command.type,
        refusal: 'INVALID_INTAKE_DATA',
      });
    }
  });

  describe('assessing life domains', () => {
    it('records a partial assessment, and again at follow-up', () => {
      const events = given(intakeDecider, [opened]).when(assess);
      expect(events).toEqual([
        {
          type: 'LifeDomainsAssessed',
          data: {
            ...fact,
            assessmentId: assess.assessmentId,
            scores: { finances: 2, housing: 4 },
            problemFlags: ['debt_collection'],
          },
        },
      ]);
      const followUp = { ...assess, assessmentId: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e02', scores: { finances: 3 } };
      expect(given(intakeDecider, [opened, ...events]).when(followUp)[0]?.data).toMatchObject({
        scores: { finances: 3 },
      });
    });

    it.each<[string, Partial<AssessLifeDomains>]>([
      ['a score above 5', { scores: { finances: 6 } }],
      ['a score below 1', { scores: { finances: 0 } }],
      ['a score that is not whole', { scores: { finances: 2.5 } }],
      ['an unknown life domain', { scores: { wellbeing: 3 } as never }],
      ['an unknown problem flag', { problemFlags: ['bad_luck' as never] }],
      ['a flag twice', { problemFlags: ['no_income', 'no_income'] }],
      ['nothing assessed', { scores: {}, problemFlags: [] }],
    ])('refuses %s', (_case, change) => {
      expect(given(intakeDecider, [opened]).refusalOf({ ...assess, ...change })).toBe('INVALID_INTAKE_DATA');
    });
  });

  describe('needs', () => {
    it('records a need with its sealed description, or without one', () => {
      expect(given(intakeDecider, [opened]).when(recordNeed)).toEqual([
        { type: 'NeedRecorded', data: { ...fact, needId: NEED, lifeDomain: 'energy', description: sealed } },
      ]);
      expect(given(intakeDecider, [opened]).when({ ...recordNeed, description: null })[0]?.data).toMatchObject({
        description: null,
      });
    });

    it('refuses an unknown life domain', () => {
      expect(given(intakeDecider, [opened]).refusalOf({ ...recordNeed, lifeDomain: 'luck' as never })).toBe(
        'INVALID_INTAKE_DATA',
      );
    });
  });

  describe('rights', () => {
    it('explores a right offered in the person’s municipality, for a recorded need', () => {
      expect(given(intakeDecider, [opened, needRecorded]).when(explore)).toEqual([
        { type: 'RightExplored', data: { ...fact, rightId: RIGHT, lifeDomain: 'energy', needId: NEED } },
      ]);
    });

    it('refuses a right not offered there, or a need not recorded in the trajectory', () => {
      expect(given(intakeDecider, [opened, needRecorded]).refusalOf({ ...explore, rightOffered: false })).toBe(
        'INVALID_INTAKE_DATA',
      );
      expect(given(intakeDecider, [opened]).refusalOf(explore)).toBe('INVALID_INTAKE_DATA');
    });

    it('refuses to explore a right twice', () => {
      expect(given(intakeDecider, [opened, explored]).refusalOf({ ...explore, needId: null })).toBe(
        'RIGHT_ALREADY_EXPLORED',
      );
    });

    it('applies for an explored right, then grants it with its amount and end', () => {
      expect(given(intakeDecider, [opened, explored]).when(apply)).toEqual([applied]);
      expect(given(intakeDecider, [opened, explored, applied]).when({ ...grant, grantedUntil: '2026-12-31' })).toEqual([
        {
          type: 'RightGranted',
          data: { ...fact, rightId: RIGHT, amountCents: 12_500, grantedUntil: '2026-12-31' },
        },
      ]);
    });

    it('grants a right given automatically straight after exploring it', () => {
      expect(given(intakeDecider, [opened, explored]).when(grant)[0]?.type).toBe('RightGranted');
    });

    it('refuses an application, and applies again after a refusal', () => {
      expect(given(intakeDecider, [opened, explored, applied]).when(refuseRight)).toEqual([
        { type: 'RightRefused', data: { ...fact, rightId: RIGHT, reason: 'income_too_high' } },
      ]);
      expect(given(intakeDecider, [opened, explored, applied, refused]).when(apply)).toEqual([applied]);
    });

    it.each<[string, IntakeEvent[], IntakeCommand, string]>([
      ['applying for a right not explored', [], apply, 'RIGHT_NOT_EXPLORED'],
      ['granting a right not explored', [], grant, 'RIGHT_NOT_EXPLORED'],
      ['refusing a right not explored', [], refuseRight, 'RIGHT_NOT_EXPLORED'],
      ['applying twice', [explored, applied], apply, 'RIGHT_ALREADY_APPLIED'],
      ['refusing without an application', [explored], refuseRight, 'RIGHT_NOT_APPLIED'],
      ['granting after a refusal without a new application', [explored, applied, refused], grant, 'RIGHT_NOT_APPLIED'],
      ['refusing twice', [explored, applied, refused], refuseRight, 'RIGHT_NOT_APPLIED'],
      ['applying for a granted right', [explored, granted], apply, 'RIGHT_ALREADY_GRANTED'],
      ['granting twice', [explored, granted], grant, 'RIGHT_ALREADY_GRANTED'],
      ['refusing a granted right', [explored, applied, granted], refuseRight, 'RIGHT_ALREADY_GRANTED'],
    ])('refuses %s', (_case, history, command, code) => {
      expect(given(intakeDecider, [opened, ...history]).refusalOf(command)).toBe(code);
    });

    it.each<[string, Partial<GrantRight>]>([
      ['a negative amount', { amountCents: -1 }],
      ['an amount in fractions of a cent', { amountCents: 10.5 }],
      ['an end before the grant', { grantedUntil: '2026-03-09' }],
      ['an end that is not a date', { grantedUntil: '2026-13-01' }],
    ])('refuses a grant with %s', (_case, change) => {
      expect(given(intakeDecider, [opened, explored]).refusalOf({ ...grant, ...change })).toBe('INVALID_INTAKE_DATA');
    });

    it('refuses an unknown refusal reason', () => {
      expect(
        given(intakeDecider, [opened, explored, applied]).refusalOf({ ...refuseRight, reason: 'whim' as never }),
      ).toBe('INVALID_INTAKE_DATA');
    });
  });

  describe('unmet needs', () => {
    it('signals a need no partner can answer now, with its reason, for a recorded need or none', () => {
      expect(given(intakeDecider, [opened]).when(signal)).toEqual([
        {
          type: 'UnmetNeedSignalled',
          data: {
            ...fact,
            unmetNeedId: signal.unmetNeedId,
            lifeDomain: 'mobility',
            reason: 'mobility_threshold',
            needId: null,
          },
        },
      ]);
      expect(given(intakeDecider, [opened, needRecorded]).when({ ...signal, needId: NEED })[0]?.data).toMatchObject({
        needId: NEED,
      });
    });

    it.each<[string, Partial<SignalUnmetNeed>]>([
      ['an unknown reason', { reason: 'bad_weather' as never }],
      ['an unknown life domain', { lifeDomain: 'weather' as never }],
      ['a need not recorded in the trajectory', { needId: NEED }],
    ])('refuses %s', (_case, change) => {
      expect(given(intakeDecider, [opened]).refusalOf({ ...signal, ...change })).toBe('INVALID_INTAKE_DATA');
    });
  });

  describe('caseworker and responsibility', () => {
    it('reassigns the caseworker, naming the previous one; the same one again changes nothing', () => {
      expect(given(intakeDecider, [opened]).when(assign)).toEqual([
        { type: 'CaseworkerAssigned', data: { ...fact, caseworkerId: 'worker-2', previousCaseworkerId: 'worker-1' } },
      ]);
      expect(given(intakeDecider, [opened]).when({ ...assign, caseworkerId: 'worker-1' })).toEqual([]);
    });

    it('refuses a blank caseworker', () => {
      expect(given(intakeDecider, [opened]).refusalOf({ ...assign, caseworkerId: '' })).toBe('INVALID_INTAKE_DATA');
    });

    it('transfers responsibility to another organisation, which from then on is responsible', () => {
      const events = given(intakeDecider, [opened]).when(transfer);
      expect(events).toEqual([
        {
          type: 'ResponsibilityTransferred',
          data: {
            ...fact,
            fromOrganisationId: OCMW_KORTRIJK,
            toOrganisationId: OCMW_MENEN,
            reason: 'kracht_wonen',
            receivingCaseworkerId: 'menen-worker-1',
          },
        },
      ]);
      expect(given(intakeDecider, [opened, ...events]).state).toMatchObject({
        organisationId: OCMW_MENEN,
        caseworkerId: 'menen-worker-1',
      });
    });

    it('refuses a transfer naming no receiving caseworker', () => {
      expect(given(intakeDecider, [opened]).refusalOf({ ...transfer, caseworkerId: ' ' })).toBe('INVALID_INTAKE_DATA');
    });

    it.each<[string, Partial<TransferResponsibility>, string]>([
      ['to itself', { toOrganisationId: OCMW_KORTRIJK }, 'TRANSFER_TO_SAME_ORGANISATION'],
      ['to an unknown or inactive organisation', { toOrganisationActive: false }, 'INVALID_INTAKE_DATA'],
      ['for an unknown reason', { reason: 'boredom' as never }, 'INVALID_INTAKE_DATA'],
      ['with a blank caseworker', { caseworkerId: '' }, 'INVALID_INTAKE_DATA'],
      [
        'to an organisation that may not see the person',
        { receiverMaySeeClient: false },
        'RECEIVING_ORGANISATION_MAY_NOT_SEE_CLIENT',
      ],
    ])('refuses a transfer %s', (_case, change, code) => {
      expect(given(intakeDecider, [opened]).refusalOf({ ...transfer, ...change })).toBe(code);
    });
  });

  describe('closing and reopening', () => {
    it('closes with an outcome', () => {
      expect(given(intakeDecider, [opened]).when(close)).toEqual([
        { type: 'IntakeClosed', data: { ...fact, outcome: 'rights_realised' } },
      ]);
    });

    it('refuses while referrals sent from it are open, listing them, unless they are kept explicitly', () => {
      const openReferralIds = ['5a0e7c3d-0000-4000-8000-0000000000f1', '5a0e7c3d-0000-4000-8000-0000000000f2'];
      const withOpen = { ...close, openReferralIds };
      expect(given(intakeDecider, [opened]).refusalOf(withOpen)).toBe('OPEN_REFERRALS');
      let refusal: unknown;
      try {
        given(intakeDecider, [opened]).when(withOpen);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({ code: 'OPEN_REFERRALS', ids: { openReferralIds } });
      expect(given(intakeDecider, [opened]).when({ ...withOpen, keepOpenReferrals: true })).toEqual([
        { type: 'IntakeClosed', data: { ...fact, outcome: 'rights_realised' } },
      ]);
    });

    it('refuses an unknown outcome', () => {
      expect(given(intakeDecider, [opened]).refusalOf({ ...close, outcome: 'vanished' as never })).toBe(
        'INVALID_INTAKE_DATA',
      );
    });

    it('refuses every command but a reopening on a closed trajectory', () => {
      for (const command of trajectoryCommands) {
        expect({ command: command.type, refusal: given(intakeDecider, [opened, closed]).refusalOf(command) }).toEqual({
          command: command.type,
          refusal: 'INTAKE_CLOSED',
        });
      }
    });

    it('reopens a closed trajectory as a new fact; then it takes commands again', () => {
      const events = given(intakeDecider, [opened, closed]).when(reopen);
      expect(events).toEqual([
        { type: 'IntakeReopened', data: { trajectoryId: TRAJECTORY, occurredOn: '2026-03-12' } },
      ]);
      expect(given(intakeDecider, [opened, closed, ...events]).when(assess)[0]?.type).toBe('LifeDomainsAssessed');
    });

    it('refuses to reopen an open trajectory, or before its closure, or in the future', () => {
      expect(given(intakeDecider, [opened]).refusalOf(reopen)).toBe('INTAKE_NOT_CLOSED');
      expect(given(intakeDecider, [opened, closed]).refusalOf({ ...reopen, occurredOn: '2026-03-09' })).toBe(
        'INVALID_INTAKE_DATA',
      );
      expect(given(intakeDecider, [opened, closed]).refusalOf({ ...reopen, occurredOn: '2026-03-16' })).toBe(
        'INVALID_INTAKE_DATA',
      );
    });
  });

  it('folds the state other capabilities ask about: status, responsible organisation, caseworker, needs, rights', () => {
    const transferred: IntakeEvent = {
      type: 'ResponsibilityTransferred',
      data: {
        ...fact,
        fromOrganisationId: OCMW_KORTRIJK,
        toOrganisationId: OCMW_MENEN,
        reason: 'other',
        receivingCaseworkerId: 'w-9',
      },
    };
    expect(given(intakeDecider, [opened, needRecorded, explored, applied, transferred, closed]).state).toEqual({
      status: 'closed',
      trajectoryId: TRAJECTORY,
      clientId: CLIENT,
      organisationId: OCMW_MENEN,
      caseworkerId: 'w-9',
      openedOn: OPENED_ON,
      closedOn: '2026-03-10',
      needs: [{ needId: NEED, lifeDomain: 'energy' }],
      rights: { [RIGHT]: { rightId: RIGHT, lifeDomain: 'energy', status: 'applied' } },
    });
  });
});
