import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClientConsentRow } from '../client-consents/client-consent.row';
import type { ConsentView } from '../client-consents/consent.view';
import { ClientRegisterRow } from '../client-register/client-register.row';
import { ClientPersonalData } from '../common/client-personal-data';
import type { LoadedClient } from '../common/client-streams';
import type { ConsentRecord, KnownClient } from '../domain/client.decider';
import type { ClientEvent, SealedPersonalData } from '../domain/client.events';
import type { ConsentScope, IncomeSource } from '../domain/client.values';
import { preferredLanguageOf } from '../domain/personal-details';
import { ClientPeopleRow } from './client-people.row';
import type { ClientView } from './client.view';

/**
 * A person's summary from the read models, their personal data opened with their key for this answer only.
 * Undefined when the read models do not (yet, or any more) hold the person with their personal data.
 * `summaryOfStream` answers from the events instead, for when the read models lag behind a write.
 */
@Injectable()
export class ClientSummaries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: ClientPersonalData,
  ) {}

  async find(clientId: string): Promise<ClientView | undefined> {
    const [people, register, consents] = await Promise.all([
      this.dataSource.getRepository(ClientPeopleRow).findOneBy({ clientId }),
      this.dataSource.getRepository(ClientRegisterRow).findOneBy({ clientId }),
      this.consentsOf(clientId),
    ]);
    if (!people || !register || people.personalData === null) return undefined;
    const key = await this.personalData.find(clientId);
    if (!key) return undefined;
    const details = this.personalData.openDetails(key, people.personalData);
    const address = people.address === null ? details.address : this.personalData.openAddress(key, people.address);
    return {
      clientId,
      givenName: details.givenName,
      familyName: details.familyName,
      birthDate: details.birthDate,
      insz: details.insz,
      phone: details.phone,
      preferredLanguage: preferredLanguageOf(details),
      address,
      municipalityId: register.municipalityId,
      municipalitySince: register.municipalitySince,
      household: { adults: register.householdAdults, children: register.householdChildren },
      mainIncomeSource: register.mainIncomeSource as IncomeSource,
      registeredBy: people.registeredBy,
      registeredOn: people.registeredOn,
      consents,
      revision: Number(people.revision),
    };
  }

  /**
   * The summary as the person's events tell it: what the read models will show once they caught up. Undefined for
   * an erased person (their key is gone) or one not registered.
   */
  async summaryOfStream(loaded: LoadedClient & { state: KnownClient }): Promise<ClientView | undefined> {
    const { state } = loaded;
    const { events } = loaded;
    const registration = events.find((event) => event.type === 'ClientRegistered');
    if (state.status !== 'registered' || registration?.type !== 'ClientRegistered') return undefined;
    const key = await this.personalData.find(state.clientId);
    if (!key) return undefined;
    const details = this.personalData.openDetails(key, currentPersonalData(events));
    // As the projections do: the move that took effect last sets the municipality; the last one with an address,
    // the address.
    let municipalityId = registration.data.municipalityId;
    let municipalitySince: string | null = null;
    let address: { from: string; sealed: SealedPersonalData } | undefined;
    for (const event of events) {
      if (event.type !== 'ClientMoved') continue;
      if (municipalitySince === null || event.data.effectiveDate >= municipalitySince) {
        municipalityId = event.data.municipalityId;
        municipalitySince = event.data.effectiveDate;
      }
      if (event.data.address !== null && (address === undefined || event.data.effectiveDate >= address.from)) {
        address = { from: event.data.effectiveDate, sealed: event.data.address };
      }
    }
    return {
      clientId: state.clientId,
      givenName: details.givenName,
      familyName: details.familyName,
      birthDate: details.birthDate,
      insz: details.insz,
      phone: details.phone,
      preferredLanguage: preferredLanguageOf(details),
      address: address === undefined ? details.address : this.personalData.openAddress(key, address.sealed),
      municipalityId,
      municipalitySince,
      household: { ...registration.data.household },
      mainIncomeSource: registration.data.mainIncomeSource,
      registeredBy: state.registeredBy,
      registeredOn: state.registeredOn,
      consents: Object.values(state.consents)
        .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.consentId.localeCompare(b.consentId))
        .map(consentViewOfRecord),
      revision: Number(loaded.revision),
    };
  }

  async consentsOf(clientId: string): Promise<ConsentView[]> {
    const rows = await this.dataSource
      .getRepository(ClientConsentRow)
      .find({ where: { clientId }, order: { validFrom: 'ASC', consentId: 'ASC' } });
    return rows.map(consentViewOf);
  }
}

export function consentViewOf(row: Omit<ClientConsentRow, 'lastAppliedCommit' | 'lastAppliedPrepare'>): ConsentView {
  return {
    consentId: row.consentId,
    scope: row.scope as ConsentScope,
    organisationId: row.organisationId,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    withdrawnOn: row.withdrawnOn,
    recordedBy: row.recordedBy,
  };
}

function consentViewOfRecord(record: ConsentRecord): ConsentView {
  return { ...record };
}

/**
 * The sealed personal details as a person's events leave them: the registration's, or those of the latest change of
 * contact details (docs/adr/0028). The stream must hold a registration.
 */
export function currentPersonalData(events: readonly ClientEvent[]): SealedPersonalData {
  let current: SealedPersonalData | undefined;
  for (const event of events) {
    if (event.type === 'ClientRegistered' || event.type === 'ClientContactDetailsChanged') {
      current = event.data.personalData;
    }
  }
  if (current === undefined) throw new Error('A person without a registration has no personal data');
  return current;
}
