import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import { MunicipalityRow, PopulationRow } from './municipality.row';
import type { MunicipalityView, PopulationView } from './municipality.view';

export interface MunicipalityFilter {
  readonly member?: boolean;
}

/** A population figure with the municipality it counts. */
export interface MunicipalityPopulation extends PopulationView {
  readonly municipalityId: string;
}

/**
 * Municipalities and their population per year, for this capability and for others (through `index.ts`): impact
 * measurement divides by the population. Eventually consistent with the events.
 */
@Injectable()
export class MunicipalityRegister {
  constructor(private readonly dataSource: DataSource) {}

  async find(municipalityId: string): Promise<MunicipalityView | undefined> {
    const row = await this.dataSource.getRepository(MunicipalityRow).findOneBy({ municipalityId });
    if (!row) return undefined;
    const populations = await this.populationsOf([municipalityId]);
    return toView(row, populations.get(municipalityId) ?? []);
  }

  /** The names of these municipalities, by id; an unknown id is left out. */
  async namesOf(municipalityIds: readonly string[]): Promise<Map<string, string>> {
    if (municipalityIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(MunicipalityRow)
      .find({ select: { municipalityId: true, name: true }, where: { municipalityId: In([...municipalityIds]) } });
    return new Map(rows.map((row) => [row.municipalityId, row.name]));
  }

  async list(
    filter: MunicipalityFilter = {},
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<MunicipalityView>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const query = this.dataSource
      .getRepository(MunicipalityRow)
      .createQueryBuilder('m')
      .orderBy('m.name', 'ASC')
      .addOrderBy('m.municipality_id', 'ASC')
      .limit(limit + 1);
    if (filter.member !== undefined) query.andWhere('m.member = :member', { member: filter.member });
    if (after) query.andWhere('(m.name, m.municipality_id) > (:sortKey, :id)', after);
    const rows = await query.getMany();
    const populations = await this.populationsOf(rows.slice(0, limit).map((row) => row.municipalityId));
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: row.name, id: row.municipalityId }),
      (row) => toView(row, populations.get(row.municipalityId) ?? []),
    );
  }

  /** Every member municipality, by name. */
  async members(): Promise<{ municipalityId: string; name: string }[]> {
    const rows = await this.dataSource
      .getRepository(MunicipalityRow)
      .find({ where: { member: true }, order: { name: 'ASC', municipalityId: 'ASC' } });
    return rows.map(({ municipalityId, name }) => ({ municipalityId, name }));
  }

  /** The population on 1 January of `year` of each municipality that has a figure for it. */
  async populationsIn(year: number): Promise<Map<string, MunicipalityPopulation>> {
    const rows = await this.dataSource.getRepository(PopulationRow).findBy({ year });
    return new Map(
      rows.map((row) => [row.municipalityId, { municipalityId: row.municipalityId, ...toPopulation(row) }]),
    );
  }

  private async populationsOf(municipalityIds: readonly string[]): Promise<Map<string, PopulationView[]>> {
    const byMunicipality = new Map<string, PopulationView[]>();
    if (municipalityIds.length === 0) return byMunicipality;
    const rows = await this.dataSource
      .getRepository(PopulationRow)
      .find({ where: { municipalityId: In([...municipalityIds]) }, order: { year: 'ASC' } });
    for (const row of rows) {
      const list = byMunicipality.get(row.municipalityId) ?? [];
      list.push(toPopulation(row));
      byMunicipality.set(row.municipalityId, list);
    }
    return byMunicipality;
  }
}

function toPopulation(row: PopulationRow): PopulationView {
  return {
    year: row.year,
    population: row.population,
    approximate: row.approximate,
    source: row.source,
    corrected: row.corrected,
  };
}

function toView(row: MunicipalityRow, populations: PopulationView[]): MunicipalityView {
  return {
    municipalityId: row.municipalityId,
    name: row.name,
    nisCode: row.nisCode,
    member: row.member,
    populations,
    revision: Number(row.revision),
  };
}
