import { UndecodableEvent } from '../../shared/domain/event-decoding';
import { decodeClientEvent } from './client.decoder';

const CLIENT = '0d3b1f8e-5c2a-4e7b-9a61-2f4c8d9e1a01';
const STREAM = `client-${CLIENT}`;
const SEALED = { $pii: { v: 1, kid: CLIENT, iv: 'iv', ct: 'ct', tag: 'tag' } };

const registered = {
  clientId: CLIENT,
  registeredBy: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c01',
  registeredOn: '2026-03-15',
  municipalityId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01',
  household: { adults: 1, children: 2 },
  mainIncomeSource: 'social_integration_income',
  birthYear: 1985,
  personalData: SEALED,
};

const stored = (type: string, data: unknown, revision = 0n) => ({ streamId: STREAM, revision, type, data });

function failureOf(decode: () => unknown): UndecodableEvent {
  try {
    decode();
  } catch (error) {
    if (error instanceof UndecodableEvent) return error;
    throw error;
  }
  throw new Error('decoded');
}

describe('decodeClientEvent', () => {
  it('decodes every event type of a person stream, sealed data left sealed', () => {
    expect(decodeClientEvent(stored('ClientRegistered', registered))).toEqual({
      type: 'ClientRegistered',
      data: registered,
    });
    const moved = {
      clientId: CLIENT,
      municipalityId: registered.municipalityId,
      previousMunicipalityId: registered.municipalityId,
      effectiveDate: '2026-02-01',
      address: null,
    };
    expect(decodeClientEvent(stored('ClientMoved', moved, 1n)).data).toEqual(moved);
    expect(decodeClientEvent(stored('ClientMoved', { ...moved, address: SEALED }, 1n)).data).toEqual({
      ...moved,
      address: SEALED,
    });
    const given = {
      clientId: CLIENT,
      consentId: 'c0000000-0000-4000-8000-000000000001',
      scope: 'reporting',
      organisationId: null,
      validFrom: '2026-03-01',
      validUntil: null,
      recordedBy: registered.registeredBy,
    };
    expect(decodeClientEvent(stored('ClientConsentGiven', given, 2n)).type).toBe('ClientConsentGiven');
    expect(
      decodeClientEvent(
        stored('ClientConsentWithdrawn', { clientId: CLIENT, consentId: given.consentId, withdrawnOn: '2026-03-10' }),
      ).type,
    ).toBe('ClientConsentWithdrawn');
    expect(
      decodeClientEvent(stored('ClientPersonalDataErased', { clientId: CLIENT, erasedOn: '2026-03-20' })).type,
    ).toBe('ClientPersonalDataErased');
  });

  it('refuses an event with a field missing, naming stream, revision, type and field, never a value', () => {
    const { household: _household, ...withoutHousehold } = registered;
    const error = failureOf(() => decodeClientEvent(stored('ClientRegistered', withoutHousehold, 7n)));
    expect(error).toMatchObject({ streamId: STREAM, revision: 7n, eventType: 'ClientRegistered' });
    expect(error.message).toContain(STREAM);
    expect(error.message).toContain('revision 7');
    expect(error.message).toContain('data.household');
    expect(error.message).not.toContain(registered.registeredBy);
  });

  it('refuses a sealed field that is not sealed, without quoting it', () => {
    const error = failureOf(() =>
      decodeClientEvent(stored('ClientRegistered', { ...registered, personalData: { givenName: 'Amélie' } })),
    );
    expect(error.message).toContain('data.personalData.$pii');
    expect(error.message).not.toContain('Amélie');
  });

  it('refuses an event type that is not one of a person stream', () => {
    const error = failureOf(() => decodeClientEvent(stored('IntakeOpened', { clientId: CLIENT }, 3n)));
    expect(error).toMatchObject({ eventType: 'IntakeOpened', revision: 3n });
    expect(error.message).toContain('not an event of this stream');
  });
});
