import { given } from '../../shared/domain/decider-specification';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { NotedTrajectory } from './case-notes.decider';
import { addMonths } from './due-dates';
import { type PlanTask, taskDecider } from './task.decider';
import type { TaskEvent, TaskPlanned } from './task.events';

const taskId = '7d0e7c3d-0000-4000-8000-000000000001';
const trajectoryId = '7d0e7c3d-0000-4000-8000-000000000002';
const clientId = '7d0e7c3d-0000-4000-8000-000000000003';
const ocmwKortrijk = '7d0e7c3d-0000-4000-8000-0000000000a1';
const sealed: SealedPersonalData = { $pii: { v: 1, kid: clientId, iv: 'iv', ct: 'ct', tag: 'tag' } };
const trajectory: NotedTrajectory = { trajectoryId, clientId, organisationId: ocmwKortrijk, status: 'open' };
const TODAY = '2026-12-07';

const plan = (overrides: Partial<PlanTask> = {}): PlanTask => ({
  type: 'PlanTask',
  taskId,
  trajectory,
  assigneeId: 'sw-kortrijk',
  kind: 'call_back',
  due: { on: '2026-12-10' },
  description: sealed,
  today: TODAY,
  ...overrides,
});

const planned: TaskPlanned = {
  type: 'TaskPlanned',
  data: {
    taskId,
    trajectoryId,
    clientId,
    organisationId: ocmwKortrijk,
    assigneeId: 'sw-kortrijk',
    kind: 'call_back',
    dueOn: '2026-12-10',
    plannedOn: TODAY,
    description: sealed,
  },
};
const completed: TaskEvent = { type: 'TaskCompleted', data: { taskId, occurredOn: TODAY, reason: null } };

describe('task decider', () => {
  describe('planning', () => {
    it('plans a task on an open trajectory for the assignee, due on the day given', () => {
      expect(given(taskDecider).when(plan())).toEqual([planned]);
    });

    it('plans a re-assessment N months ahead of today', () => {
      const [event] = given(taskDecider).when(plan({ kind: 'reassessment', due: { inMonths: 6 } }));
      expect(event).toMatchObject({ type: 'TaskPlanned', data: { kind: 'reassessment', dueOn: '2027-06-07' } });
    });

    it('accepts a task due today', () => {
      expect(given(taskDecider).when(plan({ due: { on: TODAY } }))).toHaveLength(1);
    });

    it('refuses a due date in the past, naming dueOn', () => {
      expect(given(taskDecider).refusalOf(plan({ due: { on: '2026-12-06' } }))).toBe('VALIDATION_FAILED');
    });

    it('refuses a task on a closed trajectory', () => {
      expect(given(taskDecider).refusalOf(plan({ trajectory: { ...trajectory, status: 'closed' } }))).toBe(
        'INTAKE_CLOSED',
      );
    });

    it('writes nothing again for a task planned already', () => {
      expect(given(taskDecider, [planned]).when(plan())).toEqual([]);
    });
  });

  describe('while open', () => {
    it('re-assigns to another user, and to the same one writes nothing', () => {
      expect(given(taskDecider, [planned]).when({ type: 'ReassignTask', assigneeId: 'sw-2' })).toEqual([
        { type: 'TaskReassigned', data: { taskId, assigneeId: 'sw-2' } },
      ]);
      expect(given(taskDecider, [planned]).when({ type: 'ReassignTask', assigneeId: 'sw-kortrijk' })).toEqual([]);
    });

    it('re-dates, by a day or in months, never into the past', () => {
      const spec = given(taskDecider, [planned]);
      expect(spec.when({ type: 'RescheduleTask', due: { on: '2026-12-20' }, today: TODAY })).toEqual([
        { type: 'TaskRescheduled', data: { taskId, dueOn: '2026-12-20' } },
      ]);
      expect(spec.when({ type: 'RescheduleTask', due: { inMonths: 1 }, today: TODAY })).toEqual([
        { type: 'TaskRescheduled', data: { taskId, dueOn: '2027-01-07' } },
      ]);
      expect(spec.when({ type: 'RescheduleTask', due: { on: '2026-12-10' }, today: TODAY })).toEqual([]);
      expect(spec.refusalOf({ type: 'RescheduleTask', due: { on: '2026-12-01' }, today: TODAY })).toBe(
        'VALIDATION_FAILED',
      );
    });

    it('completes or cancels, with an optional sealed reason', () => {
      expect(given(taskDecider, [planned]).when({ type: 'CompleteTask', occurredOn: TODAY, reason: null })).toEqual([
        completed,
      ]);
      expect(given(taskDecider, [planned]).when({ type: 'CancelTask', occurredOn: TODAY, reason: sealed })).toEqual([
        { type: 'TaskCancelled', data: { taskId, occurredOn: TODAY, reason: sealed } },
      ]);
    });
  });

  describe('refusals', () => {
    it('refuses every step on a task that does not exist', () => {
      expect(given(taskDecider).refusalOf({ type: 'ReassignTask', assigneeId: 'sw-2' })).toBe('TASK_NOT_FOUND');
    });

    it('refuses every step on a completed or cancelled task', () => {
      const done = given(taskDecider, [planned, completed]);
      expect(done.refusalOf({ type: 'CancelTask', occurredOn: TODAY, reason: null })).toBe('TASK_NOT_OPEN');
      expect(done.refusalOf({ type: 'ReassignTask', assigneeId: 'sw-2' })).toBe('TASK_NOT_OPEN');
      expect(done.refusalOf({ type: 'RescheduleTask', due: { on: '2026-12-20' }, today: TODAY })).toBe('TASK_NOT_OPEN');
    });
  });
});

describe('addMonths', () => {
  it('keeps the day, or takes the month’s last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-12-07', 12)).toBe('2027-12-07');
  });
});
