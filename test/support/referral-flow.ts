import type { LightMyRequestResponse } from 'fastify';
import { brusselsDateOf } from '../../src/shared/domain/calendar';
import type { Clock } from '../../src/shared/domain/clock';
import type { TestApp } from './app';
import { authHeader } from './auth';

export type Headers = Record<string, string>;

/** The organisations of the reference data a referral flow uses, and a social worker's headers for each. */
export interface ReferralParties {
  readonly kortrijk: string;
  readonly ocmwKortrijk: string;
  readonly ocmwMenen: string;
  readonly caw: string;
  readonly w13: string;
  readonly as: Record<'kortrijk' | 'menen' | 'caw' | 'dpo', Headers>;
}

/** Looks the reference data's organisations up and mints the tokens of their social workers and W13's DPO. */
export async function referralParties(service: TestApp): Promise<ReferralParties> {
  const admin = await authHeader({ role: 'admin' });
  const list = async <T>(url: string) =>
    (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
  const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
  const organisations = await list<{ name: string; organisationId: string }>('/organisations');
  const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
  const ocmwKortrijk = organisation('OCMW Kortrijk');
  const ocmwMenen = organisation('OCMW Menen');
  const caw = organisation('CAW Zuid-West-Vlaanderen');
  const w13 = organisation('W13');
  return {
    kortrijk: municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId,
    ocmwKortrijk,
    ocmwMenen,
    caw,
    w13,
    as: {
      kortrijk: await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk }),
      menen: await authHeader({ role: 'social_worker', organisationId: ocmwMenen }),
      caw: await authHeader({ role: 'social_worker', organisationId: caw }),
      dpo: await authHeader({ role: 'dpo', organisationId: w13 }),
    },
  };
}

/** Requests of a test, and the answer's JSON once its status is the one expected (the body shown otherwise). */
export function requests(service: TestApp) {
  const request = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const ok = <T = Record<string, unknown>>(response: LightMyRequestResponse, status = 200): T => {
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    return response.json<T>();
  };
  return { request, ok };
}

/**
 * A referral from OCMW Kortrijk to OCMW Menen for a new person registered with a `share_for_referrals` consent,
 * from an intake trajectory of their own: what a test of a referral's later life starts from.
 */
export async function sentReferral(
  service: TestApp,
  parties: ReferralParties,
  familyName: string,
): Promise<{ clientId: string; trajectoryId: string; referralId: string }> {
  const { request, ok } = requests(service);
  const { as } = parties;
  const { clientId } = ok<{ clientId: string }>(
    await request('POST', '/clients', as.kortrijk, {
      givenName: 'Nadia',
      familyName,
      birthDate: '1990-03-14',
      municipalityId: parties.kortrijk,
      household: { adults: 1, children: 1 },
      mainIncomeSource: 'social_integration_income',
    }),
    201,
  );
  ok(await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'share_for_referrals' }), 201);
  const { trajectoryId } = ok<{ trajectoryId: string }>(
    await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
    201,
  );
  const { referralId } = ok<{ referralId: string }>(
    await request('POST', '/referrals', as.kortrijk, {
      trajectoryId,
      toOrganisationId: parties.ocmwMenen,
      lifeDomain: 'debts',
      warm: true,
      note: 'Verwezen voor schuldbemiddeling.',
    }),
    201,
  );
  return { clientId, trajectoryId, referralId };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The app's clock: the real time, moved forward by a test to see a deadline pass. */
export class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceDays(days: number): void {
    this.offsetMs += days * DAY_MS;
  }
  reset(): void {
    this.offsetMs = 0;
  }
  /** Today in Belgium by this clock, as the service dates what it records. */
  today(): string {
    return brusselsDateOf(this.now());
  }
}
