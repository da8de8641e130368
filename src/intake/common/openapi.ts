import { applyDecorators, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { IntakeChangeView } from './intake-change.view';

export const INTAKE_TAG = 'Intake trajectories';

/** Every read and write of a trajectory is in the access log, with the person's id (a case file). */
export const INTAKE_ACCESS_LOG = { resource: 'intakeTrajectory', idParam: 'trajectoryId' } as const;

/**
 * A command on a trajectory: `Idempotency-Key`, `If-Match`, and its problems (400 every invalid field, 404 no such
 * trajectory, 409 a rule with its code, 412 a stale `If-Match`; 403 also when another organisation is responsible).
 */
export function ApiIntakeCommand(summary: string, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiTags(INTAKE_TAG),
    ApiCommandEndpoint(summary, description),
    ApiProblemsWith({ problems: { 404: 'No such trajectory (`INTAKE_TRAJECTORY_NOT_FOUND`).' } }, 404),
  );
}

export interface TrajectoryCommandEndpoint {
  /** Below `/intake-trajectories/:trajectoryId/`. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly body: Type;
  /** 201 for commands that record something new with an id of its own; 200 otherwise. */
  readonly status: 200 | 201;
}

/** POST `/intake-trajectories/:trajectoryId/<path>`, for social workers of the responsible organisation. */
export function TrajectoryCommandEndpoint(endpoint: TrajectoryCommandEndpoint): MethodDecorator {
  return applyDecorators(
    Post(`:trajectoryId/${endpoint.path}`),
    HttpCode(endpoint.status),
    Roles('social_worker'),
    AccessLogged({ ...INTAKE_ACCESS_LOG, action: 'write' }),
    ApiIntakeCommand(endpoint.summary, endpoint.description),
    ApiBody({ type: endpoint.body }),
    ApiResponse({ status: endpoint.status, type: IntakeChangeView, description: 'Recorded; the ETag is given.' }),
  );
}
