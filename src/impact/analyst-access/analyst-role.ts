import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ANALYST_ROLE, grantAnalystAccessSql } from './analyst-access.migration';
import { ANALYST_READABLE, withholdStatisticsSql } from './published-cells.migration';

/**
 * Creates the BI role and its grants at start when they are missing. The migration did it once, but a logical restore
 * onto a new cluster brings the database without the server's roles (and `pg_restore` then skips the grants), and
 * without the revokes that keep temporary tables and per-table statistics from the role (ADR 0024).
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
      await this.dataSource.query(withholdStatisticsSql());
      if (await this.inPlace()) this.logger.log(`Role ${ANALYST_ROLE}: grants and restrictions put back`);
      else
        this.logger.warn(
          `Role ${ANALYST_ROLE}: missing, or its grants or restrictions could not be put back (docs/analysts.md)`,
        );
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
                        AND NOT has_database_privilege($1, current_database(), 'TEMPORARY')
                        AND NOT has_function_privilege($1, 'pg_catalog.pg_stat_get_live_tuples(oid)', 'EXECUTE')
              END AS granted`,
      [ANALYST_ROLE, readable],
    );
    return rows[0]?.granted === true;
  }
}
