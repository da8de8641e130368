import { ApiProperty } from '@nestjs/swagger';
import { TASK_KINDS, TASK_STATUSES, type TaskKind, type TaskStatus } from '../domain/task.values';

/** A task in a list: ids, codes and dates, no free text. */
export class TaskSummaryView {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ format: 'uuid' }) trajectoryId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person the trajectory is about (pseudonymous id).' })
  clientId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ description: 'The assignee’s user id.' }) assigneeId!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: TaskKind;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ format: 'date' }) plannedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Completed or cancelled on.' })
  closedOn!: string | null;
  @ApiProperty({ description: 'Open and due before today in Belgium, by the clock at read time.' })
  overdue!: boolean;
  @ApiProperty() hasDescription!: boolean;
  @ApiProperty({ type: 'integer', description: 'The task’s stream revision: its ETag.' }) revision!: number;
}

/** A task in detail, its free text opened for this answer only. */
export class TaskView extends TaskSummaryView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Sealed with the person’s key; null when none was given or the person was erased.',
    example: 'Nagaan of de aanvraag verhoogde tegemoetkoming is goedgekeurd.',
  })
  description!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was completed or cancelled, when said; sealed like the description.',
  })
  reason!: string | null;
}

export class TaskPage {
  @ApiProperty({ type: [TaskSummaryView] }) items!: TaskSummaryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
