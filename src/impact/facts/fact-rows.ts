import { CLIENT_CATEGORY, type ClientEvent, decodeClientEvent } from '../../clients';
import { decodeIntakeEvent, INTAKE_CATEGORY, type IntakeEvent } from '../../intake';
import {
  decodeMunicipalityEvent,
  decodeOrganisationEvent,
  MUNICIPALITY_CATEGORY,
  type MunicipalityEvent,
  ORGANISATION_CATEGORY,
  type OrganisationEvent,
} from '../../partners';
import { decodeReferralEvent, REFERRAL_CATEGORY, REFERRAL_STATUS_AFTER, type ReferralEvent } from '../../referral';
import type { EventDecoder } from '../../shared/domain/event-decoding';
import type { RecordedEvent } from '../../shared/event-store';

type SqlType = 'text' | 'date' | 'timestamptz' | 'numeric' | 'integer' | 'smallint' | 'boolean';

/** A table of the `impact` schema as the projection writes it: its key and every column with its type. */
export interface FactTable {
  readonly name: string;
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, SqlType>>;
}

const POSITIONED = { recorded_at: 'timestamptz', position_commit: 'numeric', position_prepare: 'numeric' } as const;
const FACT = { occurred_on: 'date', ...POSITIONED } as const;

function table(name: string, key: readonly string[], columns: Record<string, SqlType>): FactTable {
  return { name, key, columns };
}

export const FACT_TABLES = {
  residences: table('residences', ['residence_key'], {
    residence_key: 'text',
    client_id: 'text',
    effective_from: 'date',
    municipality_id: 'text',
    ...FACT,
  }),
  reportingConsents: table('reporting_consents', ['consent_id'], {
    consent_id: 'text',
    client_id: 'text',
    valid_from: 'date',
    valid_until: 'date',
    ...FACT,
  }),
  intakes: table('intakes', ['trajectory_id'], {
    trajectory_id: 'text',
    client_id: 'text',
    organisation_id: 'text',
    origin: 'text',
    signal_source: 'text',
    referring_organisation_id: 'text',
    ...FACT,
  }),
  assessmentScores: table('assessment_scores', ['assessment_id', 'life_domain'], {
    assessment_id: 'text',
    life_domain: 'text',
    trajectory_id: 'text',
    score: 'smallint',
    ...FACT,
  }),
  rightMilestones: table('right_milestones', ['trajectory_id', 'right_id', 'milestone'], {
    trajectory_id: 'text',
    right_id: 'text',
    milestone: 'text',
    life_domain: 'text',
    refusal_reason: 'text',
    ...FACT,
  }),
  unmetNeeds: table('unmet_needs', ['unmet_need_id'], {
    unmet_need_id: 'text',
    trajectory_id: 'text',
    life_domain: 'text',
    reason: 'text',
    ...FACT,
  }),
  referrals: table('referrals', ['referral_id'], {
    referral_id: 'text',
    trajectory_id: 'text',
    client_id: 'text',
    from_organisation_id: 'text',
    to_organisation_id: 'text',
    from_municipality_id: 'text',
    to_municipality_id: 'text',
    life_domain: 'text',
    warm: 'boolean',
    due_on: 'date',
    previous_referral_id: 'text',
    ...FACT,
  }),
  referralMilestones: table('referral_milestones', ['referral_id', 'milestone'], {
    referral_id: 'text',
    milestone: 'text',
    reason: 'text',
    ...FACT,
  }),
  populationFigures: table('population_figures', ['event_id'], {
    event_id: 'text',
    municipality_id: 'text',
    year: 'integer',
    population: 'integer',
    approximate: 'boolean',
    ...FACT,
  }),
  municipalities: table('municipalities', ['municipality_id'], {
    municipality_id: 'text',
    name: 'text',
    nis_code: 'text',
    member: 'boolean',
    ...POSITIONED,
  }),
  organisations: table('organisations', ['organisation_id'], {
    organisation_id: 'text',
    name: 'text',
    type: 'text',
    municipality_id: 'text',
    ...POSITIONED,
  }),
} as const;

export type FactValue = string | number | boolean | null;
export type FactRow = Readonly<Record<string, FactValue>>;

/**
 * What one event changes in the `impact` schema:
 * - `insert`: a new fact; the first one recorded under a key wins (re-delivery and repeats are no-ops);
 * - `latest`: reference data (municipality, organisation) replaced by a later position;
 * - `withdrawal`: a reporting consent's withdrawal, recorded on its row once.
 */
