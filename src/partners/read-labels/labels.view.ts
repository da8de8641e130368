import { ApiProperty } from '@nestjs/swagger';
import { type Language, LANGUAGES } from '../labels/labels';

/** The labels of every code the API uses, in one language (docs/reference-data.md). */
export class LabelsView {
  @ApiProperty({ enum: LANGUAGES }) lang!: Language;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    description:
      'Vocabulary → code → label, e.g. `intakeOrigin.came_in_themselves` → "Kwam zelf langs". A code can appear in ' +
      'several vocabularies (`other`); look it up in the one of the field it comes from.',
    example: { intakeOrigin: { came_in_themselves: 'Kwam zelf langs' }, lifeDomain: { debts: 'Schulden' } },
  })
  labels!: Record<string, Record<string, string>>;
}
