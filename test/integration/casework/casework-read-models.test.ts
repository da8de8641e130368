import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type TaskEvent, TaskList } from '../../../src/casework';
import { KnownUsers } from '../../../src/casework/known-users/known-users';
import { KNOWN_USERS_PROJECTION, knownUsersProjection } from '../../../src/casework/known-users/known-users.projection';
import { TASKS_PROJECTION } from '../../../src/casework/tasks/tasks.projection';
import {
  type AppendResult,
  EVENT_STORE,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '../../../src/shared/event-store';
import { ProjectionRunner } from '../../../src/shared/projections';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabaseKinds } from '../../support/database';

const ORG_A = '8e0e7c3d-0000-4000-8000-0000000000a1';
const ORG_B = '8e0e7c3d-0000-4000-8000-0000000000b2';

/**
 * The read models the notifications capability and the assignee check rely on, fed by events appended straight to
 * the store: `TaskList.openDueBy` (a user's open tasks due by a date) and the known users of each organisation.
 */
describe.each(testDatabaseKinds())('casework read models on %s', (kind) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ kind });
  });
  afterAll(() => service.dispose());

  const store = () => service.app.get<EventStore>(EVENT_STORE);
  const metadata = (actorId: string, organisationId: string, roles: string[]): JsonObject => ({
    actorId,
    organisationId,
    roles,
  });
  const waitFor = async (projection: string, position: AppendResult['position']) => {
    expect(await service.app.get(ProjectionRunner).waitFor(projection, position, 20_000)).toBe(true);
  };
  const appendTask = async (events: TaskEvent[], actor = metadata('sw-a', ORG_A, ['social_worker'])) => {
    let last: AppendResult | undefined;
    for (const event of events) {
      last = await store().appendToStream(
        `caseTask-${event.data.taskId}`,
        [{ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: actor }],
        { expectedRevision: 'any' },
      );
    }
    await waitFor(TASKS_PROJECTION, last!.position);
  };
  const planned = (assigneeId: string, dueOn: string): TaskEvent & { type: 'TaskPlanned' } => ({
    type: 'TaskPlanned',
    data: {
      taskId: randomUUID(),
      trajectoryId: randomUUID(),
      clientId: randomUUID(),
      organisationId: ORG_A,
      assigneeId,
      kind: 'call_back',
      dueOn,
      plannedOn: '2026-12-01',
      description: null,
    },
  });

  it("answers a user's open tasks due on or before a date, due first, following re-assignments and closures", async () => {
    const user = `sw-${randomUUID().slice(0, 8)}`;
    const later = planned(user, '2026-12-20');
    const due = planned(user, '2026-12-10');
    const dueToday = planned(user, '2026-12-15');
    const done = planned(user, '2026-12-09');
    const handedOver = planned(user, '2026-12-08');
    const someoneElse = planned('sw-other', '2026-12-01');
    await appendTask([later, due, dueToday, done, handedOver, someoneElse]);
    await appendTask([
      { type: 'TaskCompleted', data: { taskId: done.data.taskId, occurredOn: '2026-12-09', reason: null } },
      { type: 'TaskReassigned', data: { taskId: handedOver.data.taskId, assigneeId: 'sw-other' } },
      { type: 'TaskRescheduled', data: { taskId: later.data.taskId, dueOn: '2026-12-12' } },
    ]);

    const answer = await service.app.get(TaskList).openDueBy(user, '2026-12-15');
    expect(answer.map((task) => [task.taskId, task.dueOn])).toEqual([
      [due.data.taskId, '2026-12-10'],
      [later.data.taskId, '2026-12-12'],
      [dueToday.data.taskId, '2026-12-15'],
    ]);
    expect(answer[0]).toEqual({
      taskId: due.data.taskId,
      trajectoryId: due.data.trajectoryId,
      organisationId: ORG_A,
      assigneeId: user,
      kind: 'call_back',
      dueOn: '2026-12-10',
      status: 'open',
    });
    // No personal data: not even the person's pseudonymous id.
    expect(Object.keys(answer[0]!)).not.toContain('clientId');
    expect((await service.app.get(TaskList).openDueBy('sw-other', '2026-12-15')).map((task) => task.taskId)).toEqual([
      someoneElse.data.taskId,
      handedOver.data.taskId,
    ]);
  });

  it('knows a social worker for the organisation of their latest event, and nobody else', async () => {
    const mover = `sw-mover-${randomUUID().slice(0, 8)}`;
    const admin = `admin-${randomUUID().slice(0, 8)}`;
    const firstStream = `probe-${randomUUID()}`;
    const append = (actorId: string, organisationId: string, roles: string[], stream = `probe-${randomUUID()}`) =>
      store().appendToStream(
        stream,
        [{ id: randomUUID(), type: 'ProbeHappened', data: {}, metadata: metadata(actorId, organisationId, roles) }],
        { expectedRevision: 'any' },
      );
    await append(mover, ORG_A, ['social_worker'], firstStream);
    await append(admin, ORG_A, ['admin']);
    await waitFor(KNOWN_USERS_PROJECTION, (await append(mover, ORG_A, ['social_worker'])).position);
    const users = service.app.get(KnownUsers);
    expect(await users.belongsTo(mover, ORG_A)).toBe(true);
    expect(await users.belongsTo(mover, ORG_B)).toBe(false);
    expect(await users.belongsTo(admin, ORG_A)).toBe(false);
    expect(await users.belongsTo('never-seen', ORG_A)).toBe(false);

    // The user moves to another organisation: from then on they count for it only.
    await waitFor(KNOWN_USERS_PROJECTION, (await append(mover, ORG_B, ['social_worker'])).position);
    expect(await users.belongsTo(mover, ORG_B)).toBe(true);
    expect(await users.belongsTo(mover, ORG_A)).toBe(false);

    // An older event delivered again changes nothing.
    const older: RecordedEvent[] = await store().readStream(firstStream);
    expect(older).toHaveLength(1);
    await service.app.get(DataSource).transaction((tx) => knownUsersProjection.handle(older, tx));
    expect(await users.belongsTo(mover, ORG_B)).toBe(true);
  });
});
