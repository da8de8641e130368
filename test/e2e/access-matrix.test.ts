import { Controller, Get, Module, Param } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { LightMyRequestResponse } from 'fastify';
import { CurrentUser, Roles } from '../../src/shared/auth/access.decorators';
import { accessDeclaration } from '../../src/shared/auth/access-policy';
import type { AuthenticatedUser, Role } from '../../src/shared/auth/authenticated-user';
import { assertOrganisation } from '../../src/shared/auth/organisation-scope';
import { registeredRoutes } from '../../src/shared/auth/route-inventory';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader, HOME_ORGANISATION, OTHER_ORGANISATION, ROLES } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

/**
 * The access matrix: every endpoint of the booted app, who may call it, and whether it is scoped to the caller's
 * organisation. Each row is run without a token, and for every role from the resource's own organisation and from
 * another one. A route of the app missing here fails the test, and so does a row naming no route.
 *
 * Adding an endpoint is one row:
 *   { method: 'GET', route: '/case-files/:id', access: ['social_worker'], scope: 'organisation',
 *     sample: async ({ organisationId }) => ({ url: `/case-files/${await caseFileOf(organisationId)}` }) },
 *
 * `sample` builds the request (called for every request, so a command can use fresh ids); `organisationId` is the
 * organisation owning the resource, and the caller is of that organisation or of another one. Authorised callers
 * may get 2xx, 400 (the sample is incomplete), 404 (it names nothing) or 409 (a business rule refused it): the
 * guard let them through. Refused ones get 403, the same body whatever the reason.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface SampleContext {
  readonly service: TestApp;
  readonly organisationId: string;
}

interface SampleRequest {
  readonly url: string;
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
}

interface Endpoint {
  readonly method: Method;
  /** The route template as the app registers it (`/case-files/:id`). */
  readonly route: string;
  readonly access: 'public' | readonly Role[];
  /** `organisation`: a caller of another organisation than the resource's is refused. */
  readonly scope?: 'organisation';
  /** Defaults to the route itself, without a body. */
  readonly sample?: (context: SampleContext) => SampleRequest | Promise<SampleRequest>;
}

