import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import { matchingForm } from '../../shared/domain/text-matching';
import type { OrganisationType } from '../domain/reference-values';
import { OrganisationRow } from './organisation.row';
import type { OrganisationView } from './organisation.view';

export interface OrganisationFilter {
  readonly type?: OrganisationType;
  readonly municipalityId?: string;
  /** Organisations with a service whose name holds this text, forgiving case and accents (docs/adr/0027). */
  readonly service?: string;
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

  /** The names of several organisations in one query (docs/adr/0027); unknown ids are absent. */
  async namesOf(organisationIds: readonly (string | null)[]): Promise<Map<string, string>> {
    const ids = [...new Set(organisationIds.filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(OrganisationRow)
      .find({ select: { organisationId: true, name: true }, where: { organisationId: In(ids) } });
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
    if (filter.service) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM jsonb_array_elements_text(o.services) AS s(service)
                  WHERE strpos(${matchingFormSql('s.service')}, :service) > 0)`,
        { service: matchingForm(filter.service) },
      );
    }
    if (!filter.includeInactive) query.andWhere('o.active');
    if (after) query.andWhere('(o.name, o.organisation_id) > (:sortKey, :id)', after);
    const rows = await query.getMany();
    return toPage(rows, limit, (row) => ({ sortKey: row.name, id: row.organisationId }), toOrganisationView);
  }
}

const ACCENTED = 'àáâãäåèéêëìíîïòóôõöùúûüýÿçñÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝÇÑ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuuyycnAAAAAAEEEEIIIIOOOOOUUUUYCN';

/**
 * `matchingForm` in SQL for the accents of the region's languages: accents first (so that `lower` need not know
 * them in any collation), then case and runs of spaces.
 */
function matchingFormSql(column: string): string {
  return `btrim(regexp_replace(lower(translate(${column}, '${ACCENTED}', '${PLAIN}')), '\\s+', ' ', 'g'))`;
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
