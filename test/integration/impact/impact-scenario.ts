import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject, Position } from '../../../src/shared/event-store';

/**
 * Hand-made events for the impact tests, appended straight to the store as the capabilities would write them (the
 * projection reads only `data`, `created` and the position). Every value an indicator depends on is chosen here;
 * the expected figures in the tests are worked out by hand from this story.
 */
export class ImpactEvents {
  /** Position of the last event appended. */
  last: Position | undefined;
  /** `created` of the last event appended. */
  lastCreated: Date | undefined;
  readonly clientIds: string[] = [];

  constructor(private readonly store: EventStore) {}

  async append(stream: string, type: string, data: JsonObject): Promise<void> {
    const result = await this.store.appendToStream(stream, [{ id: randomUUID(), type, data }], {
      expectedRevision: 'any',
    });
    this.last = result.position;
    const [recorded] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    this.lastCreated = recorded!.created;
  }

  async municipality(name: string, population?: { year: number; population: number }): Promise<string> {
    const municipalityId = randomUUID();
    const stream = `municipality-${municipalityId}`;
    await this.append(stream, 'MunicipalityRegistered', { municipalityId, name, nisCode: null, member: true });
    if (population) {
      await this.append(stream, 'MunicipalityPopulationRecorded', {
        municipalityId,
        ...population,
        approximate: false,
        source: null,
      });
    }
    return municipalityId;
  }

  async organisation(name: string, type: string, municipalityId: string | null): Promise<string> {
    const organisationId = randomUUID();
    await this.append(`organisation-${organisationId}`, 'OrganisationRegistered', {
      organisationId,
      name,
      type,
      municipalityId,
      services: [],
      responseDeadlineDays: 14,
    });
    return organisationId;
  }

  /** A person; `reportingFrom` null: no reporting consent (a consent to share for referrals instead). */
  async person(municipalityId: string, registeredOn: string, reportingFrom: string | null): Promise<Person> {
    const clientId = randomUUID();
    this.clientIds.push(clientId);
    await this.append(`client-${clientId}`, 'ClientRegistered', {
      clientId,
      registeredBy: randomUUID(),
      registeredOn,
      municipalityId,
      household: { adults: 1, children: 0 },
      mainIncomeSource: 'unknown',
      birthYear: 1980,
      // Sealed in shape (the decoder checks the envelope); impact never opens it.
      personalData: { $pii: { v: 1, kid: 'not-read-by-impact', iv: '', ct: '', tag: '' } },
    });
    const consentId = randomUUID();
    await this.append(`client-${clientId}`, 'ClientConsentGiven', {
      clientId,
      consentId,
      scope: reportingFrom === null ? 'share_for_referrals' : 'reporting',
      organisationId: null,
      validFrom: reportingFrom ?? registeredOn,
      validUntil: null,
      recordedBy: randomUUID(),
    });
    return { clientId, consentId };
  }

  async move(person: Person, from: string, to: string, effectiveDate: string): Promise<void> {
    await this.append(`client-${person.clientId}`, 'ClientMoved', {
      clientId: person.clientId,
      municipalityId: to,
      previousMunicipalityId: from,
      effectiveDate,
      address: null,
    });
  }

  async withdraw(person: Person, withdrawnOn: string): Promise<void> {
    await this.append(`client-${person.clientId}`, 'ClientConsentWithdrawn', {
      clientId: person.clientId,
      consentId: person.consentId,
      withdrawnOn,
    });
  }

  async intake(person: Person, organisationId: string, origin: string, occurredOn: string): Promise<string> {
    const trajectoryId = randomUUID();
    await this.append(`intake-${trajectoryId}`, 'IntakeOpened', {
      trajectoryId,
      occurredOn,
      clientId: person.clientId,
      organisationId,
      caseworkerId: randomUUID(),
      origin,
      referringOrganisationId: null,
      signalSource: origin === 'proactive_signal' ? 'energy_supplier' : null,
    });
    return trajectoryId;
  }

  async assessment(trajectoryId: string, occurredOn: string, scores: Record<string, number>): Promise<void> {
    await this.append(`intake-${trajectoryId}`, 'LifeDomainsAssessed', {
      trajectoryId,
      occurredOn,
      assessmentId: randomUUID(),
      scores,
      problemFlags: [],
    });
  }

