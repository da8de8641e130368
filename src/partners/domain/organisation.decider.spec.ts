import { given } from '../../shared/domain/decider-specification';
import { type ChangeOrganisation, organisationDecider, type RegisterOrganisation } from './organisation.decider';
import type { OrganisationDetails, OrganisationEvent } from './organisation.events';

const organisationId = '6f1c2a1e-0000-4000-8000-000000000001';
const kortrijk = '6f1c2a1e-0000-4000-8000-0000000000aa';
const menen = '6f1c2a1e-0000-4000-8000-0000000000bb';

const ocmw: OrganisationDetails = {
  name: 'OCMW Kortrijk',
  type: 'ocmw',
  municipalityId: kortrijk,
  services: ['integrated broad intake', 'leefloon'],
  responseDeadlineDays: 14,
  serviceStartDeadlineDays: 30,
};
const register = (details: Partial<OrganisationDetails> = {}, municipalityRegistered = true): RegisterOrganisation => ({
  type: 'RegisterOrganisation',
  organisationId,
  details: { ...ocmw, ...details },
  municipalityRegistered,
});
const change = (changes: ChangeOrganisation['changes'], municipalityRegistered = true): ChangeOrganisation => ({
  type: 'ChangeOrganisation',
  changes,
  municipalityRegistered,
});
const registered: OrganisationEvent = { type: 'OrganisationRegistered', data: { organisationId, ...ocmw } };
const deactivated: OrganisationEvent = { type: 'OrganisationDeactivated', data: { organisationId } };

describe('an organisation', () => {
  it('is registered with its details, names trimmed', () => {
    expect(given(organisationDecider).when(register({ name: '  OCMW Kortrijk ' }))).toEqual([registered]);
  });

  it('is registered once', () => {
    expect(given(organisationDecider, [registered]).refusalOf(register())).toBe('ORGANISATION_ALREADY_REGISTERED');
  });

  it('refuses a municipality that is not registered', () => {
    expect(given(organisationDecider).refusalOf(register({}, false))).toBe('UNKNOWN_MUNICIPALITY');
  });

  it('needs a municipality when it is an OCMW, and not otherwise', () => {
    expect(given(organisationDecider).refusalOf(register({ municipalityId: null }))).toBe('MUNICIPALITY_REQUIRED');
    const konekti = register(
      { name: 'Konekti', type: 'external', municipalityId: null, responseDeadlineDays: 30 },
      false,
    );
    expect(given(organisationDecider).when(konekti)).toHaveLength(1);
  });

  it('takes a response deadline of 1 to 365 whole days, or none', () => {
    for (const days of [0, -3, 1.5, 366]) {
      expect(given(organisationDecider).refusalOf(register({ responseDeadlineDays: days }))).toBe(
        'INVALID_RESPONSE_DEADLINE',
      );
    }
    expect(given(organisationDecider).refusalOf(register({ responseDeadlineDays: null }))).toBeUndefined();
  });

  it('takes a service start deadline of 1 to 365 whole days', () => {
    for (const days of [0, -3, 1.5, 366]) {
      expect(given(organisationDecider).refusalOf(register({ serviceStartDeadlineDays: days }))).toBe(
        'INVALID_SERVICE_START_DEADLINE',
      );
    }
    expect(given(organisationDecider, [registered]).when(change({ serviceStartDeadlineDays: 10 }))).toEqual([
      { type: 'OrganisationChanged', data: { organisationId, ...ocmw, serviceStartDeadlineDays: 10 } },
    ]);
  });

  it('refuses a blank name, a blank service and a service listed twice', () => {
    expect(given(organisationDecider).refusalOf(register({ name: '  ' }))).toBe('INVALID_ORGANISATION_NAME');
    expect(given(organisationDecider).refusalOf(register({ services: [' '] }))).toBe('INVALID_SERVICE');
    expect(given(organisationDecider).refusalOf(register({ services: ['budget', 'budget '] }))).toBe(
      'DUPLICATE_SERVICE',
    );
  });

  it('changes only what the command names, and records every detail after the change', () => {
    expect(given(organisationDecider, [registered]).when(change({ responseDeadlineDays: 10 }))).toEqual([
      { type: 'OrganisationChanged', data: { organisationId, ...ocmw, responseDeadlineDays: 10 } },
    ]);
  });

  it('writes nothing for a change that changes nothing', () => {
    expect(
      given(organisationDecider, [registered]).when(change({ name: 'OCMW Kortrijk', services: undefined })),
    ).toEqual([]);
  });

  it('checks a newly named municipality, and keeps an OCMW tied to one', () => {
    expect(given(organisationDecider, [registered]).refusalOf(change({ municipalityId: menen }, false))).toBe(
      'UNKNOWN_MUNICIPALITY',
    );
    expect(given(organisationDecider, [registered]).refusalOf(change({ municipalityId: null }))).toBe(
      'MUNICIPALITY_REQUIRED',
    );
    expect(given(organisationDecider, [registered]).when(change({ municipalityId: menen }))).toHaveLength(1);
  });

  it('cannot be changed or deactivated before it is registered', () => {
    expect(given(organisationDecider).refusalOf(change({ name: 'x' }))).toBe('ORGANISATION_NOT_FOUND');
    expect(given(organisationDecider).refusalOf({ type: 'DeactivateOrganisation' })).toBe('ORGANISATION_NOT_FOUND');
  });

  it('is deactivated once; a second deactivation writes nothing; a deactivated one cannot be changed', () => {
    expect(given(organisationDecider, [registered]).when({ type: 'DeactivateOrganisation' })).toEqual([deactivated]);
    expect(given(organisationDecider, [registered, deactivated]).when({ type: 'DeactivateOrganisation' })).toEqual([]);
    expect(given(organisationDecider, [registered, deactivated]).refusalOf(change({ name: 'x' }))).toBe(
      'ORGANISATION_DEACTIVATED',
    );
    expect(given(organisationDecider, [registered, deactivated]).state).toMatchObject({ status: 'deactivated' });
  });
});
