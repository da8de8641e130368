import type { Decider } from '../../shared/domain/decider';
import type { OrganisationDetails, OrganisationEvent } from './organisation.events';
import { refuse } from '../../shared/domain/domain-error';
import { noSuch, requireName } from './rules';

export interface RegisterOrganisation {
  readonly type: 'RegisterOrganisation';
  readonly organisationId: string;
  readonly details: OrganisationDetails;
  /** Whether `details.municipalityId` names a registered municipality (looked up by the handler). */
  readonly municipalityRegistered: boolean;
}

export interface ChangeOrganisation {
  readonly type: 'ChangeOrganisation';
  /** Only the details that change; the rest stays as it is. */
  readonly changes: Partial<OrganisationDetails>;
  /** Whether `changes.municipalityId`, when given, names a registered municipality. */
  readonly municipalityRegistered: boolean;
}

export interface DeactivateOrganisation {
  readonly type: 'DeactivateOrganisation';
}

export type OrganisationCommand = RegisterOrganisation | ChangeOrganisation | DeactivateOrganisation;

export type OrganisationState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'deactivated';
      readonly organisationId: string;
      readonly details: OrganisationDetails;
    };

/** The longest response deadline, and the longest service start deadline. */
export const MAX_RESPONSE_DEADLINE_DAYS = 365;

/**
 * An organisation's stream: registered once, changed while active, deactivated for good (history stays). Repeating
 * a change that changes nothing, or a deactivation, writes nothing.
 */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { status: 'unregistered' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrganisation': {
        if (state.status !== 'unregistered') {
          refuse('ORGANISATION_ALREADY_REGISTERED', 'This organisation is already registered');
        }
        const details = validDetails(command.details, command.details.municipalityId, command.municipalityRegistered);
        return [{ type: 'OrganisationRegistered', data: { organisationId: command.organisationId, ...details } }];
      }
      case 'ChangeOrganisation': {
        if (state.status === 'unregistered') throw noSuch.organisation();
        if (state.status === 'deactivated') {
          refuse('ORGANISATION_DEACTIVATED', 'A deactivated organisation cannot be changed');
        }
        const merged = { ...state.details, ...definedOnly(command.changes) };
        const details = validDetails(merged, command.changes.municipalityId, command.municipalityRegistered);
        if (sameDetails(details, state.details)) return [];
        return [{ type: 'OrganisationChanged', data: { organisationId: state.organisationId, ...details } }];
      }
      case 'DeactivateOrganisation': {
        if (state.status === 'unregistered') throw noSuch.organisation();
        if (state.status === 'deactivated') return [];
        return [{ type: 'OrganisationDeactivated', data: { organisationId: state.organisationId } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
      case 'OrganisationChanged': {
        const { organisationId, ...details } = event.data;
        return { status: state.status === 'deactivated' ? 'deactivated' : 'active', organisationId, details };
      }
      case 'OrganisationDeactivated':
        return state.status === 'unregistered' ? state : { ...state, status: 'deactivated' };
    }
  },
};

/**
 * The rules every organisation's details obey. `newMunicipalityId` is the municipality the command names (undefined
 * when a change leaves it alone): only a newly named one is checked against the register.
 */
function validDetails(
  details: OrganisationDetails,
  newMunicipalityId: string | null | undefined,
  municipalityRegistered: boolean,
): OrganisationDetails {
  const name = requireName(details.name, 'INVALID_ORGANISATION_NAME', 'An organisation name');
  if (details.type === 'ocmw' && details.municipalityId === null) {
    refuse('MUNICIPALITY_REQUIRED', 'An OCMW serves a municipality: name it');
  }
  if (typeof newMunicipalityId === 'string' && !municipalityRegistered) {
    refuse('UNKNOWN_MUNICIPALITY', 'The municipality is not registered');
  }
  const deadline = details.responseDeadlineDays;
  if (deadline !== null && (!Number.isInteger(deadline) || deadline < 1 || deadline > MAX_RESPONSE_DEADLINE_DAYS)) {
    refuse('INVALID_RESPONSE_DEADLINE', `A response deadline is 1 to ${MAX_RESPONSE_DEADLINE_DAYS} days`);
  }
  const start = details.serviceStartDeadlineDays;
  if (!Number.isInteger(start) || start < 1 || start > MAX_RESPONSE_DEADLINE_DAYS) {
    refuse('INVALID_SERVICE_START_DEADLINE', `A service start deadline is 1 to ${MAX_RESPONSE_DEADLINE_DAYS} days`);
  }
  const services = details.services.map((service) => requireName(service, 'INVALID_SERVICE', 'A service', 100));
  if (new Set(services).size !== services.length) refuse('DUPLICATE_SERVICE', 'A service is listed twice');
  return { ...details, name, services };
}

function definedOnly<T extends object>(changes: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function sameDetails(a: OrganisationDetails, b: OrganisationDetails): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.municipalityId === b.municipalityId &&
    a.responseDeadlineDays === b.responseDeadlineDays &&
    a.serviceStartDeadlineDays === b.serviceStartDeadlineDays &&
    a.services.length === b.services.length &&
    a.services.every((service, index) => service === b.services[index])
  );
}
