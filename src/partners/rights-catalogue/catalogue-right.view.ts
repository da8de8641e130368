import { ApiProperty } from '@nestjs/swagger';
import type { CatalogueRightState } from '../domain/catalogue-right.decider';
import type { Page } from '../../shared/http/pagination';
import { LIFE_DOMAINS, type LifeDomain, RIGHT_LEVELS, type RightLevel } from '../domain/reference-values';

export class CatalogueRightView {
  @ApiProperty({ format: 'uuid', description: 'The id intakes refer to when they explore or realise the right.' })
  rightId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty({ enum: RIGHT_LEVELS }) level!: RightLevel;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Local rights only.' })
  municipalityId!: string | null;
  @ApiProperty() retired!: boolean;
  @ApiProperty({ type: 'integer', description: 'The revision; send it back as `If-Match: "<revision>"`.' })
  revision!: number;
}

export class CatalogueRightPage implements Page<CatalogueRightView> {
  @ApiProperty({ type: [CatalogueRightView] }) items!: CatalogueRightView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** The view of a right right after a command, from the command's own state. */
export function catalogueRightViewOf(
  state: CatalogueRightState & { status: 'offered' | 'retired' },
  revision: bigint,
): CatalogueRightView {
  return { rightId: state.rightId, ...state.details, retired: state.status === 'retired', revision: Number(revision) };
}
