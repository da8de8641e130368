import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLog, type AccessLogEntryView } from '../../shared/auth/access-log/access-log.service';
import type { DataKey } from '../../shared/crypto';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { RecordedEvent } from '../../shared/event-store';
import { ClientConsentRow } from '../client-consents/client-consent.row';
import { ClientRegisterRow } from '../client-register/client-register.row';
import { ClientResidenceRow } from '../client-residences/client-residence.row';
import { ClientPeopleRow } from '../client-summary/client-people.row';
import { ClientAccess } from '../common/client-access';
import { ClientPersonalData } from '../common/client-personal-data';
import { IdentityIndex } from '../common/identity-index';
import { ADDRESS_CONTEXT, PERSONAL_DATA_CONTEXT } from '../domain/client.events';
import type { PersonalDetails } from '../domain/personal-details';
import type { SubjectAccessEventView, SubjectAccessReport } from './subject-access.view';

/** The sealed fields of this capability's events and rows, and the context each is sealed under. */
const SEALED_FIELDS: Readonly<Record<string, string>> = {
  personalData: PERSONAL_DATA_CONTEXT,
  address: ADDRESS_CONTEXT,
};

const ACCESS_LOG_PAGE = 200;

/**
 * GDPR art. 15: everything this capability holds about a person, personal data opened: the events, the read-model
 * rows, the blind indexes (which kinds; the hashes mean nothing to anyone), the data key's state and the access log.
 */
@Injectable()
export class SubjectAccessHandler {
  constructor(
    private readonly access: ClientAccess,
    private readonly personalData: ClientPersonalData,
    private readonly identities: IdentityIndex,
    private readonly accessLog: AccessLog,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(clientId: string): Promise<SubjectAccessReport> {
    const { state, events } = await this.access.existing(clientId);
    const key = await this.personalData.find(clientId);
    const keyStatus = await this.personalData.keyStatus(clientId);
    const repositories = this.dataSource;
    const [people, register, residences, consents, identityKinds, accessLog] = await Promise.all([
      repositories.getRepository(ClientPeopleRow).findOneBy({ clientId }),
      repositories.getRepository(ClientRegisterRow).findOneBy({ clientId }),
      repositories.getRepository(ClientResidenceRow).find({ where: { clientId }, order: { residenceKey: 'ASC' } }),
      repositories.getRepository(ClientConsentRow).find({ where: { clientId }, order: { consentId: 'ASC' } }),
      this.identities.kindsOf(clientId),
      this.accessLogOf(clientId),
    ]);
    const open = (value: unknown) => opened(value, key);
    const current = currentPersonalData(people, key, this.personalData);
    return {
      clientId,
      generatedAt: this.clock.now().toISOString(),
      status: state.status,
      personalData: current as Record<string, unknown> | null,
      dataKey: {
        state: keyStatus.state,
        ...(keyStatus.state === 'absent' ? {} : { createdAt: keyStatus.createdAt.toISOString() }),
        ...(keyStatus.state === 'shredded' ? { destroyedAt: keyStatus.shreddedAt.toISOString() } : {}),
      },
      events: events.map((event) => eventView(event, open)),
      readModels: {
        clients_people: people ? withoutBookkeeping(open(people) as Record<string, unknown>) : null,
        clients_register: register ? withoutBookkeeping({ ...register }) : null,
        clients_residences: residences.map((row) => withoutBookkeeping({ ...row })),
        clients_consents: consents.map((row) => withoutBookkeeping({ ...row })),
        clients_identity_index: identityKinds.map((kind) => ({ kind, value: 'keyed hash (not reversible)' })),
      },
      accessLog: accessLog as unknown as Record<string, unknown>[],
    };
  }

  private async accessLogOf(clientId: string): Promise<AccessLogEntryView[]> {
    const entries: AccessLogEntryView[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await this.accessLog.find({ personId: clientId }, { before, limit: ACCESS_LOG_PAGE });
      entries.push(...page.entries);
      if (page.continueBefore === undefined) return entries;
      before = page.continueBefore;
    }
  }
}

function eventView(event: RecordedEvent, open: (value: unknown) => unknown): SubjectAccessEventView {
  const metadata = event.metadata;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    revision: Number(event.revision),
    type: event.type,
    recordedAt: event.created.toISOString(),
    occurredAt: text(metadata.occurredAt),
    actorId: text(metadata.actorId),
    organisationId: text(metadata.organisationId),
    data: open(event.data) as Record<string, unknown>,
  };
}

/** A copy of `value` with every sealed field opened (or marked unreadable once the key is gone). */
function opened(value: unknown, key: DataKey | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => opened(item, key));
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  const result: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    const context = SEALED_FIELDS[field];
    if (context !== undefined && ClientPersonalData.isSealed(inner)) {
      result[field] = key ? key.open(context, inner) : { sealed: true, readable: false };
    } else {
      result[field] = typeof inner === 'bigint' ? inner.toString() : opened(inner, key);
    }
  }
  return result;
}

function currentPersonalData(
  people: ClientPeopleRow | null,
  key: DataKey | undefined,
  personalData: ClientPersonalData,
): PersonalDetails | null {
  if (!people || !key || people.personalData === null) return null;
  const details = personalData.openDetails(key, people.personalData);
  const address = people.address === null ? details.address : personalData.openAddress(key, people.address);
  return { ...details, address };
}

function withoutBookkeeping(row: Record<string, unknown>): Record<string, unknown> {
  const { lastAppliedCommit: _commit, lastAppliedPrepare: _prepare, ...rest } = row;
  return Object.fromEntries(
    Object.entries(rest).map(([field, value]) => [field, typeof value === 'bigint' ? value.toString() : value]),
  );
}
