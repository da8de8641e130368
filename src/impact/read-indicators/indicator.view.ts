import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BreakdownView {
  @ApiProperty({ example: 'decline reason' }) name!: string;
  @ApiProperty({
    description: 'The category codes, or `dynamic` when they come from the data (organisation pairs).',
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['dynamic'] },
    ],
  })
  categories!: readonly string[] | 'dynamic';
  @ApiProperty({ description: 'Whether the categories add up to a total, published as category `all`.' })
  total!: boolean;
}

export class IndicatorDefinitionView {
  @ApiProperty({ example: 'referral_acceptance_rate' }) code!: string;
  @ApiProperty({ type: 'integer', description: 'Raised whenever the definition changes what the figures mean.' })
  version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['per_1000_inhabitants', 'share', 'count', 'days', 'rights_per_intake', 'score_points'] })
  unit!: string;
  @ApiProperty({ enum: ['per_1000_inhabitants', 'share', 'count', 'mean', 'median_p90'] }) aggregate!: string;
  @ApiProperty({ description: 'What one observation is, and so what `base` counts.' }) observation!: string;
  @ApiProperty() definition!: string;
  @ApiProperty({ description: 'What the `organisationId` filter selects on.' }) organisationFilter!: string;
  @ApiPropertyOptional({ type: BreakdownView, nullable: true }) breakdown!: BreakdownView | null;
}

export class IndicatorListView {
  @ApiProperty({ type: 'integer', description: 'Figures based on fewer people are suppressed.' })
  suppressionThreshold!: number;
  @ApiProperty({ type: [IndicatorDefinitionView] }) indicators!: IndicatorDefinitionView[];
}

export class PositionView {
  @ApiProperty({ example: '1234' }) commit!: string;
  @ApiProperty({ example: '5678' }) prepare!: string;
}

export class IndicatorCellView {
  @ApiProperty({ example: '2026-Q1' }) period!: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) periodStart!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Null: the region.' })
  municipalityId!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Null when the municipality is not known by name.',
  })
  municipalityName!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A category of the breakdown, `all` for its total, `median` or `p90` for a statistic; null if none.',
  })
  category!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'For organisation pairs (`referral_flow`): the organisations’ names, `<from>><to>` as the category; null ' +
      'otherwise, or when an organisation is not known by name.',
  })
  categoryName!: string | null;
  @ApiPropertyOptional({
    type: 'number',
    nullable: true,
    description: 'Null when suppressed or when there is nothing to measure.',
  })
  value!: number | null;
  @ApiPropertyOptional({
    type: 'number',
    nullable: true,
    description: 'What the value is based on (see `observation`).',
  })
  base!: number | null;
  @ApiProperty() suppressed!: boolean;
}

export class IndicatorResultView {
  @ApiProperty({ type: IndicatorDefinitionView }) indicator!: IndicatorDefinitionView;
  @ApiProperty({ enum: ['month', 'quarter', 'year'] }) period!: string;
  @ApiProperty({ format: 'date', description: 'The first day of the first period.' }) from!: string;
  @ApiProperty({ format: 'date', description: 'The last day of the last period.' }) to!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Facts recorded after this instant were left out.',
  })
  asOf!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) municipalityId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty({ type: 'integer' }) suppressionThreshold!: number;
  @ApiPropertyOptional({
    type: PositionView,
    nullable: true,
    description: 'The event-store position the figures reflect; null before any fact.',
  })
  position!: PositionView | null;
  @ApiProperty({ type: [IndicatorCellView] }) cells!: IndicatorCellView[];
}
