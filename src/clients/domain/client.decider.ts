import type { Decider } from '../../shared/domain/decider';
import { type CalendarDate, isCalendarDate, yearOf } from '../../shared/domain/calendar';
import type { ClientEvent, SealedPersonalData } from './client.events';
import { CONSENT_SCOPES, type ConsentScope, INCOME_SOURCES, type IncomeSource } from './client.values';
import {
  addressProblems,
  type Household,
  householdProblems,
  type PersonalDetails,
  personalDetailsProblems,
  type PostalAddress,
} from './personal-details';
import { InvalidInput, NotFound, refuse } from '../../shared/domain/domain-error';
import type { FieldProblem } from '../../shared/domain/field-problem';

export interface RegisterClient {
  readonly type: 'RegisterClient';
  readonly clientId: string;
  /** The caller's organisation: it registers, so it works with the person. */
  readonly organisationId: string;
  /** The personal data in plaintext, for the rules only: the event carries `sealedPersonalData`. */
  readonly details: PersonalDetails;
  readonly sealedPersonalData: SealedPersonalData;
  readonly municipalityId: string;
  /** Whether `municipalityId` names a registered municipality (looked up by the handler). */
  readonly municipalityKnown: boolean;
  readonly household: Household;
  readonly mainIncomeSource: IncomeSource;
  /** Today in Belgium: a birth date may not be later. */
  readonly today: CalendarDate;
}

export interface RecordMove {
  readonly type: 'RecordMove';
  readonly municipalityId: string;
  readonly municipalityKnown: boolean;
  readonly effectiveDate: CalendarDate;
  /** The new address in plaintext, for the rules; the event carries `sealedAddress`. */
  readonly address: PostalAddress | null;
  readonly sealedAddress: SealedPersonalData | null;
  readonly today: CalendarDate;
}

export interface GiveConsent {
  readonly type: 'GiveConsent';
  readonly consentId: string;
  readonly scope: ConsentScope;
  readonly organisationId: string | null;
  /** Whether `organisationId` names a registered organisation. */
  readonly organisationKnown: boolean;
  readonly validFrom: CalendarDate;
  readonly validUntil: CalendarDate | null;
  readonly recordedBy: string;
}

export interface WithdrawConsent {
  readonly type: 'WithdrawConsent';
  readonly consentId: string;
  readonly withdrawnOn: CalendarDate;
  readonly today: CalendarDate;
}

export interface ErasePersonalData {
  readonly type: 'ErasePersonalData';
  readonly today: CalendarDate;
}

/** A new phone or preferred language (docs/adr/0028); the handler seals the details as they are from now on. */
export interface ChangeContactDetails {
  readonly type: 'ChangeContactDetails';
  /** The details in plaintext, for the rules only: the event carries `sealedPersonalData`. */
  readonly details: PersonalDetails;
  readonly sealedPersonalData: SealedPersonalData;
  /** Whether the phone or language differ from the current ones (the handler opened them): none, no event. */
  readonly changed: boolean;
  readonly today: CalendarDate;
}

export type ClientCommand =
  RegisterClient | RecordMove | GiveConsent | WithdrawConsent | ErasePersonalData | ChangeContactDetails;

export interface ConsentRecord {
  readonly consentId: string;
  readonly scope: ConsentScope;
  readonly organisationId: string | null;
  readonly validFrom: CalendarDate;
  readonly validUntil: CalendarDate | null;
  readonly withdrawnOn: CalendarDate | null;
  readonly recordedBy: string;
}

/** Where the person lives from `from` on; the registration's residence has no start (`null`). */
export interface Residence {
  readonly from: CalendarDate | null;
  readonly municipalityId: string;
}

interface ClientRecord {
  readonly clientId: string;
  readonly registeredBy: string;
  readonly registeredOn: CalendarDate;
  /** Oldest first. */
  readonly residences: readonly Residence[];
  readonly consents: Readonly<Record<string, ConsentRecord>>;
}

export interface RegisteredClient extends ClientRecord {
  readonly status: 'registered';
  readonly erasedOn: null;
}

