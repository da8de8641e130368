import type { ClientEvent } from '../../src/clients';
import { INCOME_SOURCES } from '../../src/clients';
import type { IntakeEvent, IntakeOrigin, IntakeOutcome } from '../../src/intake';
import { PROACTIVE_SIGNAL_SOURCES, UNMET_NEED_REASONS } from '../../src/intake';
import type { MunicipalityEvent, OrganisationEvent, OrganisationType } from '../../src/partners';
import { LIFE_DOMAINS, type LifeDomain } from '../../src/shared/domain/life-domains';
import type { ReferralEvent } from '../../src/referral';
import { DECLINE_REASONS } from '../../src/referral';
import type { SealedPersonalData } from '../../src/shared/domain/sealed-personal-data';

/**
 * A seeded, W13-shaped history for the impact benchmark: ten years of people, intake trajectories and referrals,
 * written with the event contracts of the capabilities (the type checker keeps it in step with them). The same seed
 * gives the same history. Sizes at the default scale: about 130,000 people, 200,000 trajectories and 3.3 million
 * events, in the order they were recorded.
 *
 * What is shaped like the region: 14 municipalities of very different size (Kortrijk a third of the inhabitants),
 * intakes at the OCMW of the place of residence, most referrals within the municipality and a fifth to the regional
 * services, late facts (a third of the events recorded up to ten days after they happened), every tenth person
 * without a reporting consent. Sealed fields hold random bytes of a realistic size.
 */
export interface HistoryEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: object;
  readonly organisationId: string;
  /** When it was recorded: the store's `created`. */
  readonly recordedAt: Date;
}

type AnyEvent = ClientEvent | IntakeEvent | ReferralEvent | OrganisationEvent | MunicipalityEvent;

export interface HistoryOptions {
  readonly seed: number;
  /** Trajectories to open over the ten years (the events follow from it). */
  readonly trajectories: number;
  readonly firstYear: number;
  readonly years: number;
}

export const W13_SCALE: HistoryOptions = { seed: 13, trajectories: 200_000, firstYear: 2016, years: 10 };

const MUNICIPALITIES: readonly [name: string, population: number][] = [
  ['Anzegem', 14_900],
  ['Avelgem', 10_200],
  ['Deerlijk', 11_900],
  ['Harelbeke', 28_600],
  ['Kortrijk', 79_100],
  ['Kuurne', 13_600],
  ['Ledegem', 9_800],
  ['Lendelede', 5_900],
  ['Menen', 34_500],
  ['Spiere-Helkijn', 2_100],
  ['Waregem', 39_000],
  ['Wevelgem', 32_300],
  ['Wielsbeke', 9_700],
  ['Zwevegem', 25_300],
];
const REGIONAL: readonly [name: string, type: OrganisationType, deadline: number][] = [
  ['CAW Zuid-West-Vlaanderen', 'caw', 14],
  ['DMW Christelijke Mutualiteit', 'dmw', 14],
  ['DMW Solidaris', 'dmw', 14],
  ['Energiehuis', 'w13_service', 21],
  ['Budget In Zicht', 'w13_service', 21],
  ['Woonclub', 'w13_service', 30],
  ['kracht.wonen', 'w13_service', 30],
  ['Wijk-werken', 'w13_service', 21],
  ['FoodAct13', 'w13_service', 14],
  ['Konekti', 'external', 30],
  ['Solentra', 'external', 30],
];
const RIGHTS = 24;
const DAY_MS = 86_400_000;

/** Mulberry32: small, fast, good enough for test data, and the same everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Place {
  readonly municipalityId: string;
  readonly population: number;
  readonly ocmwId: string;
}

interface Person {
  readonly clientId: string;
  readonly municipalityId: string;
  /** A later move: from `movedOn` (a day number) the person lives in `movedTo`. */
  readonly move?: { readonly movedOn: number; readonly movedTo: string };
  trajectories: number;
}

