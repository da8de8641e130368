import {
  type ChangeContactDetails,
  clientDecider,
  type ClientCommand,
  consentValidOn,
  type GiveConsent,
  mayCountInReporting,
  mayShareForReferrals,
  municipalityOn,
  organisationMaySee,
  organisationsThatMaySee,
  type RecordMove,
  type RegisterClient,
  validConsent,
} from './client.decider';
import type { ClientEvent, SealedPersonalData } from './client.events';
import { given } from '../../shared/domain/decider-specification';

const CLIENT = '0d3b1f8e-5c2a-4e7b-9a61-2f4c8d9e1a01';
const OCMW_KORTRIJK = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c01';
const CAW = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c02';
const KORTRIJK = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01';
const MENEN = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c02';
const WEVELGEM = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c03';
const TODAY = '2026-03-15';

/** Stands in for a sealed value: the decider never looks inside. */
const sealed = (label: string): SealedPersonalData => ({
  $pii: { v: 1, kid: CLIENT, iv: label, ct: label, tag: label },
});

const register: RegisterClient = {
  type: 'RegisterClient',
  clientId: CLIENT,
  organisationId: OCMW_KORTRIJK,
  details: {
    givenName: 'Amélie',
    familyName: 'Van den Broeck',
    birthDate: '1985-07-30',
    insz: '85073003328',
    phone: '+32 470 12 34 56',
    address: { street: 'Grote Markt', houseNumber: '54', box: null, postalCode: '8500', place: 'Kortrijk' },
  },
  sealedPersonalData: sealed('details'),
  municipalityId: KORTRIJK,
  municipalityKnown: true,
  household: { adults: 1, children: 2 },
  mainIncomeSource: 'social_integration_income',
  today: TODAY,
};

const registered = (): ClientEvent => clientDecider.decide(register, clientDecider.initialState)[0]!;

const consent = (overrides: Partial<GiveConsent> = {}): GiveConsent => ({
  type: 'GiveConsent',
  consentId: 'c0000000-0000-4000-8000-000000000001',
  scope: 'share_with_organisation',
  organisationId: CAW,
  organisationKnown: true,
  validFrom: '2026-03-01',
  validUntil: '2026-12-31',
  recordedBy: OCMW_KORTRIJK,
  ...overrides,
});

const move = (overrides: Partial<RecordMove> = {}): RecordMove => ({
  type: 'RecordMove',
  municipalityId: MENEN,
  municipalityKnown: true,
  effectiveDate: '2026-02-01',
  address: null,
  sealedAddress: null,
  today: TODAY,
  ...overrides,
});

function events(history: readonly ClientEvent[], ...commands: ClientCommand[]): ClientEvent[] {
  const all = [...history];
  for (const command of commands) all.push(...given(clientDecider, all).when(command));
  return all;
}

