import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../shared/event-store';
import type { ProjectionHandler } from '../../shared/projections';

export const KNOWN_USERS_PROJECTION = 'casework.known-users';

/**
 * Which organisation each social worker acts for, as the events' metadata shows it (the actor and the organisation
 * of the token that wrote them): users are only token subjects, so this is how the service knows that a task's
 * assignee belongs to the caller's organisation (docs/adr/0030). The latest event wins: a user who moved to another
 * organisation counts for the new one. Ids only, no personal data.
 */
export const knownUsersProjection: ProjectionHandler = {
  name: KNOWN_USERS_PROJECTION,
  version: 1,
  async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const latest = new Map<string, { organisationId: string; event: RecordedEvent }>();
    for (const event of events) {
      const { actorId, organisationId, roles } = event.metadata;
      if (typeof actorId !== 'string' || typeof organisationId !== 'string') continue;
      if (!Array.isArray(roles) || !roles.includes('social_worker')) continue;
      latest.set(actorId, { organisationId, event });
    }
    for (const [userId, { organisationId, event }] of latest) {
      await tx.query(
        `INSERT INTO casework_known_users (user_id, organisation_id, last_applied_commit, last_applied_prepare)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id,
           last_applied_commit = EXCLUDED.last_applied_commit, last_applied_prepare = EXCLUDED.last_applied_prepare
         WHERE (casework_known_users.last_applied_commit, casework_known_users.last_applied_prepare)
             < (EXCLUDED.last_applied_commit, EXCLUDED.last_applied_prepare)`,
        [userId, organisationId, event.position.commit.toString(), event.position.prepare.toString()],
      );
    }
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query('DELETE FROM casework_known_users');
  },
};
