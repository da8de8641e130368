import { Column, Entity, PrimaryColumn } from 'typeorm';
import { revisionColumn } from '../../shared/database/revision-column';
import { ProjectedRow } from '../../shared/projections';

/**
 * One task, for "my tasks", "overdue" and a trajectory's tasks: ids, codes and dates only. The description and the
 * reason stay sealed in the events (docs/adr/0030), so erasure has nothing to scrub here.
 */
@Entity('casework_tasks')
export class TaskRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId!: string;
  @Column('uuid', { name: 'trajectory_id' }) trajectoryId!: string;
  @Column('uuid', { name: 'client_id' }) clientId!: string;
  @Column('text', { name: 'organisation_id' }) organisationId!: string;
  @Column('text', { name: 'assignee_id' }) assigneeId!: string;
  @Column('text') kind!: string;
  @Column('text') status!: string;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('date', { name: 'planned_on' }) plannedOn!: string;
  @Column('date', { name: 'closed_on', nullable: true }) closedOn!: string | null;
  @Column('boolean', { name: 'has_description' }) hasDescription!: boolean;
  /** The task's stream revision: its ETag. */
  @Column('bigint', { transformer: revisionColumn }) revision!: bigint;
}
