import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';
import { revisionColumn } from '../../shared/database/revision-column';
import type { CoFundingAgreement, RatePeriod } from '../domain/contribution-schedule.events';

/** The region's contribution schedule: a handful of periods and agreements, kept as one row with one ETag. */
@Entity('partners_contribution_schedules')
export class ContributionScheduleRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'schedule_id' })
  scheduleId!: string;

  @Column('jsonb', { name: 'rate_periods' })
  ratePeriods!: RatePeriod[];

  @Column('jsonb', { name: 'co_funding_agreements' })
  coFundingAgreements!: CoFundingAgreement[];

  @Column('bigint', { transformer: revisionColumn })
  revision!: bigint;
}