  async right(trajectoryId: string, rightId: string, explored: string, granted?: string): Promise<void> {
    const stream = `intake-${trajectoryId}`;
    await this.append(stream, 'RightExplored', {
      trajectoryId,
      occurredOn: explored,
      rightId,
      lifeDomain: 'finances',
      needId: null,
    });
    if (granted) {
      await this.append(stream, 'RightGranted', {
        trajectoryId,
        occurredOn: granted,
        rightId,
        amountCents: null,
        grantedUntil: null,
      });
    }
  }

  async unmetNeed(trajectoryId: string, occurredOn: string, lifeDomain: string, reason: string): Promise<void> {
    await this.append(`intake-${trajectoryId}`, 'UnmetNeedSignalled', {
      trajectoryId,
      occurredOn,
      unmetNeedId: randomUUID(),
      lifeDomain,
      reason,
      needId: null,
    });
  }

  async referral(sent: {
    trajectoryId: string;
    person: Person;
    from: string;
    to: string;
    fromMunicipalityId: string | null;
    toMunicipalityId: string | null;
    sentOn: string;
    dueOn: string;
  }): Promise<string> {
    const referralId = randomUUID();
    await this.append(`referral-${referralId}`, 'ReferralSent', {
      referralId,
      occurredOn: sent.sentOn,
      trajectoryId: sent.trajectoryId,
      clientId: sent.person.clientId,
      fromOrganisationId: sent.from,
      toOrganisationId: sent.to,
      service: null,
      fromMunicipalityId: sent.fromMunicipalityId,
      toMunicipalityId: sent.toMunicipalityId,
      lifeDomain: 'debts',
      needId: null,
      warm: true,
      note: null,
      consentBasis: 'share_for_referrals',
      consentId: randomUUID(),
      responseDeadlineDays: 14,
      dueOn: sent.dueOn,
      previousReferralId: null,
    });
    return referralId;
  }

  async referralEvent(referralId: string, type: string, occurredOn: string, extra: JsonObject = {}): Promise<void> {
    await this.append(`referral-${referralId}`, type, { referralId, occurredOn, ...extra });
  }
}

export interface Person {
  readonly clientId: string;
  readonly consentId: string;
}

/** The story the integration and e2e tests share (docs of each expectation in the tests). */
export interface Story {
  readonly kortrijk: string;
  readonly menen: string;
  readonly harelbeke: string;
  readonly ocmwKortrijk: string;
  readonly ocmwMenen: string;
  readonly caw: string;
  /** Everything up to and including this instant is batch A; batch B was recorded after it. */
  readonly endOfBatchA: string;
  readonly positionOfBatchA: Position;
}

/**
 * Batch A (the first quarter of 2025 as first recorded), then batch B (recorded later): P3's move to Menen on
 * 15 February (late), and P7 with their intake. Populations on 1 January 2025: Kortrijk 4,000, Menen 2,000,
 * Harelbeke none.
 */
