import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ClientEvent } from '../../src/clients';
import { mintDevelopmentToken } from '../../src/shared/auth/development-tokens';
import { createPool } from '../../src/shared/database/pg-pool';
import { brusselsDateOf } from '../../src/shared/domain/calendar';
import type { SealedPersonalData } from '../../src/shared/domain/sealed-personal-data';
import type { EventData, JsonObject } from '../../src/shared/event-store';
import { PostgresEventStore } from '../../src/shared/event-store/postgres';

type Headers = Record<string, string>;

interface Organisation {
  readonly organisationId: string;
  readonly name: string;
  readonly type: string;
  readonly municipalityId: string | null;
  readonly responseDeadlineDays: number | null;
  readonly active?: boolean;
}

/** Appends at once while preparing (the event store's pool). */
const CONCURRENCY = 8;
const PREPARE_DEADLINE_MS = 5 * 60_000;
/** Where a real registration has sealed personal data: random bytes of a realistic size (nobody can open them). */
const SEALED: SealedPersonalData = {
  $pii: {
    v: 1,
    kid: 'bench',
    iv: 'AAAAAAAAAAAAAAAA',
    ct: Buffer.alloc(180, 7).toString('base64'),
    tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
  },
};

/**
 * The bodies the command runs send, one each: open intake needs a person the caller's organisation may see and who
 * has no open intake there yet (one per person and organisation, docs/adr/0014); send referral needs an open
 * trajectory of the caller's organisation, taken from what the open-intake runs answered.
 */
export class CommandSupply {
  private nextPerson = 0;
  private nextTrajectory = 0;
  private readonly trajectories: string[] = [];
  private peopleReused = 0;
  private trajectoriesReused = 0;
  private referralsSent = 0;

  constructor(
    /** A social worker of the sending OCMW. */
    readonly socialWorker: Headers,
    private readonly people: readonly string[],
    private readonly receiverId: string,
  ) {}

  openIntakeBody(): object {
    // Only if the runs need more than was prepared: the request is then refused (409) and counts as an error.
    if (this.nextPerson >= this.people.length) this.peopleReused++;
    const clientId = this.people[this.nextPerson++ % this.people.length]!;
    return { clientId, origin: 'came_in_themselves' };
  }

  /** The open-intake answers: each trajectory opened is one send-referral request later. */
  opened(status: number, body: string): void {
    if (status !== 201) return;
    const trajectoryId = (JSON.parse(body) as { trajectoryId?: unknown }).trajectoryId;
    if (typeof trajectoryId === 'string') this.trajectories.push(trajectoryId);
  }

  sendReferralBody(): object {
    if (this.trajectories.length === 0) throw new Error('no trajectory to send a referral from: open intake first');
    // A trajectory may send several referrals, so running short only makes some trajectories send two.
    if (this.nextTrajectory >= this.trajectories.length) this.trajectoriesReused++;
    const trajectoryId = this.trajectories[this.nextTrajectory++ % this.trajectories.length]!;
    this.referralsSent++;
    // No note: sealing one would first create the person's data key, which registration through the API does.
    return { trajectoryId, toOrganisationId: this.receiverId, lifeDomain: 'debts', warm: false };
  }

  describe(): string {
    return (
      `${this.people.length.toLocaleString('en-US')} people prepared, ${this.nextPerson.toLocaleString('en-US')} ` +
      `intakes requested, ${this.referralsSent.toLocaleString('en-US')} referrals from ` +
      `${this.trajectories.length.toLocaleString('en-US')} trajectories`
    );
  }

  /** Empty when every request had a body of its own. */
  shortfall(): string {
    return [
      ...(this.peopleReused > 0 ? [`${this.peopleReused} open-intake requests reused a person (refused)`] : []),
      ...(this.trajectoriesReused > 0 ? [`${this.trajectoriesReused} referrals reused a trajectory`] : []),
    ].join('; ');
  }
}

/**
 * Finds the sending OCMW and a receiver that accepts referrals in the reference data the service loaded, then
 * writes `people` people of the sender's municipality, each registered by the sender with a `share_for_referrals`
 * consent, straight into the service's event store: the two events registration and consent through the API append
 * (the command executor's metadata; sealed personal data of a realistic size), `CONCURRENCY` streams at a time.
 * Through the API it would take minutes (a registration creates and wraps a data key and waits for three read
 * models); the projections catch up on these before the timed runs. Untimed preparation; bounded by a deadline.
 */
export async function prepareCommandData(options: {
  readonly port: number;
  readonly databaseUrl: string;
  readonly secret: string;
  readonly admin: Headers;
  readonly people: number;
  readonly log: (line: string) => void;
}): Promise<CommandSupply> {
  const response = await fetch(`http://127.0.0.1:${options.port}/organisations?limit=200`, { headers: options.admin });
  if (response.status !== 200) throw new Error(`GET /organisations answered ${response.status}`);
  const { items } = (await response.json()) as { items: Organisation[] };
  const sender = items.find((item) => item.name === 'OCMW Kortrijk') ?? items.find((item) => item.type === 'ocmw');
  const receiver =
    items.find((item) => item.name === 'OCMW Menen') ??
    items.find((item) => item !== sender && item.responseDeadlineDays !== null && item.active !== false);
  const municipalityId = sender?.municipalityId;
  if (!municipalityId || receiver?.responseDeadlineDays == null) {
    throw new Error('the reference data has no OCMW to send from, or no organisation that accepts referrals');
  }
  const userId = randomUUID();
  const socialWorker = {
    authorization: `Bearer ${await mintDevelopmentToken(options.secret, {
      userId,
      organisationId: sender.organisationId,
      roles: ['social_worker'],
    })}`,
  };

  const pool = createPool(options.databaseUrl, { max: CONCURRENCY, applicationName: 'onthaal-bench-prepare' });
  const store = new PostgresEventStore(pool);
  const started = performance.now();
  const deadline = Date.now() + PREPARE_DEADLINE_MS;
  const today = brusselsDateOf(new Date());
  const people: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.people && Date.now() < deadline) {
      next++;
      const clientId = randomUUID();
      const events: ClientEvent[] = [
        {
          type: 'ClientRegistered',
          data: {
            clientId,
            registeredBy: sender.organisationId,
            registeredOn: today,
            municipalityId,
            household: { adults: 1, children: 1 },
            mainIncomeSource: 'social_integration_income',
            birthYear: 1980,
            personalData: SEALED,
          },
        },
        {
          type: 'ClientConsentGiven',
          data: {
            clientId,
            consentId: randomUUID(),
            scope: 'share_for_referrals',
            organisationId: null,
            validFrom: today,
            validUntil: null,
            recordedBy: sender.organisationId,
          },
        },
      ];
      const metadata = {
        actorId: userId,
        organisationId: sender.organisationId,
        roles: ['social_worker'],
        correlationId: randomUUID(),
        occurredAt: new Date().toISOString(),
      };
      const data: EventData[] = events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata,
      }));
      await store.appendToStream(`client-${clientId}`, data, { expectedRevision: 'no_stream' });
      people.push(clientId);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await store.close();
    await pool.end().catch(() => undefined);
  }
  if (people.length < options.people) {
    throw new Error(`prepared ${people.length} of ${options.people} people before the deadline`);
  }
  const seconds = (performance.now() - started) / 1000;
  options.log(
    `${people.length.toLocaleString('en-US')} people registered with a consent in ${seconds.toFixed(1)} s ` +
      `(appended, untimed preparation): ${sender.name} → ${receiver.name}`,
  );
  return new CommandSupply(socialWorker, people, receiver.organisationId);
}