/** The person stays as an anonymous id: their history, without the personal data. */
export interface ErasedClient extends ClientRecord {
  readonly status: 'erased';
  readonly erasedOn: CalendarDate;
}

export type KnownClient = RegisteredClient | ErasedClient;

export type ClientState = { readonly status: 'unregistered' } | KnownClient;

/**
 * A person's stream: registered once, then moves and consents, until the personal data is erased; after that the
 * person stays as an anonymous id and refuses every change but a repeated erasure (which writes nothing).
 */
export const clientDecider: Decider<ClientCommand, ClientEvent, ClientState> = {
  initialState: { status: 'unregistered' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterClient':
        return registration(state, command);
      case 'RecordMove':
        return move(changeable(state), command);
      case 'GiveConsent':
        return consent(changeable(state), command);
      case 'WithdrawConsent':
        return withdrawal(changeable(state), command);
      case 'ErasePersonalData':
        return erasure(state, command);
      case 'ChangeContactDetails':
        return contactDetailsChange(changeable(state), command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ClientRegistered':
        return {
          status: 'registered',
          clientId: event.data.clientId,
          registeredBy: event.data.registeredBy,
          registeredOn: event.data.registeredOn,
          residences: [{ from: null, municipalityId: event.data.municipalityId }],
          consents: {},
          erasedOn: null,
        };
      case 'ClientMoved': {
        if (state.status === 'unregistered') return state;
        const residences = [
          ...state.residences.filter((residence) => residence.from !== event.data.effectiveDate),
          { from: event.data.effectiveDate, municipalityId: event.data.municipalityId },
        ].sort(byStart);
        return { ...state, residences };
      }
      case 'ClientConsentGiven': {
        if (state.status === 'unregistered') return state;
        const { clientId: _clientId, ...given } = event.data;
        return { ...state, consents: { ...state.consents, [given.consentId]: { ...given, withdrawnOn: null } } };
      }
      case 'ClientConsentWithdrawn': {
        if (state.status === 'unregistered') return state;
        const consent = state.consents[event.data.consentId];
        if (!consent) return state;
        return {
          ...state,
          consents: { ...state.consents, [consent.consentId]: { ...consent, withdrawnOn: event.data.withdrawnOn } },
        };
      }
      case 'ClientPersonalDataErased':
        return state.status === 'unregistered' ? state : { ...state, status: 'erased', erasedOn: event.data.erasedOn };
      case 'ClientContactDetailsChanged':
        return state;
    }
  },
};

/** The person, for a change: one not registered is not found; an erased one refuses every change. */
function changeable(state: ClientState): RegisteredClient {
  if (state.status === 'unregistered') throw new NotFound('CLIENT_NOT_FOUND', 'No such person');
  if (state.status === 'erased') refuse('CLIENT_ERASED', "This person's personal data has been erased");
  return state;
}

function registration(state: ClientState, command: RegisterClient): ClientEvent[] {
  if (state.status !== 'unregistered') refuse('CLIENT_ALREADY_REGISTERED', 'This person is already registered');
  const problems = [
    ...personalDetailsProblems(command.details, command.today),
    ...householdProblems(command.household),
  ];
  if (!(INCOME_SOURCES as readonly string[]).includes(command.mainIncomeSource)) {
    problems.push({ field: 'mainIncomeSource', message: 'mainIncomeSource is not a known income source' });
  }
  if (!command.municipalityKnown) problems.push({ field: 'municipalityId', message: 'unknown municipality' });
  refuseInvalid(problems);
  const registered: ClientEvent = {
    type: 'ClientRegistered',
    data: {
      clientId: command.clientId,
      registeredBy: command.organisationId,
      registeredOn: command.today,
      municipalityId: command.municipalityId,
      household: { adults: command.household.adults, children: command.household.children },
      mainIncomeSource: command.mainIncomeSource,
      birthYear: yearOf(command.details.birthDate),
      personalData: command.sealedPersonalData,
    },
  };
  return [registered];
}

