import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../shared/database/sql-runner';

/** The known-users read model: is this user one of the organisation's social workers? (docs/adr/0030) */
@Injectable()
export class KnownUsers {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the user's latest event was written for this organisation as a social worker. */
  async belongsTo(userId: string, organisationId: string): Promise<boolean> {
    const rows = rowsOf<{ organisation_id: string }>(
      await this.dataSource.query('SELECT organisation_id FROM casework_known_users WHERE user_id = $1', [userId]),
    );
    return rows[0]?.organisation_id === organisationId;
  }
}