export async function appendStory(events: ImpactEvents, pause: () => Promise<void>): Promise<Story> {
  const kortrijk = await events.municipality('Kortrijk', { year: 2025, population: 4000 });
  const menen = await events.municipality('Menen', { year: 2025, population: 2000 });
  const harelbeke = await events.municipality('Harelbeke');
  const ocmwKortrijk = await events.organisation('OCMW Kortrijk', 'ocmw', kortrijk);
  const ocmwMenen = await events.organisation('OCMW Menen', 'ocmw', menen);
  const caw = await events.organisation('CAW Zuid-West-Vlaanderen', 'caw', null);

  const p1 = await events.person(kortrijk, '2022-11-20', '2022-11-20');
  const p2 = await events.person(kortrijk, '2023-05-01', '2023-05-01');
  const p3 = await events.person(kortrijk, '2024-01-10', '2024-01-10');
  const p4 = await events.person(menen, '2024-01-10', '2024-01-10');
  const p5 = await events.person(kortrijk, '2024-01-10', null);
  const p6 = await events.person(kortrijk, '2024-01-10', '2024-01-10');
  await events.withdraw(p6, '2025-03-01');

  // Earlier intakes: P1's more than 24 months before 5 January 2025, P2's within them.
  await events.intake(p1, ocmwKortrijk, 'came_in_themselves', '2022-12-01');
  await events.intake(p2, ocmwKortrijk, 'came_in_themselves', '2023-06-01');

  const t1 = await events.intake(p1, ocmwKortrijk, 'came_in_themselves', '2025-01-05');
  const t2 = await events.intake(p2, ocmwKortrijk, 'proactive_signal', '2025-01-20');
  const t3 = await events.intake(p3, ocmwKortrijk, 'proactive_signal', '2025-02-20');
  const t4 = await events.intake(p4, ocmwMenen, 'referred_by_partner', '2025-02-03');
  const t5 = await events.intake(p5, ocmwKortrijk, 'came_in_themselves', '2025-01-07');
  await events.intake(p6, ocmwKortrijk, 'came_in_themselves', '2025-03-05');
  await events.intake(p1, ocmwKortrijk, 'came_in_themselves', '2025-03-02');

  await events.right(t1, 'right-uitpas', '2025-01-05', '2025-01-25');
  await events.right(t1, 'right-energy', '2025-01-05');
  await events.right(t2, 'right-uitpas', '2025-01-20', '2025-02-09');
  await events.right(t3, 'right-remi', '2025-02-20', '2025-03-02');

  await events.assessment(t1, '2025-01-05', { finances: 2, housing: 3 });
  await events.assessment(t1, '2025-03-01', { finances: 4, housing: 3 });
  await events.assessment(t2, '2025-01-20', { finances: 1 });
  await events.assessment(t2, '2025-02-20', { finances: 2 });
  await events.assessment(t2, '2025-03-20', { finances: 4 });
  await events.assessment(t3, '2025-02-20', { housing: 2 });

  await events.unmetNeed(t1, '2025-01-10', 'housing', 'waiting_list');
  await events.unmetNeed(t2, '2025-01-25', 'housing', 'cost_threshold');
  await events.unmetNeed(t3, '2025-02-25', 'energy', 'waiting_list');
  await events.unmetNeed(t4, '2025-02-10', 'housing', 'waiting_list');

  const f1 = await events.referral({
    trajectoryId: t1,
    person: p1,
    from: ocmwKortrijk,
    to: caw,
    fromMunicipalityId: kortrijk,
    toMunicipalityId: null,
    sentOn: '2025-01-15',
    dueOn: '2025-01-29',
  });
  await events.referralEvent(f1, 'ReferralAccepted', '2025-01-20');
  await events.referralEvent(f1, 'ReferralServiceStarted', '2025-02-01');
  const f2 = await events.referral({
    trajectoryId: t2,
    person: p2,
    from: ocmwKortrijk,
    to: ocmwMenen,
    fromMunicipalityId: kortrijk,
    toMunicipalityId: menen,
    sentOn: '2025-01-30',
    dueOn: '2025-02-13',
  });
  await events.referralEvent(f2, 'ReferralDeclined', '2025-02-20', { reason: 'no_capacity', explanation: null });
  const f5 = await events.referral({
    trajectoryId: t2,
    person: p2,
    from: ocmwKortrijk,
    to: caw,
    fromMunicipalityId: kortrijk,
    toMunicipalityId: null,
    sentOn: '2025-02-05',
    dueOn: '2025-02-19',
  });
  await events.referralEvent(f5, 'ReferralRevoked', '2025-02-10', {
    reason: 'need_resolved',
    revokedByOrganisationId: ocmwKortrijk,
  });
  const f4 = await events.referral({
    trajectoryId: t4,
    person: p4,
    from: ocmwMenen,
    to: ocmwKortrijk,
    fromMunicipalityId: menen,
    toMunicipalityId: kortrijk,
    sentOn: '2025-02-15',
    dueOn: '2025-03-01',
  });
  await events.referralEvent(f4, 'ReferralAccepted', '2025-02-17');
  await events.referral({
    trajectoryId: t3,
    person: p3,
    from: ocmwKortrijk,
    to: ocmwMenen,
    fromMunicipalityId: kortrijk,
    toMunicipalityId: menen,
    sentOn: '2025-03-02',
    dueOn: '2025-03-16',
  });
  // P5 has no reporting consent: this referral never counts.
  await events.referral({
    trajectoryId: t5,
    person: p5,
    from: ocmwKortrijk,
    to: caw,
    fromMunicipalityId: kortrijk,
    toMunicipalityId: null,
    sentOn: '2025-01-10',
    dueOn: '2025-01-24',
  });

  const positionOfBatchA = events.last!;
  const endOfBatchA = new Date(events.lastCreated!.getTime() + 1).toISOString();
  await pause();

  // Batch B, recorded later: P3 had moved to Menen on 15 February; P7 arrived in March.
  await events.move(p3, kortrijk, menen, '2025-02-15');
  const p7 = await events.person(menen, '2025-03-10', '2025-03-10');
  await events.intake(p7, ocmwMenen, 'proactive_signal', '2025-03-12');

  return { kortrijk, menen, harelbeke, ocmwKortrijk, ocmwMenen, caw, endOfBatchA, positionOfBatchA };
}
