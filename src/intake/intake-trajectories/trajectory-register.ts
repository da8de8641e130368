import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
// The referral capability's index holds its events and vocabularies only (not its module, which imports this one).
import { OPEN_REFERRAL_STATUSES } from '../../referral';
import { isCalendarDate } from '../../shared/domain/calendar';
import { InvalidInput } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import { IntakeTrajectoryRow } from './intake-trajectory.row';
import { TrajectoryReferralRow } from './trajectory-referral.row';

export interface CaseloadFilter {
  readonly organisationId: string;
  readonly caseworkerId?: string;
  /** Undefined: open and closed. */
  readonly status?: 'open' | 'closed';
}

/** The trajectories read model (`intake_trajectories`): one trajectory's row and referrals, and an organisation's caseload. */
@Injectable()
export class TrajectoryRegister {
  constructor(private readonly dataSource: DataSource) {}

  find(trajectoryId: string): Promise<IntakeTrajectoryRow | null> {
    return this.dataSource.getRepository(IntakeTrajectoryRow).findOneBy({ trajectoryId });
  }

  /** The referrals sent from the trajectory, oldest first. */
  referralsOf(trajectoryId: string): Promise<TrajectoryReferralRow[]> {
    return this.dataSource
      .getRepository(TrajectoryReferralRow)
      .find({ where: { trajectoryId }, order: { sentOn: 'ASC', referralId: 'ASC' } });
  }

  /** The ids of the referrals sent from the trajectory that are still open, oldest first (docs/adr/0026). */
  async openReferralIdsOf(trajectoryId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(TrajectoryReferralRow).find({
      select: { referralId: true },
      where: { trajectoryId, status: In([...OPEN_REFERRAL_STATUSES]) },
      order: { sentOn: 'ASC', referralId: 'ASC' },
    });
    return rows.map((row) => row.referralId);
  }

  /** Every trajectory of one person, oldest first (a person has a handful). */
  ofPerson(clientId: string): Promise<IntakeTrajectoryRow[]> {
    return this.dataSource
      .getRepository(IntakeTrajectoryRow)
      .find({ where: { clientId }, order: { openedOn: 'ASC', trajectoryId: 'ASC' } });
  }

  /** The organisation's trajectories, longest open first (by opening date, then id). */
  async caseload(
    filter: CaseloadFilter,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<IntakeTrajectoryRow>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    if (after && !(isCalendarDate(after.sortKey) && isUuid(after.id))) {
      throw new InvalidInput('INVALID_CURSOR', 'Use the nextCursor of a previous page.');
    }
    const query = this.dataSource
      .getRepository(IntakeTrajectoryRow)
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId', { organisationId: filter.organisationId })
      .orderBy('t.opened_on', 'ASC')
      .addOrderBy('t.trajectory_id', 'ASC')
      .limit(limit + 1);
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.caseworkerId) query.andWhere('t.caseworker_id = :caseworkerId', { caseworkerId: filter.caseworkerId });
    if (after) query.andWhere('(t.opened_on, t.trajectory_id) > (CAST(:sortKey AS date), CAST(:id AS uuid))', after);
    const rows = await query.getMany();
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: row.openedOn, id: row.trajectoryId }),
      (row) => row,
    );
  }
}
