import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ANALYST_REFERENCE_TABLES, ANALYST_ROLE, grantAnalystAccessSql } from './analyst-access.migration';
import { PUBLISHED_CELLS } from './published-cells.migration';

/** What the role may read today: the published figures and the reference data (ADR 0024). */
const ANALYST_READABLE = [PUBLISHED_CELLS, ...ANALYST_REFERENCE_TABLES];

/**
 * Creates the BI role and its grants at start when they are missing. The migration did it once, but a logical restore
 * onto a new cluster brings the database without the server's roles (and `pg_restore` then skips the grants).
 * Nothing is granted when everything is in place, so that replicas starting together do not race on the grants.
 */
@Injectable()
export class AnalystRole implements OnApplicationBootstrap {
  private readonly logger = new Logger('AnalystRole');

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      if (await this.inPlace()) return;
      await this.dataSource.query(grantAnalystAccessSql(ANALYST_READABLE));
      if (await this.inPlace()) this.logger.log(`Role ${ANALYST_ROLE} and its grants restored`);
      else this.logger.warn(`Role ${ANALYST_ROLE} is missing and could not be created (docs/analysts.md)`);
    } catch (error) {
      // BI access is not worth a failed start: the API does not need the role.
      this.logger.warn(`Role ${ANALYST_ROLE} not checked: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  }

  private async inPlace(): Promise<boolean> {
    const readable = ANALYST_READABLE.map((name) => `impact.${name}`);
    const rows: { granted: boolean }[] = await this.dataSource.query(
      `SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN false
                   ELSE has_schema_privilege($1, 'impact', 'USAGE')
                        AND (SELECT bool_and(has_table_privilege($1, t.name, 'SELECT')) FROM unnest($2::text[]) AS t(name))
              END AS granted`,
      [ANALYST_ROLE, readable],
    );
    return rows[0]?.granted === true;
  }
}