describe('the client decider', () => {
  describe('registering', () => {
    it('registers the person with their personal data sealed and only counting facts in plaintext', () => {
      expect(given(clientDecider).when(register)).toEqual([
        {
          type: 'ClientRegistered',
          data: {
            clientId: CLIENT,
            registeredBy: OCMW_KORTRIJK,
            registeredOn: TODAY,
            municipalityId: KORTRIJK,
            household: { adults: 1, children: 2 },
            mainIncomeSource: 'social_integration_income',
            birthYear: 1985,
            personalData: sealed('details'),
          },
        },
      ]);
      const plain = JSON.stringify(registered());
      for (const personal of ['Amélie', 'Van den Broeck', '1985-07-30', '85073003328', '470', 'Grote Markt']) {
        expect(plain).not.toContain(personal);
      }
    });

    it('registers once', () => {
      expect(given(clientDecider, [registered()]).refusalOf(register)).toBe('CLIENT_ALREADY_REGISTERED');
    });

    it.each<[string, Partial<RegisterClient>]>([
      ['an invalid INSZ', { details: { ...register.details, insz: '85073003329' } }],
      ['a birth date in the future', { details: { ...register.details, birthDate: '2026-03-16', insz: null } }],
      ['an INSZ of another birth date', { details: { ...register.details, birthDate: '1985-07-31' } }],
      ['a blank name', { details: { ...register.details, givenName: ' ' } }],
      ['an unknown municipality', { municipalityKnown: false }],
      ['an empty household', { household: { adults: 0, children: 0 } }],
      ['an unknown income source', { mainIncomeSource: 'lottery' as never }],
    ])('refuses %s', (_what, change) => {
      expect(given(clientDecider).refusalOf({ ...register, ...change })).toBe('INVALID_CLIENT_DATA');
    });

    it('refuses everything but registration for a person not registered', () => {
      for (const command of [move(), consent(), { type: 'ErasePersonalData', today: TODAY } as const]) {
        expect(given(clientDecider).refusalOf(command)).toBe('CLIENT_NOT_FOUND');
      }
    });
  });

  describe('moving', () => {
    it('records the move with the municipality left and the date it took effect', () => {
      expect(given(clientDecider, [registered()]).when(move({ sealedAddress: null }))).toEqual([
        {
          type: 'ClientMoved',
          data: {
            clientId: CLIENT,
            municipalityId: MENEN,
            previousMunicipalityId: KORTRIJK,
            effectiveDate: '2026-02-01',
            address: null,
          },
        },
      ]);
    });

    it('keeps the history: where the person lived on each date, moves recorded late included', () => {
      const history = events(
        [registered()],
        move({ municipalityId: MENEN, effectiveDate: '2026-02-01' }),
        move({ municipalityId: WEVELGEM, effectiveDate: '2025-06-01' }),
      );
      const state = given(clientDecider, history).state;
      if (state.status !== 'registered') throw new Error('registered expected');
      expect(municipalityOn(state, '2025-01-01')).toBe(KORTRIJK);
      expect(municipalityOn(state, '2025-06-01')).toBe(WEVELGEM);
      expect(municipalityOn(state, '2026-01-31')).toBe(WEVELGEM);
      expect(municipalityOn(state, TODAY)).toBe(MENEN);
      // The late move knew where the person came from on its date.
      expect(history[2]!.data).toMatchObject({ municipalityId: WEVELGEM, previousMunicipalityId: KORTRIJK });
    });

    it('changes nothing when the person already lives there and no address is given', () => {
      expect(given(clientDecider, [registered()]).when(move({ municipalityId: KORTRIJK }))).toEqual([]);
      const withAddress = move({
        municipalityId: KORTRIJK,
        address: { street: 'Lange Steenstraat', houseNumber: '1', box: null, postalCode: '8500', place: 'Kortrijk' },
        sealedAddress: sealed('address'),
      });
      expect(given(clientDecider, [registered()]).when(withAddress)).toMatchObject([
        { type: 'ClientMoved', data: { municipalityId: KORTRIJK, address: sealed('address') } },
      ]);
    });

    it('refuses another municipality on a date that has a move, and a move in the future', () => {
      const history = events([registered()], move());
      expect(given(clientDecider, history).refusalOf(move({ municipalityId: WEVELGEM }))).toBe('MOVE_ALREADY_RECORDED');
      expect(given(clientDecider, history).when(move())).toEqual([]);
      expect(given(clientDecider, history).refusalOf(move({ effectiveDate: '2026-03-16' }))).toBe(
        'INVALID_CLIENT_DATA',
      );
      expect(given(clientDecider, history).refusalOf(move({ municipalityKnown: false }))).toBe('INVALID_CLIENT_DATA');
    });
  });

  describe('consent', () => {
    it('records a consent with its scope, organisation and period', () => {
      expect(given(clientDecider, [registered()]).when(consent())).toEqual([
        {
          type: 'ClientConsentGiven',
          data: {
            clientId: CLIENT,
            consentId: 'c0000000-0000-4000-8000-000000000001',
            scope: 'share_with_organisation',
            organisationId: CAW,
            validFrom: '2026-03-01',
            validUntil: '2026-12-31',
            recordedBy: OCMW_KORTRIJK,
          },
        },
      ]);
    });

    it.each<[string, Partial<GiveConsent>]>([
      ['an end before its start', { validUntil: '2026-02-28' }],
      ['sharing with nobody', { organisationId: null }],
      ['an unknown organisation', { organisationKnown: false }],
      ['an organisation for reporting', { scope: 'reporting' }],
      ['an unknown scope', { scope: 'marketing' as never, organisationId: null }],
    ])('refuses %s', (_what, change) => {
      expect(given(clientDecider, [registered()]).refusalOf(consent(change))).toBe('INVALID_CLIENT_DATA');
    });

    it('records one consent once', () => {
      expect(given(clientDecider, events([registered()], consent())).refusalOf(consent())).toBe(
        'CONSENT_ALREADY_RECORDED',
      );
    });

    it('withdraws from a date on; a second withdrawal changes nothing', () => {
      const history = events([registered()], consent());
      const withdraw = {
        type: 'WithdrawConsent',
        consentId: consent().consentId,
        withdrawnOn: '2026-03-10',
        today: TODAY,
      } as const;
      expect(given(clientDecider, history).when(withdraw)).toEqual([
        {
          type: 'ClientConsentWithdrawn',
          data: { clientId: CLIENT, consentId: consent().consentId, withdrawnOn: '2026-03-10' },
        },
      ]);
      expect(given(clientDecider, events(history, withdraw)).when(withdraw)).toEqual([]);
      expect(given(clientDecider, history).refusalOf({ ...withdraw, withdrawnOn: '2026-03-16' })).toBe(
        'INVALID_CLIENT_DATA',
      );
      expect(
        given(clientDecider, history).refusalOf({ ...withdraw, consentId: 'c0000000-0000-4000-8000-000000000009' }),
      ).toBe('CONSENT_NOT_FOUND');
    });
  });

  describe('who may see the person, share and count them', () => {
    const history = events(
      [registered()],
      consent(),
      consent({
        consentId: 'c0000000-0000-4000-8000-000000000002',
        scope: 'reporting',
        organisationId: null,
        validUntil: null,
      }),
      consent({
        consentId: 'c0000000-0000-4000-8000-000000000003',
        scope: 'share_for_referrals',
        organisationId: null,
        validFrom: '2026-04-01',
        validUntil: null,
      }),
      {
        type: 'WithdrawConsent',
        consentId: 'c0000000-0000-4000-8000-000000000001',
        withdrawnOn: '2026-03-10',
        today: TODAY,
      },
    );
    const state = given(clientDecider, history).state;

    it('lets the registering organisation see the person, always', () => {
      expect(organisationMaySee(state, OCMW_KORTRIJK, '2020-01-01')).toBe(true);
    });

    it('lets an organisation see the person while a consent names it, until the day it is withdrawn', () => {
      expect(organisationMaySee(state, CAW, '2026-02-28')).toBe(false);
      expect(organisationMaySee(state, CAW, '2026-03-01')).toBe(true);
      expect(organisationMaySee(state, CAW, '2026-03-09')).toBe(true);
      expect(organisationMaySee(state, CAW, '2026-03-10')).toBe(false);
      expect(organisationsThatMaySee(state, '2026-03-05').sort()).toEqual([OCMW_KORTRIJK, CAW].sort());
      expect(organisationMaySee(state, 'somebody-else', '2026-03-05')).toBe(false);
    });

    it('answers sharing for referrals and counting by their own consents', () => {
      expect(mayShareForReferrals(state, '2026-03-31')).toBe(false);
      expect(mayShareForReferrals(state, '2026-04-01')).toBe(true);
      expect(mayCountInReporting(state, '2026-02-28')).toBe(false);
      expect(mayCountInReporting(state, '2030-01-01')).toBe(true);
    });

    it('names the consent a sharing rests on, only while it holds', () => {
      expect(validConsent(state, 'share_with_organisation', CAW, '2026-03-05')?.consentId).toBe(
        'c0000000-0000-4000-8000-000000000001',
      );
      expect(validConsent(state, 'share_with_organisation', CAW, '2026-03-10')).toBeUndefined();
      expect(validConsent(state, 'share_with_organisation', 'somebody-else', '2026-03-05')).toBeUndefined();
      expect(validConsent(state, 'share_for_referrals', null, '2026-03-31')).toBeUndefined();
      expect(validConsent(state, 'share_for_referrals', null, '2026-04-01')?.consentId).toBe(
        'c0000000-0000-4000-8000-000000000003',
      );
      const erased = clientDecider.evolve(state, {
        type: 'ClientPersonalDataErased',
        data: { clientId: CLIENT, erasedOn: TODAY },
      });
      expect(validConsent(erased, 'share_for_referrals', null, '2026-04-01')).toBeUndefined();
    });

    it('ends a consent after its last day', () => {
      const record = { ...consent(), withdrawnOn: null };
      expect(consentValidOn(record, '2026-12-31')).toBe(true);
      expect(consentValidOn(record, '2027-01-01')).toBe(false);
    });

    it('counts nobody unknown', () => {
      expect(mayCountInReporting(clientDecider.initialState, TODAY)).toBe(false);
      expect(organisationMaySee(clientDecider.initialState, OCMW_KORTRIJK, TODAY)).toBe(false);
    });
  });

  describe('erasure', () => {
    const erase = { type: 'ErasePersonalData', today: TODAY } as const;

    it('records the erasure once; a second one changes nothing', () => {
      expect(given(clientDecider, [registered()]).when(erase)).toEqual([
        { type: 'ClientPersonalDataErased', data: { clientId: CLIENT, erasedOn: TODAY } },
      ]);
      expect(given(clientDecider, events([registered()], erase)).when(erase)).toEqual([]);
    });

    it('refuses every change afterwards, and a new registration under the same id', () => {
      const history = events([registered()], consent(), erase);
      expect(given(clientDecider, history).refusalOf(move())).toBe('CLIENT_ERASED');
      expect(
        given(clientDecider, history).refusalOf(consent({ consentId: 'c0000000-0000-4000-8000-000000000005' })),
      ).toBe('CLIENT_ERASED');
      expect(given(clientDecider, history).refusalOf(register)).toBe('CLIENT_ALREADY_REGISTERED');
    });

    it('still counts the person anonymously by their reporting consent', () => {
      const history = events(
        [registered()],
        consent({ consentId: 'c0000000-0000-4000-8000-000000000002', scope: 'reporting', organisationId: null }),
        erase,
      );
      const state = given(clientDecider, history).state;
      expect(state.status).toBe('erased');
      expect(mayCountInReporting(state, '2026-06-01')).toBe(true);
    });
  });

  describe('changing the contact details (ADR 0028)', () => {
    const change = (overrides: Partial<ChangeContactDetails> = {}): ChangeContactDetails => ({
      type: 'ChangeContactDetails',
      details: { ...register.details, phone: '+32 56 12 34 56', preferredLanguage: 'fr' },
      sealedPersonalData: sealed('changed'),
      changed: true,
      today: TODAY,
      ...overrides,
    });

    it('records the details sealed again, and nothing when they did not change', () => {
      expect(given(clientDecider, [registered()]).when(change())).toEqual([
        {
          type: 'ClientContactDetailsChanged',
          data: { clientId: CLIENT, changedOn: TODAY, personalData: sealed('changed') },
        },
      ]);
      expect(given(clientDecider, [registered()]).when(change({ changed: false }))).toEqual([]);
    });

    it('refuses an unknown or erased person, and invalid details', () => {
      expect(given(clientDecider).refusalOf(change())).toBe('CLIENT_NOT_FOUND');
      const erased: ClientEvent = { type: 'ClientPersonalDataErased', data: { clientId: CLIENT, erasedOn: TODAY } };
      expect(given(clientDecider, [registered(), erased]).refusalOf(change())).toBe('CLIENT_ERASED');
      const invalid = change({ details: { ...register.details, preferredLanguage: 'Frans' } });
      expect(given(clientDecider, [registered()]).refusalOf(invalid)).toBe('INVALID_CLIENT_DATA');
    });
  });
});
