import { ApiProperty } from '@nestjs/swagger';
import { ClientNameView } from '../../clients';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { Page } from '../../shared/http/pagination';
import type { IntakeTrajectoryRow } from '../intake-trajectories/intake-trajectory.row';
import { daysOpen } from '../read-trajectory/trajectory.view';
import { INTAKE_ORIGINS, type IntakeOrigin } from '../domain/intake.values';

export class CaseloadItemView {
  @ApiProperty({ format: 'uuid' }) trajectoryId!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({
    type: ClientNameView,
    nullable: true,
    description:
      'The person’s name; null when your organisation may not see the person (docs/clients.md) or they are erased.',
  })
  clientName!: ClientNameView | null;
  @ApiProperty({ type: String, nullable: true }) caseworkerId!: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ enum: INTAKE_ORIGINS }) origin!: IntakeOrigin;
  @ApiProperty({ format: 'date' }) openedOn!: string;
  @ApiProperty({ format: 'date', type: String, nullable: true }) closedOn!: string | null;
  @ApiProperty({ format: 'date', description: 'The latest date one of its facts happened on.' })
  lastActivityOn!: string;
  @ApiProperty({ type: 'integer', description: 'Days from the opening to the closure, or to today while open.' })
  daysOpen!: number;
  @ApiProperty({ type: 'integer' }) revision!: number;
}

export class CaseloadPage implements Page<CaseloadItemView> {
  @ApiProperty({ type: [CaseloadItemView] }) items!: CaseloadItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** A caseload item from its row, days open counted to `date`. */
export function caseloadItemOf(
  row: IntakeTrajectoryRow,
  date: CalendarDate,
  clientName: ClientNameView | null,
): CaseloadItemView {
  return {
    trajectoryId: row.trajectoryId,
    clientId: row.clientId,
    clientName,
    caseworkerId: row.caseworkerId,
    status: row.status,
    origin: row.origin as IntakeOrigin,
    openedOn: row.openedOn,
    closedOn: row.closedOn,
    lastActivityOn: row.lastActivityOn,
    daysOpen: daysOpen(row, date),
    revision: Number(row.revision),
  };
}