function contactDetailsChange(state: RegisteredClient, command: ChangeContactDetails): ClientEvent[] {
  refuseInvalid(personalDetailsProblems(command.details, command.today));
  if (!command.changed) return [];
  return [
    {
      type: 'ClientContactDetailsChanged',
      data: { clientId: state.clientId, changedOn: command.today, personalData: command.sealedPersonalData },
    },
  ];
}

/** A second erasure writes nothing: the first one holds. */
function erasure(state: ClientState, command: ErasePersonalData): ClientEvent[] {
  if (state.status === 'unregistered') throw new NotFound('CLIENT_NOT_FOUND', 'No such person');
  if (state.status === 'erased') return [];
  return [{ type: 'ClientPersonalDataErased', data: { clientId: state.clientId, erasedOn: command.today } }];
}

function move(state: RegisteredClient, command: RecordMove): ClientEvent[] {
  const problems: FieldProblem[] = [];
  if (!isCalendarDate(command.effectiveDate)) {
    problems.push({ field: 'effectiveDate', message: 'effectiveDate must be a date (YYYY-MM-DD)' });
  } else if (command.effectiveDate > command.today) {
    problems.push({ field: 'effectiveDate', message: 'effectiveDate must not be in the future' });
  }
  if (!command.municipalityKnown) problems.push({ field: 'municipalityId', message: 'unknown municipality' });
  if (command.address !== null) problems.push(...addressProblems(command.address, 'address'));
  refuseInvalid(problems);

  const sameDay = state.residences.find((residence) => residence.from === command.effectiveDate);
  if (sameDay && sameDay.municipalityId !== command.municipalityId) {
    refuse('MOVE_ALREADY_RECORDED', 'Another move is recorded for that date');
  }
  const previousMunicipalityId = municipalityOn(state, command.effectiveDate);
  if (previousMunicipalityId === command.municipalityId && command.address === null) return [];
  return [
    {
      type: 'ClientMoved',
      data: {
        clientId: state.clientId,
        municipalityId: command.municipalityId,
        previousMunicipalityId,
        effectiveDate: command.effectiveDate,
        address: command.sealedAddress,
      },
    },
  ];
}

function consent(state: RegisteredClient, command: GiveConsent): ClientEvent[] {
  if (state.consents[command.consentId]) refuse('CONSENT_ALREADY_RECORDED', 'This consent is already recorded');
  const problems: FieldProblem[] = [];
  if (!(CONSENT_SCOPES as readonly string[]).includes(command.scope)) {
    problems.push({ field: 'scope', message: 'scope is not a known consent scope' });
  }
  if (command.scope === 'share_with_organisation') {
    if (command.organisationId === null) {
      problems.push({ field: 'organisationId', message: 'organisationId is required to share with an organisation' });
    } else if (!command.organisationKnown) {
      problems.push({ field: 'organisationId', message: 'unknown organisation' });
    }
  } else if (command.organisationId !== null) {
    problems.push({ field: 'organisationId', message: 'organisationId is only for share_with_organisation' });
  }
  if (!isCalendarDate(command.validFrom)) {
    problems.push({ field: 'validFrom', message: 'validFrom must be a date (YYYY-MM-DD)' });
  }
  if (command.validUntil !== null && !isCalendarDate(command.validUntil)) {
    problems.push({ field: 'validUntil', message: 'validUntil must be a date (YYYY-MM-DD)' });
  } else if (command.validUntil !== null && command.validUntil < command.validFrom) {
    problems.push({ field: 'validUntil', message: 'validUntil must not be before validFrom' });
  }
  refuseInvalid(problems);
  return [
    {
      type: 'ClientConsentGiven',
      data: {
        clientId: state.clientId,
        consentId: command.consentId,
        scope: command.scope,
        organisationId: command.organisationId,
        validFrom: command.validFrom,
        validUntil: command.validUntil,
        recordedBy: command.recordedBy,
      },
    },
  ];
}

