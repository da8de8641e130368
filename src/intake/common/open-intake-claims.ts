import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../shared/database/sql-runner';
import { intakeAlreadyOpen } from './intake-refusals';
import { IntakeStreams } from './intake-streams';

/**
 * How long a claim whose trajectory has no events yet is left to the open command that made it, before another
 * open may take it over (that command crashed, or was refused after claiming). Measured by the database's clock.
 */
const UNFINISHED_CLAIM_GRACE = '1 minute';

/** Attempts at taking over a stale claim while others race for it. */
const MAX_ATTEMPTS = 5;

/**
 * One open intake per person per organisation, across streams (docs/adr/0014): a unique row per (person,
 * organisation) names the trajectory that holds it. A command that makes a trajectory open at an organisation
 * claims first and appends after; a closure or a transfer releases after appending. A claim whose holder is no
 * longer open there (closed, transferred away: a release that never ran) is taken over at once; one whose holder
 * has no events yet only after a grace period, since its open command may still be appending.
 */
@Injectable()
export class OpenIntakeClaims {
  constructor(
    private readonly dataSource: DataSource,
    private readonly streams: IntakeStreams,
  ) {}

  /** Claims (person, organisation) for the trajectory, or refuses with 409 `INTAKE_ALREADY_OPEN`. Idempotent. */
  async claim(clientId: string, organisationId: string, trajectoryId: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await this.dataSource.query(
        `INSERT INTO intake_open_claims (client_id, organisation_id, trajectory_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [clientId, organisationId, trajectoryId],
      );
      const holder = await this.holder(clientId, organisationId);
      if (holder === undefined) continue;
      if (holder.trajectoryId === trajectoryId) return;

      const { state, revision } = await this.streams.load(holder.trajectoryId);
      const stillOpenThere =
        state.status === 'open' && state.organisationId === organisationId && state.clientId === clientId;
      if (stillOpenThere || (revision === undefined && !holder.stale)) throw intakeAlreadyOpen();
      // Compare-and-set: of several commands taking the same stale claim over, one does; the loop reads who.
      await this.dataSource.query(
        `UPDATE intake_open_claims SET trajectory_id = $4, claimed_at = now()
          WHERE client_id = $1 AND organisation_id = $2 AND trajectory_id = $3`,
        [clientId, organisationId, holder.trajectoryId, trajectoryId],
      );
    }
    throw intakeAlreadyOpen();
  }

  /** Releases the trajectory's claim at the organisation, if it holds it. */
  async release(clientId: string, organisationId: string, trajectoryId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM intake_open_claims WHERE client_id = $1 AND organisation_id = $2 AND trajectory_id = $3`,
      [clientId, organisationId, trajectoryId],
    );
  }

  private async holder(
    clientId: string,
    organisationId: string,
  ): Promise<{ trajectoryId: string; stale: boolean } | undefined> {
    const rows = rowsOf<{ trajectory_id: string; stale: boolean }>(
      await this.dataSource.query(
        `SELECT trajectory_id, claimed_at < now() - interval '${UNFINISHED_CLAIM_GRACE}' AS stale
           FROM intake_open_claims WHERE client_id = $1 AND organisation_id = $2`,
        [clientId, organisationId],
      ),
    );
    const row = rows[0];
    return row && { trajectoryId: row.trajectory_id, stale: row.stale };
  }
}
