import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccessLog, type AccessLogEntryView } from '../../shared/auth/access-log/access-log.service';
import type { DataKey } from '../../shared/crypto';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import {
  type OpenSealed,
  openerFor,
  type SealedFields,
  SubjectAccessSections,
  subjectAccessEventView,
  subjectAccessRowView,
} from '../../shared/privacy';
import { ClientConsentRow } from '../client-consents/client-consent.row';
import { ClientRegisterRow } from '../client-register/client-register.row';
import { ClientResidenceRow } from '../client-residences/client-residence.row';
import { ClientPeopleRow } from '../client-summary/client-people.row';
import { ClientAccess } from '../common/client-access';
import { ClientPersonalData } from '../common/client-personal-data';
import { IdentityIndex } from '../common/identity-index';
import { ADDRESS_CONTEXT, PERSONAL_DATA_CONTEXT } from '../domain/client.events';
import type { PersonalDetails } from '../domain/personal-details';
import { ReportSubjectAccess } from './subject-access.query';
import type { SubjectAccessReport, SubjectAccessSectionView } from './subject-access.view';

/** The sealed fields of this capability's events and rows, and the context each is sealed under. */
const SEALED_FIELDS: SealedFields = {
  personalData: PERSONAL_DATA_CONTEXT,
  address: ADDRESS_CONTEXT,
};

const ACCESS_LOG_PAGE = 200;

/**
 * GDPR art. 15: everything held about a person, personal data opened: this capability's events, read-model rows,
 * blind indexes (which kinds; the hashes mean nothing to anyone), the data key's state and the access log, and the
 * part of every capability registered with `SubjectAccessSections` (intake, referral: docs/adr/0017).
 */
@QueryHandler(ReportSubjectAccess)
export class SubjectAccessHandler implements IQueryHandler<ReportSubjectAccess> {
  constructor(
    private readonly access: ClientAccess,
    private readonly personalData: ClientPersonalData,
    private readonly identities: IdentityIndex,
    private readonly accessLog: AccessLog,
    private readonly dataSource: DataSource,
    private readonly sections: SubjectAccessSections,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ clientId }: ReportSubjectAccess): Promise<SubjectAccessReport> {
    // Every event decoded on the way (a history this code cannot read is not reported as if it were whole); the
    // report shows them as stored, with their metadata.
    const { state, recorded } = await this.access.existing(clientId);
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
    const open = openerFor(key);
    const row = (value: object) => subjectAccessRowView(value, SEALED_FIELDS, open);
    const capabilities = await this.capabilitiesPart(clientId, open);
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
      events: recorded.map((event) => subjectAccessEventView(event, SEALED_FIELDS, open)),
      readModels: {
        clients_people: people ? row(people) : null,
        clients_register: register ? row(register) : null,
        clients_residences: residences.map(row),
        clients_consents: consents.map(row),
        clients_identity_index: identityKinds.map((kind) => ({ kind, value: 'keyed hash (not reversible)' })),
      },
      accessLog: accessLog as unknown as Record<string, unknown>[],
      capabilities,
    };
  }

  /** Every registered capability's part, by its name. */
  private async capabilitiesPart(
    clientId: string,
    open: OpenSealed,
  ): Promise<Record<string, SubjectAccessSectionView>> {
    const parts: Record<string, SubjectAccessSectionView> = {};
    for (const section of this.sections.all()) parts[section.name] = await section.report(clientId, open);
    return parts;
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
