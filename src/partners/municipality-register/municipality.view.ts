import { ApiProperty } from '@nestjs/swagger';
import type { MunicipalityState } from '../domain/municipality.decider';
import type { Page } from '../../shared/http/pagination';

export class PopulationView {
  @ApiProperty({ type: 'integer', description: 'The population is counted on 1 January of this year.' }) year!: number;
  @ApiProperty({ type: 'integer' }) population!: number;
  @ApiProperty({ description: 'An estimate no official source backs.' }) approximate!: boolean;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ description: 'Whether the figure replaced an earlier one.' }) corrected!: boolean;
}

export class MunicipalityView {
  @ApiProperty({ format: 'uuid' }) municipalityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, description: "Statbel's five-digit NIS code." }) nisCode!: string | null;
  @ApiProperty({ description: 'Member of W13 (pays a contribution).' }) member!: boolean;
  @ApiProperty({ type: [PopulationView], description: 'Oldest year first.' }) populations!: PopulationView[];
  @ApiProperty({ type: 'integer', description: 'The revision; send it back as `If-Match: "<revision>"`.' })
  revision!: number;
}

export class MunicipalityPage implements Page<MunicipalityView> {
  @ApiProperty({ type: [MunicipalityView] }) items!: MunicipalityView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** The view of a municipality right after a command, from the command's own state. */
export function municipalityViewOf(
  state: MunicipalityState & { status: 'registered' },
  revision: bigint,
): MunicipalityView {
  return {
    municipalityId: state.municipalityId,
    ...state.details,
    populations: Object.values(state.populations)
      .sort((a, b) => a.year - b.year)
      .map(({ year, population, approximate, source, corrected }) => ({
        year,
        population,
        approximate,
        source,
        corrected,
      })),
    revision: Number(revision),
  };
}