const ENDPOINTS: readonly Endpoint[] = [
  // Operations
  { method: 'GET', route: '/health', access: 'public' },
  { method: 'GET', route: '/health/ready', access: 'public' },
  { method: 'GET', route: '/metrics', access: 'public' },
  // The OpenAPI document and UI: SwaggerModule's own routes, public by nature and outside Nest's guards.
  { method: 'GET', route: '/docs', access: 'public' },
  { method: 'GET', route: '/docs/', access: 'public' },
  { method: 'GET', route: '/docs/*', access: 'public', sample: () => ({ url: '/docs/swagger-ui.css' }) },
  { method: 'GET', route: '/docs/index.html', access: 'public' },
  { method: 'GET', route: '/docs/LICENSE', access: 'public' },
  { method: 'GET', route: '/docs/swagger-ui-init.js', access: 'public' },
  { method: 'GET', route: '/docs/docs/swagger-ui-init.js', access: 'public' },
  { method: 'GET', route: '/docs-json', access: 'public' },
  { method: 'GET', route: '/docs-yaml', access: 'public' },
  // Access log: region-wide for the data-protection officer (ADR 0007).
  {
    method: 'GET',
    route: '/access-log',
    access: ['dpo'],
    sample: () => ({ url: '/access-log?personId=3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e10' }),
  },
  // Partners (ADR 0009): reference data for every role, changed by admin; contributions for admin, coordinator and
  // analyst. Not scoped: no personal data. Samples without a body get 400, unknown ids 404.
  { method: 'GET', route: '/organisations', access: ROLES },
  { method: 'GET', route: '/labels', access: ROLES },
  {
    method: 'GET',
    route: '/organisations/:organisationId',
    access: ROLES,
    sample: () => ({ url: '/organisations/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }),
  },
  { method: 'POST', route: '/organisations', access: ['admin'] },
  {
    method: 'PATCH',
    route: '/organisations/:organisationId',
    access: ['admin'],
    sample: () => ({ url: '/organisations/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }),
  },
  {
    method: 'POST',
    route: '/organisations/:organisationId/deactivate',
    access: ['admin'],
    sample: () => ({ url: '/organisations/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/deactivate' }),
  },
  { method: 'GET', route: '/municipalities', access: ROLES },
  {
    method: 'GET',
    route: '/municipalities/:municipalityId',
    access: ROLES,
    sample: () => ({ url: '/municipalities/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }),
  },
  { method: 'POST', route: '/municipalities', access: ['admin'] },
  {
    method: 'PATCH',
    route: '/municipalities/:municipalityId',
    access: ['admin'],
    sample: () => ({ url: '/municipalities/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }),
  },
  {
    method: 'POST',
    route: '/municipalities/:municipalityId/populations',
    access: ['admin'],
    sample: () => ({ url: '/municipalities/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/populations' }),
  },
  {
    method: 'PUT',
    route: '/municipalities/:municipalityId/populations/:year',
    access: ['admin'],
    sample: () => ({ url: '/municipalities/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/populations/2024' }),
  },
  { method: 'GET', route: '/rights-catalogue', access: ROLES },
  {
    method: 'GET',
    route: '/rights-catalogue/:rightId',
    access: ROLES,
    sample: () => ({ url: '/rights-catalogue/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }),
  },
  { method: 'POST', route: '/rights-catalogue', access: ['admin'] },
  {
    method: 'PATCH',
    route: '/rights-catalogue/:rightId',
    access: ['admin'],
    sample: () => ({ url: '/rights-catalogue/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }),
  },
  {
    method: 'POST',
    route: '/rights-catalogue/:rightId/retire',
    access: ['admin'],
    sample: () => ({ url: '/rights-catalogue/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/retire' }),
  },
  { method: 'GET', route: '/contribution-schedule', access: ['admin', 'coordinator', 'analyst'] },
  { method: 'POST', route: '/contribution-schedule/rate-periods', access: ['admin'] },
  {
    method: 'POST',
    route: '/contribution-schedule/rate-periods/:ratePeriodId/end',
    access: ['admin'],
    sample: () => ({ url: '/contribution-schedule/rate-periods/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/end' }),
  },
  {
    method: 'POST',
    route: '/contribution-schedule/rate-periods/:ratePeriodId/withdraw',
    access: ['admin'],
    sample: () => ({ url: '/contribution-schedule/rate-periods/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/withdraw' }),
  },
  { method: 'POST', route: '/contribution-schedule/co-funding-agreements', access: ['admin'] },
  {
    method: 'POST',
    route: '/contribution-schedule/co-funding-agreements/:agreementId/end',
    access: ['admin'],
    sample: () => ({ url: '/contribution-schedule/co-funding-agreements/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/end' }),
  },
  {
    method: 'POST',
    route: '/contribution-schedule/co-funding-agreements/:agreementId/withdraw',
    access: ['admin'],
    sample: () => ({
      url: '/contribution-schedule/co-funding-agreements/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/withdraw',
    }),
  },
  {
    method: 'GET',
    route: '/contributions/:workingYear',
    access: ['admin', 'coordinator', 'analyst'],
    sample: () => ({ url: '/contributions/2025' }),
  },
  // Clients (docs/adr/0013): social workers of an organisation that sees the person (scoped: the sample's person is
  // registered by the resource's organisation); the data-protection officer region-wide (erasure, subject access).
  { method: 'POST', route: '/clients', access: ['social_worker'] },
  { method: 'POST', route: '/clients/lookups', access: ['social_worker'] },
  { method: 'POST', route: '/clients/searches', access: ['social_worker'] },
  // A person's trajectories and referrals (ADR 0028): each organisation its own, so not refused to another one (an
  // empty list); scoping is tested in transfer-overview.test.ts and hand-off.test.ts.
  {
    method: 'GET',
    route: '/clients/:clientId/trajectories',
    access: ['social_worker'],
    sample: () => ({ url: '/clients/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/trajectories' }),
  },
  {
    method: 'GET',
    route: '/clients/:clientId/referrals',
    access: ['social_worker'],
    sample: () => ({ url: '/clients/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/referrals' }),
  },
  {
    method: 'GET',
    route: '/clients/:clientId',
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => ({
      url: `/clients/${(await clientOf(service, organisationId)).clientId}`,
    }),
  },
  {
    method: 'POST',
    route: '/clients/:clientId/consents',
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => ({
      url: `/clients/${(await clientOf(service, organisationId)).clientId}/consents`,
      payload: { scope: 'share_for_referrals' },
    }),
  },
  {
    method: 'POST',
    route: '/clients/:clientId/consents/:consentId/withdrawal',
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => {
      const { clientId, consentId } = await clientOf(service, organisationId);
      return { url: `/clients/${clientId}/consents/${consentId}/withdrawal` };
    },
  },
  {
    method: 'POST',
    route: '/clients/:clientId/moves',
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => {
      const { clientId, municipalityId } = await clientOf(service, organisationId);
      return { url: `/clients/${clientId}/moves`, payload: { municipalityId, effectiveDate: '2025-01-01' } };
    },
  },
  {
    method: 'POST',
    route: '/clients/:clientId/contact-details',
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => ({
      url: `/clients/${(await clientOf(service, organisationId)).clientId}/contact-details`,
      payload: { preferredLanguage: 'nl' },
    }),
  },
  {
    method: 'POST',
    route: '/clients/:clientId/erasure',
    access: ['dpo'],
    sample: () => ({ url: '/clients/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/erasure' }),
  },
  {
    method: 'GET',
    route: '/clients/:clientId/subject-access',
    access: ['dpo'],
    sample: () => ({ url: '/clients/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/subject-access' }),
  },
  // Referrals (docs/adr/0015): social workers of the sending and receiving organisations (scoped: the sample is a
  // referral sent by the resource's organisation); lists are always the caller's own; coordinators region-wide.
  { method: 'POST', route: '/referrals', access: ['social_worker'] },
  { method: 'GET', route: '/referrals/inbox', access: ['social_worker'] },
  { method: 'GET', route: '/referrals/outbox', access: ['social_worker'] },
  { method: 'GET', route: '/referrals/follow-up', access: ['social_worker'] },
  ...(
    [
      ['POST', '/acceptance'],
      ['POST', '/decline'],
      ['POST', '/first-contact'],
      ['POST', '/service-start'],
      ['POST', '/completion'],
      ['POST', '/drop'],
      ['POST', '/referral-again'],
      ['GET', '/messages'],
      ['POST', '/messages'],
    ] as const
  ).map(([method, path]): Endpoint => ({
    method,
    route: `/referrals/:referralId${path}`,
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => ({
      url: `/referrals/${await referralOf(service, organisationId)}${path}`,
    }),
  })),
  // Read by its two organisations' social workers, and (without anything personal) by any coordinator of the region,
  // who may revoke it (docs/adr/0026): not scoped to one organisation (unknown id: 404).
  {
    method: 'GET',
    route: '/referrals/:referralId',
    access: ['social_worker', 'coordinator'],
    sample: () => ({ url: '/referrals/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11' }),
  },
  // Revoked by the sender or any coordinator of the region: not scoped to one organisation (unknown id: 404).
  {
    method: 'POST',
    route: '/referrals/:referralId/revocation',
    access: ['social_worker', 'coordinator'],
    sample: () => ({ url: '/referrals/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/revocation' }),
  },
  // The warm hand-off: the receiver only, while open and consented (test/e2e/hand-off.test.ts scopes it); an unknown
  // id here: 404 for social workers of any organisation.
  {
    method: 'GET',
    route: '/referrals/:referralId/hand-off',
    access: ['social_worker'],
    sample: () => ({ url: '/referrals/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/hand-off' }),
  },
  // Notifications (docs/adr/0029): always the caller's own inbox. The stream's sample repeats a query parameter (a
  // 400 after the guards), so that an admitted caller gets an answer instead of a stream that never ends.
  { method: 'GET', route: '/notifications', access: ['social_worker'] },
  {
    method: 'GET',
    route: '/notifications/stream',
    access: ['social_worker'],
    sample: () => ({ url: '/notifications/stream?probe=1&probe=2' }),
  },
  { method: 'POST', route: '/notifications/read', access: ['social_worker'] },
  {
    method: 'POST',
    route: '/notifications/:notificationId/read',
    access: ['social_worker'],
    sample: () => ({ url: '/notifications/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/read' }),
  },
  { method: 'GET', route: '/coordination/referrals/status-counts', access: ['coordinator'] },
  { method: 'GET', route: '/coordination/referrals/overdue', access: ['coordinator'] },
  { method: 'GET', route: '/coordination/referrals/flows', access: ['coordinator'] },
  { method: 'GET', route: '/coordination/referrals/response-times', access: ['coordinator'] },
  // Intake trajectories (docs/adr/0014): social workers of the organisation responsible for the trajectory (scoped:
  // the sample is a trajectory opened by the resource's organisation; commands get an empty body, so an admitted
  // caller gets 400 or 409 and the sample stays open); opening needs a person the organisation sees; the caseload is
  // always the caller's own.
  {
    method: 'POST',
    route: '/intake-trajectories',
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => ({
      url: '/intake-trajectories',
      payload: { clientId: (await clientOf(service, organisationId)).clientId, origin: 'came_in_themselves' },
    }),
  },
  { method: 'GET', route: '/intake-trajectories', access: ['social_worker'] },
  ...(
    [
      ['GET', ''],
      ['POST', '/assessments'],
      ['POST', '/needs'],
      ['POST', '/rights'],
      ['POST', '/rights/:rightId/application'],
      ['POST', '/rights/:rightId/grant'],
      ['POST', '/rights/:rightId/refusal'],
      ['POST', '/unmet-needs'],
      ['POST', '/caseworker'],
      ['POST', '/transfer'],
      ['POST', '/closure'],
      ['POST', '/reopening'],
    ] as const
  ).map(([method, path]): Endpoint => ({
    method,
    route: `/intake-trajectories/:trajectoryId${path}`,
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => {
      const subResource = path.replace(':rightId', '3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11');
      return {
        url: `/intake-trajectories/${await trajectoryOf(service, organisationId)}${subResource}`,
        ...(method === 'POST' ? { payload: {} } : {}),
      };
    },
  })),
  // Impact measurement (docs/analysts.md): aggregates for analysts and coordinators, region-wide (no person).
  // A member's analyst reads too, their own municipality and the region (ADR 0031).
  { method: 'GET', route: '/impact/indicators', access: ['analyst', 'coordinator', 'member_analyst'] },
  {
    method: 'GET',
    route: '/impact/indicators/:code',
    access: ['analyst', 'coordinator', 'member_analyst'],
    sample: () => ({ url: '/impact/indicators/reach_per_1000?period=year' }),
  },
  // Casework (docs/casework.md): notes and tasks on a trajectory for the organisation responsible for it; a task's
  // steps for the organisation that planned it; "mine" and "overdue" are always the caller's own.
  ...(
    [
      ['GET', '/notes'],
      ['POST', '/notes'],
      ['GET', '/tasks'],
      ['POST', '/tasks'],
    ] as const
  ).map(([method, path]): Endpoint => ({
    method,
    route: `/intake-trajectories/:trajectoryId${path}`,
    access: ['social_worker'],
    scope: 'organisation',
    sample: async ({ service, organisationId }) => ({
      url: `/intake-trajectories/${await trajectoryOf(service, organisationId)}${path}`,
      ...(method === 'POST' ? { payload: {} } : {}),
    }),
  })),
  { method: 'GET', route: '/tasks/mine', access: ['social_worker'] },
  { method: 'GET', route: '/tasks/overdue', access: ['social_worker'] },
  ...(
    [
      ['GET', ''],
      ['POST', '/reassign'],
      ['POST', '/reschedule'],
      ['POST', '/complete'],
      ['POST', '/cancel'],
    ] as const
  ).map(([method, path]): Endpoint => ({
    method,
    route: `/tasks/:taskId${path}`,
    access: ['social_worker'],
    scope: 'organisation',
    // An empty body: an admitted caller gets 400 and the task stays open for the next rows.
    sample: async ({ service, organisationId }) => ({
      url: `/tasks/${await taskOf(service, organisationId)}${path}`,
      ...(method === 'POST' ? { payload: {} } : {}),
    }),
  })),
  // The probe below: an organisation-scoped endpoint, so that the scoped half of the matrix is exercised today.
  {
    method: 'GET',
    route: '/matrix-probe/organisations/:organisationId',
    access: ['social_worker', 'coordinator'],
    scope: 'organisation',
    sample: ({ organisationId }) => ({ url: `/matrix-probe/organisations/${organisationId}` }),
  },
];

interface SampleClient {
  readonly clientId: string;
  readonly consentId: string;
  readonly municipalityId: string;
}

type Samples<T> = WeakMap<TestApp, Map<string, Promise<T>>>;

/** One sample per app and organisation: made on first use, shared by every row after. */
function oncePerOrganisation<T>(
  samples: Samples<T>,
  service: TestApp,
  organisationId: string,
  make: () => Promise<T>,
): Promise<T> {
  const byOrganisation = samples.get(service) ?? new Map<string, Promise<T>>();
  samples.set(service, byOrganisation);
  let sample = byOrganisation.get(organisationId);
  if (!sample) {
    sample = make();
    byOrganisation.set(organisationId, sample);
  }
  return sample;
}

/** Registers a person as a social worker of `organisationId`; `familyName` keeps samples apart. */
async function registerSamplePerson(
  service: TestApp,
  organisationId: string,
  municipalityId: string,
  familyName: string,
): Promise<string> {
  const registered = await service.request({
    method: 'POST',
    url: '/clients',
    headers: await authHeader({ role: 'social_worker', organisationId }),
    payload: {
      givenName: 'Matrix',
      familyName: `${familyName} ${organisationId.slice(0, 8)}`,
      birthDate: '1980-01-01',
      municipalityId,
      household: { adults: 1, children: 0 },
      mainIncomeSource: 'unknown',
    },
  });
  return registered.json<{ clientId: string }>().clientId;
}

/**
 * Opens an intake for a new person of `organisationId`'s own: never the person of `clientOf`, for which the row of
 * POST /intake-trajectories opens one.
 */
async function openSampleTrajectory(service: TestApp, organisationId: string, familyName: string): Promise<string> {
  const { municipalityId } = await clientOf(service, organisationId);
  const clientId = await registerSamplePerson(service, organisationId, municipalityId, familyName);
  const opened = await service.request({
    method: 'POST',
    url: '/intake-trajectories',
    headers: await authHeader({ role: 'social_worker', organisationId }),
    payload: { clientId, origin: 'came_in_themselves' },
  });
  if (opened.statusCode !== 201) throw new Error(`sample trajectory: ${opened.statusCode} ${opened.body}`);
  return opened.json<{ trajectoryId: string }>().trajectoryId;
}

const sampleClients: Samples<SampleClient> = new WeakMap();

/** A person registered by a social worker of `organisationId`, with a consent, once per app and organisation. */
function clientOf(service: TestApp, organisationId: string): Promise<SampleClient> {
  return oncePerOrganisation(sampleClients, service, organisationId, async () => {
    const headers = await authHeader({ role: 'social_worker', organisationId });
    const municipalities = await service.request({ method: 'GET', url: '/municipalities?limit=1', headers });
    const municipalityId = municipalities.json<{ items: { municipalityId: string }[] }>().items[0]!.municipalityId;
    const clientId = await registerSamplePerson(service, organisationId, municipalityId, 'Sample');
    const consent = await service.request({
      method: 'POST',
      url: `/clients/${clientId}/consents`,
      headers,
      payload: { scope: 'reporting' },
    });
    return { clientId, consentId: consent.json<{ consentId: string }>().consentId, municipalityId };
  });
}

const sampleTrajectories: Samples<string> = new WeakMap();

/** An intake trajectory opened by a social worker of `organisationId` for a person of its own, once per app. */
function trajectoryOf(service: TestApp, organisationId: string): Promise<string> {
  return oncePerOrganisation(sampleTrajectories, service, organisationId, () =>
    openSampleTrajectory(service, organisationId, 'Intake'),
  );
}

const sampleReferrals: Samples<string> = new WeakMap();

/**
 * A referral sent by a social worker of `organisationId` (from an intake of its own, not `trajectoryOf`'s, which
 * other rows close, as an anonymous signal to a partner of the reference data), once per app and organisation.
 */
function referralOf(service: TestApp, organisationId: string): Promise<string> {
  return oncePerOrganisation(sampleReferrals, service, organisationId, async () => {
    const headers = await authHeader({ role: 'social_worker', organisationId });
    const trajectoryId = await openSampleTrajectory(service, organisationId, 'Referral');
    const organisations = await service.request({ method: 'GET', url: '/organisations?type=ocmw&limit=1', headers });
    const sent = await service.request({
      method: 'POST',
      url: '/referrals',
      headers,
      payload: {
        trajectoryId,
        toOrganisationId: organisations.json<{ items: { organisationId: string }[] }>().items[0]!.organisationId,
        lifeDomain: 'debts',
        consentBasis: 'none',
      },
    });
    if (sent.statusCode !== 201) throw new Error(`sample referral: ${sent.statusCode} ${sent.body}`);
    return sent.json<{ referralId: string }>().referralId;
  });
}

const sampleTasks: Samples<string> = new WeakMap();

/** A task planned by a social worker of `organisationId` on an intake of its own, once per app and organisation. */
function taskOf(service: TestApp, organisationId: string): Promise<string> {
  return oncePerOrganisation(sampleTasks, service, organisationId, async () => {
    const trajectoryId = await openSampleTrajectory(service, organisationId, 'Task');
    const planned = await service.request({
      method: 'POST',
      url: `/intake-trajectories/${trajectoryId}/tasks`,
      headers: await authHeader({ role: 'social_worker', organisationId }),
      payload: { kind: 'call_back', inMonths: 1 },
    });
    if (planned.statusCode !== 201) throw new Error(`sample task: ${planned.statusCode} ${planned.body}`);
    return planned.json<{ taskId: string }>().taskId;
  });
}

/** A scoped endpoint as a capability writes one: role check by the guard, organisation check in the handler. */
@Controller('matrix-probe')
class ScopedProbeController {
  @Get('organisations/:organisationId')
  @Roles('social_worker', 'coordinator')
  read(@Param('organisationId') organisationId: string, @CurrentUser() user: AuthenticatedUser) {
    assertOrganisation(user, organisationId);
    return { organisationId };
  }
}

@Module({ controllers: [ScopedProbeController] })
class ScopedProbeModule {}

const AUTHORISED = (status: number) => (status >= 200 && status < 300) || [400, 404, 409].includes(status);

function describeResponse(response: LightMyRequestResponse): string {
  return `${response.statusCode} ${response.body.slice(0, 200)}`;
}

describe.each(testDatabaseKinds())('the access matrix on %s', (kind) => {
  let service: TestApp;

  beforeAll(async () => {
    // Rate limits far above the matrix's few hundred requests.
    service = await startTestApp({
      kind,
      extraModules: [ScopedProbeModule],
      env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' },
    });
  });
  afterAll(() => service.dispose());

  const send = async (endpoint: Endpoint, organisationId: string, headers: Record<string, string>) => {
    const sample = (await endpoint.sample?.({ service, organisationId })) ?? { url: endpoint.route };
    return service.request({
      method: endpoint.method,
      url: sample.url,
      headers: { ...sample.headers, ...headers },
      ...(sample.payload === undefined ? {} : { payload: sample.payload as object }),
    });
  };

  it('has a row for every route of the app, and a route for every row', () => {
    const routes = registeredRoutes(service.app.getHttpAdapter().getInstance())
      // Fastify adds a HEAD route for every GET; it runs the same handler and guards.
      .filter((route) => route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    const rows = ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.route}`);
    expect({ missingFromTheMatrix: routes.filter((route) => !rows.includes(route)) }).toEqual({
      missingFromTheMatrix: [],
    });
    expect({ rowsWithoutARoute: rows.filter((row) => !routes.includes(row)) }).toEqual({ rowsWithoutARoute: [] });
  });

  it('finds @Public or @Roles on every handler of every controller', () => {
    const undeclared: string[] = [];
    let handlers = 0;
    for (const module of service.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        if (typeof metatype !== 'function') continue;
        const prototype = metatype.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          handlers += 1;
          if (accessDeclaration(handler, metatype).kind === 'undeclared') {
            undeclared.push(`${metatype.name}.${name} (${String(Reflect.getMetadata(PATH_METADATA, handler))})`);
          }
        }
      }
    }
    expect(handlers).toBeGreaterThanOrEqual(5);
    expect(undeclared).toEqual([]);
  });

  it('documents the bearer scheme and, on each protected operation, its roles', async () => {
    const document = (await service.request({ method: 'GET', url: '/docs-json' })).json();
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const endpoint of ENDPOINTS) {
      if (endpoint.access === 'public') continue;
      const path = endpoint.route.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[endpoint.method.toLowerCase()];
      expect({ path, security: operation?.security }).toEqual({ path, security: [{ bearer: [] }] });
      for (const role of endpoint.access) expect(operation.description).toContain(`\`${role}\``);
    }
  });

  describe.each(ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.route}`, endpoint] as const))(
    '%s',
    (_name, endpoint) => {
      it(
        endpoint.access === 'public' ? 'is open without a token' : 'refuses a call without a token (401)',
        async () => {
          const response = await send(endpoint, HOME_ORGANISATION, {});
          if (endpoint.access === 'public') {
            // Open means no 401/403; /docs/LICENSE is a route of the UI whose file swagger-ui-dist lacks (404).
            expect([401, 403]).not.toContain(response.statusCode);
            expect(response.statusCode).toBeLessThan(500);
          } else {
            expect(describeResponse(response)).toMatch(/^401 /);
            expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
            expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
          }
        },
      );

      if (endpoint.access === 'public') return;
      const allowed = endpoint.access;

      it.each(ROLES)('as %s, of the own and of another organisation', async (role) => {
        for (const callerOrganisation of [HOME_ORGANISATION, OTHER_ORGANISATION]) {
          const own = callerOrganisation === HOME_ORGANISATION;
          const response = await send(
            endpoint,
            HOME_ORGANISATION,
            await authHeader({ role, organisationId: callerOrganisation }),
          );
          const admitted = allowed.includes(role) && (own || endpoint.scope !== 'organisation');
          const context = `${role} of ${own ? 'the own' : 'another'} organisation: ${describeResponse(response)}`;
          if (admitted) {
            expect({ context, authorised: AUTHORISED(response.statusCode) }).toEqual({ context, authorised: true });
          } else {
            expect({ context, status: response.statusCode }).toEqual({ context, status: 403 });
            // The same body whether the role or the organisation was wrong: nothing about the resource.
            expect(response.json()).toMatchObject({
              code: 'FORBIDDEN',
              title: 'Access denied',
              detail: 'You may not do this.',
            });
          }
        }
      });
    },
  );
});