export type FactChange =
  | { readonly kind: 'insert'; readonly table: FactTable; readonly row: FactRow }
  | { readonly kind: 'latest'; readonly table: FactTable; readonly row: FactRow }
  | { readonly kind: 'withdrawal'; readonly row: FactRow };

/** Every event type the facts are made of: the projection's subscription filter. */
export const FACT_EVENT_TYPES = [
  'ClientRegistered',
  'ClientMoved',
  'ClientConsentGiven',
  'ClientConsentWithdrawn',
  'IntakeOpened',
  'LifeDomainsAssessed',
  'RightExplored',
  'RightApplied',
  'RightGranted',
  'RightRefused',
  'UnmetNeedSignalled',
  'ReferralSent',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralFirstContactMade',
  'ReferralServiceStarted',
  'ReferralCompleted',
  'ReferralDropped',
  'ReferralRevoked',
  'MunicipalityRegistered',
  'MunicipalityChanged',
  'MunicipalityPopulationRecorded',
  'MunicipalityPopulationCorrected',
  'OrganisationRegistered',
  'OrganisationChanged',
] as const satisfies readonly (
  ClientEvent | IntakeEvent | ReferralEvent | MunicipalityEvent | OrganisationEvent
)['type'][];

type FactEvent = ClientEvent | IntakeEvent | ReferralEvent | MunicipalityEvent | OrganisationEvent;

const RIGHT_MILESTONES: Partial<Record<FactEvent['type'], string>> = {
  RightExplored: 'explored',
  RightApplied: 'applied',
  RightGranted: 'granted',
  RightRefused: 'refused',
};

/** Each stream category the facts read, with its capability's decoder. */
const DECODERS: Readonly<Record<string, EventDecoder<FactEvent>>> = {
  [CLIENT_CATEGORY]: decodeClientEvent,
  [INTAKE_CATEGORY]: decodeIntakeEvent,
  [REFERRAL_CATEGORY]: decodeReferralEvent,
  [MUNICIPALITY_CATEGORY]: decodeMunicipalityEvent,
  [ORGANISATION_CATEGORY]: decodeOrganisationEvent,
};

/** A fact event decoded by its stream's decoder; `undefined` for a stream of another kind (the type filter is a prefix). */
function decodeFactEvent(recorded: RecordedEvent): FactEvent | undefined {
  const category = recorded.streamId.slice(0, recorded.streamId.indexOf('-'));
  return Object.hasOwn(DECODERS, category) ? DECODERS[category]!(recorded) : undefined;
}

