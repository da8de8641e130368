import { applyDecorators, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { WaitsFor } from '../../shared/http/answer';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { TASKS_PROJECTION } from '../tasks/tasks.projection';
import { TaskView } from '../tasks/task.view';

export const CASE_NOTES_TAG = 'Casework: case notes';
export const TASKS_TAG = 'Casework: tasks';

/** A trajectory's notes and tasks are its case file: every read and write is in the access log, with the person. */
export const CASEWORK_TRAJECTORY_ACCESS_LOG = { resource: 'intakeTrajectory', idParam: 'trajectoryId' } as const;
export const TASK_ACCESS_LOG = { resource: 'task', idParam: 'taskId' } as const;

/** POST `/tasks/:taskId/<path>`: a step on an open task, for social workers of the organisation that planned it. */
export function TaskStepEndpoint(path: string, summary: string, description: string, body: Type): MethodDecorator {
  return applyDecorators(
    Post(`:taskId/${path}`),
    HttpCode(200),
    Roles('social_worker'),
    AccessLogged({ ...TASK_ACCESS_LOG, action: 'write' }),
    WaitsFor(TASKS_PROJECTION),
    ApiCommandEndpoint(
      summary,
      `${description} For social workers of the organisation that planned the task (others: 403); a completed ` +
        'or cancelled task: 409 `TASK_NOT_OPEN`. Refusals: docs/casework.md.',
    ),
    ApiBody({ type: body }),
    ApiOkResponse({ type: TaskView, description: 'The task after the step; `ETag` is its new revision.' }),
    ApiProblemsWith({ problems: { 404: 'No such task (`TASK_NOT_FOUND`).' } }, 404),
  );
}