function withdrawal(state: RegisteredClient, command: WithdrawConsent): ClientEvent[] {
  const consent = state.consents[command.consentId];
  if (!consent) throw new NotFound('CONSENT_NOT_FOUND', 'No such consent for this person');
  if (consent.withdrawnOn !== null) return [];
  if (!isCalendarDate(command.withdrawnOn)) {
    refuseInvalid([{ field: 'withdrawnOn', message: 'withdrawnOn must be a date (YYYY-MM-DD)' }]);
  }
  if (command.withdrawnOn > command.today) {
    refuseInvalid([{ field: 'withdrawnOn', message: 'withdrawnOn must not be in the future' }]);
  }
  return [
    {
      type: 'ClientConsentWithdrawn',
      data: { clientId: state.clientId, consentId: consent.consentId, withdrawnOn: command.withdrawnOn },
    },
  ];
}

/** The handlers answer invalid input with 400 before a command exists; this is the decider's own guard. */
function refuseInvalid(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) {
    const fields = [...new Set(problems.map((problem) => problem.field))];
    throw new InvalidInput('INVALID_CLIENT_DATA', `Invalid: ${fields.join(', ')}`);
  }
}

function byStart(a: Residence, b: Residence): number {
  if (a.from === b.from) return 0;
  if (a.from === null) return -1;
  if (b.from === null) return 1;
  return a.from < b.from ? -1 : 1;
}

/** The municipality the person lived in on `date` (the registration's one before any recorded move). */
export function municipalityOn(state: KnownClient, date: CalendarDate): string {
  let current = state.residences[0]!.municipalityId;
  for (const residence of state.residences) {
    if (residence.from === null || residence.from <= date) current = residence.municipalityId;
  }
  return current;
}

/** Valid on `date`: started, not ended, not withdrawn (a withdrawal counts from its day on). */
export function consentValidOn(consent: ConsentRecord, date: CalendarDate): boolean {
  return (
    consent.validFrom <= date &&
    (consent.validUntil === null || date <= consent.validUntil) &&
    (consent.withdrawnOn === null || date < consent.withdrawnOn)
  );
}

function anyConsent(state: KnownClient, date: CalendarDate, matches: (consent: ConsentRecord) => boolean): boolean {
  return Object.values(state.consents).some((consent) => matches(consent) && consentValidOn(consent, date));
}

/**
 * The first visibility rule (docs/adr/0013): an organisation sees a person on `date` when it registered them, or
 * when the person's consent to share with that organisation is valid on that date.
 */
export function organisationMaySee(state: ClientState, organisationId: string, date: CalendarDate): boolean {
  if (state.status === 'unregistered') return false;
  if (state.registeredBy === organisationId) return true;
  return anyConsent(
    state,
    date,
    (consent) => consent.scope === 'share_with_organisation' && consent.organisationId === organisationId,
  );
}

/** The organisations that may see the person on `date`. */
export function organisationsThatMaySee(state: ClientState, date: CalendarDate): string[] {
  if (state.status === 'unregistered') return [];
  const organisations = new Set([state.registeredBy]);
  for (const consent of Object.values(state.consents)) {
    if (consent.scope === 'share_with_organisation' && consent.organisationId && consentValidOn(consent, date)) {
      organisations.add(consent.organisationId);
    }
  }
  return [...organisations];
}

/** Whether a referral on `date` may carry the person's data to a partner in the region. */
export function mayShareForReferrals(state: ClientState, date: CalendarDate): boolean {
  return (
    state.status !== 'unregistered' && anyConsent(state, date, (consent) => consent.scope === 'share_for_referrals')
  );
}

/**
 * The most recent consent of `scope` valid on `date` (for `share_with_organisation`, the one naming
 * `organisationId`): the consent a sharing rests on, so that what is shared can name it. None for an erased person.
 */
export function validConsent(
  state: ClientState,
  scope: ConsentScope,
  organisationId: string | null,
  date: CalendarDate,
): ConsentRecord | undefined {
  if (state.status !== 'registered') return undefined;
  return Object.values(state.consents)
    .filter((consent) => consent.scope === scope && consentValidOn(consent, date))
    .filter((consent) => scope !== 'share_with_organisation' || consent.organisationId === organisationId)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}

/** Whether the person may be counted in impact measurement on `date`. */
export function mayCountInReporting(state: ClientState, date: CalendarDate): boolean {
  return state.status !== 'unregistered' && anyConsent(state, date, (consent) => consent.scope === 'reporting');
}
