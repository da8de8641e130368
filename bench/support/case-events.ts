import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../src/shared/event-store';

/**
 * The event every append benchmark writes, whatever the store: shaped like the service's case events (an intake's
 * step, ids rather than personal data, the command executor's metadata envelope), about 360 bytes of data and
 * 230 of metadata as JSON. The synthetic data sets in `synthetic-events.ts` have the same shape and size.
 */
export interface CaseEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

const TYPES = ['NeedRecorded', 'RightExplored', 'ReferralSent', 'AppointmentPlanned', 'NoteAdded'];
const LIFE_DOMAINS = ['finances', 'debts', 'housing', 'energy', 'health', 'work_and_education'];

export function caseEvent(intakeId: string, revision: number, organisationId: string, actorId: string): CaseEvent {
  return {
    id: randomUUID(),
    type: revision === 0 ? 'IntakeOpened' : TYPES[revision % TYPES.length]!,
    data: {
      intakeId,
      organisationId,
      municipalityId: '5d1f4c2e-8b7a-4e39-9c61-2f0a7b3d9e14',
      lifeDomain: LIFE_DOMAINS[revision % LIFE_DOMAINS.length]!,
      sequence: revision,
      note: 'Synthetic benchmark event 3f2a9c0d1e8b47a6b5c4d3e2f1a0b9c8',
      referenceIds: [randomUUID(), randomUUID()],
    },
    metadata: {
      actorId,
      organisationId,
      roles: ['social_worker'],
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
    },
  };
}
