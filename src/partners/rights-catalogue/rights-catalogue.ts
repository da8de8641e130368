import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import type { LifeDomain, RightLevel } from '../domain/reference-values';
import { CatalogueRightRow } from './catalogue-right.row';
import type { CatalogueRightView } from './catalogue-right.view';

export interface CatalogueRightFilter {
  /** The catalogue of one municipality: its local rights and every Flemish and federal right. */
  readonly municipalityId?: string;
  readonly level?: RightLevel;
  readonly lifeDomain?: LifeDomain;
  /** Retired rights are left out unless asked for. */
  readonly includeRetired?: boolean;
}

/**
 * The rights catalogue, for this capability and for others (through `index.ts`): an intake explores rights that
 * apply in the person's municipality. Eventually consistent with the events.
 */
@Injectable()
export class RightsCatalogue {
  constructor(private readonly dataSource: DataSource) {}

  async find(rightId: string): Promise<CatalogueRightView | undefined> {
    const row = await this.dataSource.getRepository(CatalogueRightRow).findOneBy({ rightId });
    return row ? toCatalogueRightView(row) : undefined;
  }

  /** The names of several rights in one query (docs/adr/0027); unknown ids are absent. */
  async namesOf(rightIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(rightIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(CatalogueRightRow)
      .find({ select: { rightId: true, name: true }, where: { rightId: In(ids) } });
    return new Map(rows.map((row) => [row.rightId, row.name]));
  }

  /** Whether the right is offered (not retired) to people living in the municipality. */
  async appliesIn(rightId: string, municipalityId: string): Promise<boolean> {
    const right = await this.find(rightId);
    return !!right && !right.retired && (right.level !== 'local' || right.municipalityId === municipalityId);
  }

  async list(
    filter: CatalogueRightFilter = {},
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<CatalogueRightView>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const query = this.dataSource
      .getRepository(CatalogueRightRow)
      .createQueryBuilder('r')
      .orderBy('r.name', 'ASC')
      .addOrderBy('r.right_id', 'ASC')
      .limit(limit + 1);
    if (filter.municipalityId) {
      const { municipalityId } = filter;
      query.andWhere(
        new Brackets((where) =>
          where.where("r.level <> 'local'").orWhere('r.municipality_id = :municipalityId', { municipalityId }),
        ),
      );
    }
    if (filter.level) query.andWhere('r.level = :level', { level: filter.level });
    if (filter.lifeDomain) query.andWhere('r.life_domain = :lifeDomain', { lifeDomain: filter.lifeDomain });
    if (!filter.includeRetired) query.andWhere('NOT r.retired');
    if (after) query.andWhere('(r.name, r.right_id) > (:sortKey, :id)', after);
    const rows = await query.getMany();
    return toPage(rows, limit, (row) => ({ sortKey: row.name, id: row.rightId }), toCatalogueRightView);
  }
}

function toCatalogueRightView(row: CatalogueRightRow): CatalogueRightView {
  return {
    rightId: row.rightId,
    name: row.name,
    lifeDomain: row.lifeDomain,
    level: row.level,
    municipalityId: row.municipalityId,
    retired: row.retired,
    revision: Number(row.revision),
  };
}
