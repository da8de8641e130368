import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { rowsOf } from '../../shared/database/sql-runner';
import { ReactionLoop } from '../../shared/projections';
import type { SealedPersonalData } from '../domain/client.events';
import { requestErasureRewrite } from '../erasure/erasure-rewrites';
import { ClientPersonalData } from './client-personal-data';
import { IdentityIndex } from './identity-index';

const POLL_MS = 10_000;
const BATCH = 500;

/**
 * Indexes the family names of people registered before searching by family name existed (docs/adr/0028): the
 * registration indexes each new person itself, this finds the people of `clients_people` without a `family_name`
 * hash, opens their sealed details with their key and records it. Runs where projections run, until none is left
 * and again whenever one appears (a read model rebuilt, a backup restored). Erased people have no key: skipped.
 */
@Injectable()
export class FamilyNameBackfill implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new ReactionLoop('Indexing family names', POLL_MS, () => this.indexMissing());

  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: ClientPersonalData,
    private readonly identities: IdentityIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.projectionsEnabled) this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** One round: indexes up to a batch of people; returns how many it indexed. */
  async indexMissing(): Promise<number> {
    const people = rowsOf<{ client_id: string; personal_data: SealedPersonalData }>(
      await this.dataSource.query(
        `SELECT p.client_id, p.personal_data FROM clients_people p
          WHERE p.personal_data IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM clients_identity_index i
                             WHERE i.kind = 'family_name' AND i.client_id = p.client_id)
          ORDER BY p.client_id LIMIT $1`,
        [BATCH],
      ),
    );
    const keys = await this.personalData.findMany(people.map((person) => person.client_id));
    let indexed = 0;
    for (const person of people) {
      const key = keys.get(person.client_id);
      if (!key) continue;
      const { familyName } = this.personalData.openDetails(key, person.personal_data);
      if (await this.identities.recordFamilyName(familyName, person.client_id)) indexed += 1;
      // Erased meanwhile: the hash it wrote and deleted again must not stay in the table's files (ADR 0022).
      else await requestErasureRewrite(this.dataSource);
    }
    return indexed;
  }
}
