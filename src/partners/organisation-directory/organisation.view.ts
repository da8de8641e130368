import { ApiProperty } from '@nestjs/swagger';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { OrganisationState } from '../domain/organisation.decider';
import { ORGANISATION_TYPES, type OrganisationType } from '../domain/reference-values';
import type { Page } from '../../shared/http/pagination';

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type!: OrganisationType;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) municipalityId!: string | null;
  @ApiProperty({ type: [String] }) services!: string[];
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Days to answer a referral; null: receives none.',
  })
  responseDeadlineDays!: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'Days from accepting a referral to the service’s start; after them it is overdue.',
  })
  serviceStartDeadlineDays!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: 'integer', description: 'The revision; send it back as `If-Match: "<revision>"`.' })
  revision!: number;
}

export class OrganisationPage implements Page<OrganisationView> {
  @ApiProperty({ type: [OrganisationView] }) items!: OrganisationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** The view of an organisation right after a command, from the command's own state (no wait for the read model). */
export function organisationViewOf(
  state: OrganisationState & { status: 'active' | 'deactivated' },
  revision: bigint,
): OrganisationView {
  return {
    organisationId: state.organisationId,
    ...state.details,
    services: [...state.details.services],
    active: state.status === 'active',
    revision: Number(revision),
  };
}

/** The view a command on an organisation answers with: one that is not refused leaves it registered. */
export function organisationAfter(result: CommandResult<OrganisationState>): OrganisationView {
  if (result.state.status === 'unregistered') throw new Error('A command left no organisation');
  return organisationViewOf(result.state, result.revision);
}
