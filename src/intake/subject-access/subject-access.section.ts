import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { rowsOf } from '../../shared/database/sql-runner';
import {
  type OpenSealed,
  type SealedFields,
  type SubjectAccessSection,
  type SubjectAccessSectionReport,
  SubjectAccessSections,
  subjectAccessEventView,
  subjectAccessRowView,
} from '../../shared/privacy';
import { IntakeStreams, intakeStream } from '../common/intake-streams';
import { decodeIntakeEvent } from '../domain/intake.decoder';
import { NEED_DESCRIPTION_CONTEXT } from '../domain/intake.events';
import { IntakeTrajectoryRow } from '../intake-trajectories/intake-trajectory.row';
import { TrajectoryReferralRow } from '../intake-trajectories/trajectory-referral.row';

/** The sealed fields of intake events and of the trajectory detail (`needs[].description`). */
const SEALED_FIELDS: SealedFields = { description: NEED_DESCRIPTION_CONTEXT };

/**
 * The intake part of the subject-access report (docs/adr/0017): the person's trajectories, found through the read
 * model (it has the client id), every event of each, and the rows about them, need descriptions opened.
 */
@Injectable()
export class IntakeSubjectAccessSection implements SubjectAccessSection, OnModuleInit {
  readonly name = 'intake';

  constructor(
    private readonly sections: SubjectAccessSections,
    private readonly dataSource: DataSource,
    private readonly intakeStreams: IntakeStreams,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async report(clientId: string, open: OpenSealed): Promise<SubjectAccessSectionReport> {
    const trajectories = await this.dataSource
      .getRepository(IntakeTrajectoryRow)
      .find({ where: { clientId }, order: { openedOn: 'ASC', trajectoryId: 'ASC' } });
    const trajectoryIds = trajectories.map((row) => row.trajectoryId);
    const referrals =
      trajectoryIds.length === 0
        ? []
        : await this.dataSource
            .getRepository(TrajectoryReferralRow)
            .find({ where: { trajectoryId: In(trajectoryIds) }, order: { sentOn: 'ASC', referralId: 'ASC' } });
    const claims = rowsOf<Record<string, unknown>>(
      await this.dataSource.query(
        `SELECT client_id AS "clientId", organisation_id AS "organisationId", trajectory_id AS "trajectoryId",
                claimed_at AS "claimedAt"
           FROM intake_open_claims WHERE client_id = $1 ORDER BY claimed_at, organisation_id`,
        [clientId],
      ),
    );
    const streams = [];
    for (const trajectoryId of trajectoryIds) {
      const { events } = await this.intakeStreams.load(trajectoryId);
      streams.push({
        streamId: intakeStream(trajectoryId),
        // Decoded, so that the person reads every event in its current shape; an undecodable one stops the report.
        events: events.map((recorded) =>
          subjectAccessEventView({ ...recorded, data: decodeIntakeEvent(recorded).data }, SEALED_FIELDS, open),
        ),
      });
    }
    const row = (value: object) => subjectAccessRowView(value, SEALED_FIELDS, open);
    return {
      streams,
      readModels: {
        intake_trajectories: trajectories.map(row),
        intake_trajectory_referrals: referrals.map(row),
        intake_open_claims: claims.map(row),
      },
    };
  }
}
