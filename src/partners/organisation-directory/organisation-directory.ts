import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import type { OrganisationType } from '../domain/reference-values';
import { OrganisationRow } from './organisation.row';
import type { OrganisationView } from './organisation.view';

export interface OrganisationFilter {
  readonly type?: OrganisationType;
  readonly municipalityId?: string;
  /** Deactivated organisations are left out unless asked for. */
  readonly includeInactive?: boolean;
}

/**
 * The organisation directory, for this capability's endpoints and for other capabilities (through `index.ts`):
 * a referral names a receiving organisation and needs its response deadline. Eventually consistent with the events.
 */
@Injectable()
export class OrganisationDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async find(organisationId: string): Promise<OrganisationView | undefined> {
    const row = await this.dataSource.getRepository(OrganisationRow).findOneBy({ organisationId });
    return row ? toOrganisationView(row) : undefined;
  }

  /** The names of these organisations (deactivated ones too), by id; an unknown id is left out. */
  async namesOf(organisationIds: readonly string[]): Promise<Map<string, string>> {
    if (organisationIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(OrganisationRow)
      .find({ select: { organisationId: true, name: true }, where: { organisationId: In([...organisationIds]) } });
    return new Map(rows.map((row) => [row.organisationId, row.name]));
  }

  async list(
    filter: OrganisationFilter = {},
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<OrganisationView>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const query = this.dataSource
      .getRepository(OrganisationRow)
      .createQueryBuilder('o')
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.organisation_id', 'ASC')
      .limit(limit + 1);
    if (filter.type) query.andWhere('o.type = :type', { type: filter.type });
    if (filter.municipalityId)
      query.andWhere('o.municipality_id = :municipalityId', { municipalityId: filter.municipalityId });
    if (!filter.includeInactive) query.andWhere('o.active');
    if (after) query.andWhere('(o.name, o.organisation_id) > (:sortKey, :id)', after);
    const rows = await query.getMany();
    return toPage(rows, limit, (row) => ({ sortKey: row.name, id: row.organisationId }), toOrganisationView);
  }
}

export function toOrganisationView(
  row: Omit<OrganisationRow, 'lastAppliedCommit' | 'lastAppliedPrepare'>,
): OrganisationView {
  return {
    organisationId: row.organisationId,
    name: row.name,
    type: row.type,
    municipalityId: row.municipalityId,
    services: row.services,
    responseDeadlineDays: row.responseDeadlineDays,
    serviceStartDeadlineDays: row.serviceStartDeadlineDays,
    active: row.active,
    revision: Number(row.revision),
  };
}