/** The events, in recording order, a day at a time (memory stays flat: a day's events are released once yielded). */
export function* w13History(options: HistoryOptions = W13_SCALE): Generator<HistoryEvent> {
  const next = random(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const chance = (p: number) => next() < p;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const sealed = (bytes: number): SealedPersonalData => ({
    $pii: {
      v: 1,
      kid: 'k1',
      iv: 'AAAAAAAAAAAAAAAA',
      ct: Buffer.alloc(bytes, Math.floor(next() * 256)).toString('base64'),
      tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
    },
  });

  const start = Date.UTC(options.firstYear, 0, 1);
  const days = Math.round((Date.UTC(options.firstYear + options.years, 0, 1) - start) / DAY_MS);
  const buckets = new Map<number, HistoryEvent[]>();
  /** The last recording time per stream: a stream's events are recorded in their order, however late each is. */
  const lastRecorded = new Map<string, number>();
  const w13 = uuid();
  const at = (day: number, streamId: string, event: AnyEvent, organisationId: string) => {
    // Facts arrive late: a third of them are recorded up to ten days after they happened.
    const lateDay = Math.min(days - 1, day + (chance(0.33) ? between(1, 10) : 0));
    const time = Math.max(
      start + lateDay * DAY_MS + between(7 * 3600, 18 * 3600) * 1000,
      (lastRecorded.get(streamId) ?? 0) + 1000,
    );
    lastRecorded.set(streamId, time);
    const recordedAt = new Date(time);
    const recordedDay = Math.floor((time - start) / DAY_MS);
    let bucket = buckets.get(recordedDay);
    if (!bucket) buckets.set(recordedDay, (bucket = []));
    bucket.push({ streamId, type: event.type, data: event.data, organisationId, recordedAt });
  };
  const dateOf = (day: number) => new Date(start + day * DAY_MS).toISOString().slice(0, 10);

  // Reference data on day 0.
  const places: Place[] = [];
  for (const [name, population] of MUNICIPALITIES) {
    const municipalityId = uuid();
    const stream = `municipality-${municipalityId}`;
    at(0, stream, { type: 'MunicipalityRegistered', data: { municipalityId, name, nisCode: null, member: true } }, w13);
    for (let year = options.firstYear; year < options.firstYear + options.years; year++) {
      const data = { municipalityId, year, population, approximate: true, source: null };
      at(0, stream, { type: 'MunicipalityPopulationRecorded', data }, w13);
    }
    const ocmwId = uuid();
    const details = { name: `OCMW ${name}`, type: 'ocmw' as const, municipalityId, services: ['gbo'] };
    const data = { organisationId: ocmwId, ...details, responseDeadlineDays: 14, serviceStartDeadlineDays: 30 };
    at(0, `organisation-${ocmwId}`, { type: 'OrganisationRegistered', data }, w13);
    places.push({ municipalityId, population, ocmwId });
  }
  const regional = REGIONAL.map(([name, type, responseDeadlineDays]) => {
    const organisationId = uuid();
    const data = {
      organisationId,
      name,
      type,
      municipalityId: null,
      services: [],
      responseDeadlineDays,
      serviceStartDeadlineDays: 30,
    };
    at(0, `organisation-${organisationId}`, { type: 'OrganisationRegistered', data }, w13);
    return { organisationId, responseDeadlineDays };
  });
  const rightIds = Array.from({ length: RIGHTS }, () => uuid());
  const totalPopulation = places.reduce((sum, place) => sum + place.population, 0);
  const placeOf = () => {
    let ticket = next() * totalPopulation;
    for (const place of places) if ((ticket -= place.population) < 0) return place;
    return places[places.length - 1]!;
  };
  const placeById = new Map(places.map((place) => [place.municipalityId, place]));

  const people: Person[] = [];
  const perDay = options.trajectories / days;
  let carry = 0;
  for (let day = 0; day < days; day++) {
    carry += perDay;
    for (; carry >= 1; carry--) {
      // Two trajectories in five are of someone helped before.
      let person = people.length > 0 && chance(0.4) ? people[Math.floor(next() * people.length)]! : undefined;
      if (!person || person.trajectories >= 4) person = registerPerson(day);
      person.trajectories++;
      openTrajectory(day, person);
    }
    const bucket = buckets.get(day);
    if (bucket) {
      buckets.delete(day);
      bucket.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
      yield* bucket;
    }
  }
  for (const day of [...buckets.keys()].sort((a, b) => a - b)) yield* buckets.get(day)!;

  function registerPerson(day: number): Person {
    const clientId = uuid();
    const place = placeOf();
    const stream = `client-${clientId}`;
    const registeredOn = dateOf(day);
    const registered = {
      clientId,
      registeredBy: place.ocmwId,
      registeredOn,
      municipalityId: place.municipalityId,
      household: { adults: between(1, 2), children: chance(0.4) ? between(1, 4) : 0 },
      mainIncomeSource: pick(INCOME_SOURCES),
      birthYear: between(1940, 2005),
      personalData: sealed(180),
    };
    at(day, stream, { type: 'ClientRegistered', data: registered }, place.ocmwId);
    const consent = (scope: 'reporting' | 'share_for_referrals') => ({
      clientId,
      consentId: uuid(),
      scope,
      organisationId: null,
      validFrom: registeredOn,
      validUntil: null,
      recordedBy: place.ocmwId,
    });
    if (chance(0.9)) at(day, stream, { type: 'ClientConsentGiven', data: consent('reporting') }, place.ocmwId);
    if (chance(0.8))
      at(day, stream, { type: 'ClientConsentGiven', data: consent('share_for_referrals') }, place.ocmwId);
    let move: Person['move'];
    if (chance(0.08) && day + 200 < days) {
      const moveDay = day + between(30, 200);
      const to = placeOf();
      if (to.municipalityId !== place.municipalityId) {
        const data = {
          clientId,
          municipalityId: to.municipalityId,
          previousMunicipalityId: place.municipalityId,
          effectiveDate: dateOf(moveDay),
          address: sealed(90),
        };
        at(moveDay, stream, { type: 'ClientMoved', data }, place.ocmwId);
        move = { movedOn: moveDay, movedTo: to.municipalityId };
      }
    }
    const person: Person = {
      clientId,
      municipalityId: place.municipalityId,
      ...(move ? { move } : {}),
      trajectories: 0,
    };
    people.push(person);
    return person;
  }

  function openTrajectory(day: number, person: Person): void {
    const trajectoryId = uuid();
    const stream = `intake-${trajectoryId}`;
    const residence = person.move && day >= person.move.movedOn ? person.move.movedTo : person.municipalityId;
    const ocmw = placeById.get(residence)!;
    const organisationId = ocmw.ocmwId;
    const caseworkerId = `worker-${between(1, 400)}`;
    const origin: IntakeOrigin = pick([
      'came_in_themselves',
      'came_in_themselves',
      'came_in_themselves',
      'referred_by_partner',
      'proactive_signal',
      'eviction_notice',
      'other',
    ]);
    const fact = (offset: number) => ({ trajectoryId, occurredOn: dateOf(Math.min(days - 1, day + offset)) });
    const emit = (offset: number, event: IntakeEvent) =>
      at(Math.min(days - 1, day + offset), stream, event, organisationId);
    emit(0, {
      type: 'IntakeOpened',
      data: {
        ...fact(0),
        clientId: person.clientId,
        organisationId,
        caseworkerId,
        origin,
        referringOrganisationId: origin === 'referred_by_partner' ? pick(regional).organisationId : null,
        signalSource: origin === 'proactive_signal' ? pick(PROACTIVE_SIGNAL_SOURCES) : null,
      },
    });
    const assessment = (offset: number, spread: number) => {
      const scores: Partial<Record<LifeDomain, number>> = {};
      for (const domain of LIFE_DOMAINS) if (chance(0.7)) scores[domain] = between(1, Math.min(5, 2 + spread));
      emit(offset, {
        type: 'LifeDomainsAssessed',
        data: { ...fact(offset), assessmentId: uuid(), scores, problemFlags: chance(0.2) ? ['no_income'] : [] },
      });
    };
    assessment(between(0, 7), 1);
    let last = 7;
    for (let followUp = between(0, 2); followUp > 0; followUp--) assessment((last += between(60, 120)), 3);
    const needs = Array.from({ length: between(1, 4) }, () => ({ needId: uuid(), lifeDomain: pick(LIFE_DOMAINS) }));
    for (const need of needs) {
      const description = chance(0.5) ? sealed(120) : null;
      emit(between(0, 7), { type: 'NeedRecorded', data: { ...fact(0), ...need, description } });
    }
    for (let rights = between(0, 4); rights > 0; rights--) {
      const rightId = pick(rightIds);
      const need = pick(needs);
      const explored = between(1, 20);
      emit(explored, {
        type: 'RightExplored',
        data: { ...fact(explored), rightId, lifeDomain: need.lifeDomain, needId: need.needId },
      });
      if (chance(0.3)) continue;
      const applied = explored + between(1, 15);
      emit(applied, { type: 'RightApplied', data: { ...fact(applied), rightId } });
      const decided = applied + between(5, 60);
      if (chance(0.75)) {
        const amountCents = chance(0.3) ? between(50, 400) * 100 : null;
        emit(decided, { type: 'RightGranted', data: { ...fact(decided), rightId, amountCents, grantedUntil: null } });
      } else {
        emit(decided, { type: 'RightRefused', data: { ...fact(decided), rightId, reason: 'not_eligible' } });
      }
    }
    if (chance(0.35)) {
      const offset = between(5, 40);
      const data = {
        ...fact(offset),
        unmetNeedId: uuid(),
        lifeDomain: pick(LIFE_DOMAINS),
        reason: pick(UNMET_NEED_REASONS),
        needId: null,
      };
      emit(offset, { type: 'UnmetNeedSignalled', data });
    }
    if (chance(0.15)) {
      const offset = between(10, 90);
      const data = { ...fact(offset), caseworkerId: `worker-${between(1, 400)}`, previousCaseworkerId: caseworkerId };
      emit(offset, { type: 'CaseworkerAssigned', data });
    }
    for (let referrals = pick([0, 0, 1, 1, 1, 2]); referrals > 0; referrals--) {
      sendReferral(day + between(3, 60), trajectoryId, person, ocmw, needs);
    }
    const closed = (last += between(20, 200));
    const outcome: IntakeOutcome = pick(['question_answered', 'referred_on', 'rights_realised', 'stopped_by_person']);
    if (chance(0.9)) emit(closed, { type: 'IntakeClosed', data: { ...fact(closed), outcome } });
  }

  function sendReferral(
    day: number,
    trajectoryId: string,
    person: Person,
    from: Place,
    needs: readonly { needId: string; lifeDomain: LifeDomain }[],
  ): void {
    const referralId = uuid();
    const stream = `referral-${referralId}`;
    const local = chance(0.7);
    const other = local ? undefined : chance(0.3) ? pick(places) : undefined;
    const receiver = other
      ? { organisationId: other.ocmwId, responseDeadlineDays: 14, municipalityId: other.municipalityId }
      : { ...pick(regional), municipalityId: null };
    if (receiver.organisationId === from.ocmwId) return;
    const need = pick(needs);
    const fact = (offset: number) => ({ referralId, occurredOn: dateOf(Math.min(days - 1, day + offset)) });
    const emit = (offset: number, event: ReferralEvent, by: string) =>
      at(Math.min(days - 1, day + offset), stream, event, by);
    emit(
      0,
      {
        type: 'ReferralSent',
        data: {
          ...fact(0),
          trajectoryId,
          clientId: person.clientId,
          fromOrganisationId: from.ocmwId,
          toOrganisationId: receiver.organisationId,
          service: null,
          fromMunicipalityId: from.municipalityId,
          toMunicipalityId: receiver.municipalityId,
          lifeDomain: need.lifeDomain,
          needId: need.needId,
          warm: chance(0.5),
          note: chance(0.6) ? sealed(200) : null,
          consentBasis: 'share_for_referrals',
          consentId: null,
          responseDeadlineDays: receiver.responseDeadlineDays,
          dueOn: dateOf(day + receiver.responseDeadlineDays),
          serviceStartDeadlineDays: 30,
          previousReferralId: null,
        },
      },
      from.ocmwId,
    );
    const by = receiver.organisationId;
    if (chance(0.05)) return; // never answered: overdue
    const answered = between(1, Math.round(receiver.responseDeadlineDays * 1.4));
    if (chance(0.2)) {
      emit(
        answered,
        { type: 'ReferralDeclined', data: { ...fact(answered), reason: pick(DECLINE_REASONS), explanation: null } },
        by,
      );
      return;
    }
    emit(answered, { type: 'ReferralAccepted', data: fact(answered) }, by);
    if (chance(0.1)) return;
    const contact = answered + between(1, 14);
    emit(contact, { type: 'ReferralFirstContactMade', data: fact(contact) }, by);
    if (chance(0.15)) {
      emit(
        contact + 7,
        { type: 'ReferralDropped', data: { ...fact(contact + 7), droppedBy: 'person', reason: 'no_show' } },
        by,
      );
      return;
    }
    const started = contact + between(1, 21);
    emit(started, { type: 'ReferralServiceStarted', data: fact(started) }, by);
    const completed = started + between(30, 180);
    emit(completed, { type: 'ReferralCompleted', data: { ...fact(completed), outcome: 'need_answered' } }, by);
  }
}
