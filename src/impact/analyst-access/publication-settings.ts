import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/**
 * Writes the configured suppression threshold to `impact.publication_settings` (`IMPACT_SUPPRESSION_THRESHOLD`), so
 * that an audit of the database sees what the published figures were suppressed with.
 */
@Injectable()
export class PublicationSettings implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query(
      'UPDATE impact.publication_settings SET suppression_threshold = $1 WHERE suppression_threshold <> $1',
      [this.config.impact.suppressionThreshold],
    );
  }
}