/** Pure: the changes one recorded event makes to the facts (none for events the facts do not use). */
export function factChangesOf(recorded: RecordedEvent): FactChange[] {
  const event = decodeFactEvent(recorded);
  if (event === undefined) return [];
  const recordedAt: FactRow = {
    recorded_at: recorded.created.toISOString(),
    position_commit: recorded.position.commit.toString(),
    position_prepare: recorded.position.prepare.toString(),
  };
  const insert = (target: FactTable, row: Record<string, FactValue>): FactChange[] => [
    { kind: 'insert', table: target, row: { ...row, ...recordedAt } },
  ];
  switch (event.type) {
    case 'ClientRegistered':
      return insert(FACT_TABLES.residences, {
        residence_key: `${event.data.clientId}:registration`,
        client_id: event.data.clientId,
        effective_from: null,
        municipality_id: event.data.municipalityId,
        occurred_on: event.data.registeredOn,
      });
    case 'ClientMoved':
      return insert(FACT_TABLES.residences, {
        residence_key: `${event.data.clientId}:${event.data.effectiveDate}`,
        client_id: event.data.clientId,
        effective_from: event.data.effectiveDate,
        municipality_id: event.data.municipalityId,
        occurred_on: event.data.effectiveDate,
      });
    case 'ClientConsentGiven':
      if (event.data.scope !== 'reporting') return [];
      return insert(FACT_TABLES.reportingConsents, {
        consent_id: event.data.consentId,
        client_id: event.data.clientId,
        valid_from: event.data.validFrom,
        valid_until: event.data.validUntil,
        occurred_on: event.data.validFrom,
      });
    case 'ClientConsentWithdrawn':
      return [
        {
          kind: 'withdrawal',
          row: {
            consent_id: event.data.consentId,
            withdrawn_on: event.data.withdrawnOn,
            withdrawal_recorded_at: recordedAt.recorded_at!,
            withdrawal_position_commit: recordedAt.position_commit!,
            withdrawal_position_prepare: recordedAt.position_prepare!,
          },
        },
      ];
    case 'IntakeOpened':
      return insert(FACT_TABLES.intakes, {
        trajectory_id: event.data.trajectoryId,
        client_id: event.data.clientId,
        organisation_id: event.data.organisationId,
        origin: event.data.origin,
        signal_source: event.data.signalSource,
        referring_organisation_id: event.data.referringOrganisationId,
        occurred_on: event.data.occurredOn,
      });
    case 'LifeDomainsAssessed':
      return Object.entries(event.data.scores).flatMap(([lifeDomain, score]) =>
        score === undefined
          ? []
          : insert(FACT_TABLES.assessmentScores, {
              assessment_id: event.data.assessmentId,
              life_domain: lifeDomain,
              trajectory_id: event.data.trajectoryId,
              score,
              occurred_on: event.data.occurredOn,
            }),
      );
    case 'RightExplored':
    case 'RightApplied':
    case 'RightGranted':
    case 'RightRefused':
      return insert(FACT_TABLES.rightMilestones, {
        trajectory_id: event.data.trajectoryId,
        right_id: event.data.rightId,
        milestone: RIGHT_MILESTONES[event.type]!,
        life_domain: event.type === 'RightExplored' ? event.data.lifeDomain : null,
        refusal_reason: event.type === 'RightRefused' ? event.data.reason : null,
        occurred_on: event.data.occurredOn,
      });
    case 'UnmetNeedSignalled':
      return insert(FACT_TABLES.unmetNeeds, {
        unmet_need_id: event.data.unmetNeedId,
        trajectory_id: event.data.trajectoryId,
        life_domain: event.data.lifeDomain,
        reason: event.data.reason,
        occurred_on: event.data.occurredOn,
      });
    case 'ReferralSent':
      return insert(FACT_TABLES.referrals, {
        referral_id: event.data.referralId,
        trajectory_id: event.data.trajectoryId,
        client_id: event.data.clientId,
        from_organisation_id: event.data.fromOrganisationId,
        to_organisation_id: event.data.toOrganisationId,
        from_municipality_id: event.data.fromMunicipalityId,
        to_municipality_id: event.data.toMunicipalityId,
        life_domain: event.data.lifeDomain,
        warm: event.data.warm,
        due_on: event.data.dueOn,
        previous_referral_id: event.data.previousReferralId,
        occurred_on: event.data.occurredOn,
      });
    case 'ReferralAccepted':
    case 'ReferralDeclined':
    case 'ReferralFirstContactMade':
    case 'ReferralServiceStarted':
    case 'ReferralCompleted':
    case 'ReferralDropped':
    case 'ReferralRevoked':
      return insert(FACT_TABLES.referralMilestones, {
        referral_id: event.data.referralId,
        milestone: REFERRAL_STATUS_AFTER[event.type],
        reason: referralReason(event),
        occurred_on: event.data.occurredOn,
      });
    case 'MunicipalityRegistered':
    case 'MunicipalityChanged':
      return [
        {
          kind: 'latest',
          table: FACT_TABLES.municipalities,
          row: {
            municipality_id: event.data.municipalityId,
            name: event.data.name,
            nis_code: event.data.nisCode,
            member: event.data.member,
            ...recordedAt,
          },
        },
      ];
    case 'MunicipalityPopulationRecorded':
    case 'MunicipalityPopulationCorrected':
      return insert(FACT_TABLES.populationFigures, {
        event_id: recorded.id,
        municipality_id: event.data.municipalityId,
        year: event.data.year,
        population: event.data.population,
        approximate: event.data.approximate,
        occurred_on: `${String(event.data.year).padStart(4, '0')}-01-01`,
      });
    case 'OrganisationRegistered':
    case 'OrganisationChanged':
      return [
        {
          kind: 'latest',
          table: FACT_TABLES.organisations,
          row: {
            organisation_id: event.data.organisationId,
            name: event.data.name,
            type: event.data.type,
            municipality_id: event.data.municipalityId,
            ...recordedAt,
          },
        },
      ];
    default:
      return [];
  }
}

function referralReason(event: ReferralEvent): string | null {
  switch (event.type) {
    case 'ReferralDeclined':
    case 'ReferralDropped':
    case 'ReferralRevoked':
      return event.data.reason;
    case 'ReferralCompleted':
      return event.data.outcome;
    default:
      return null;
  }
}
