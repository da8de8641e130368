import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { addMonths } from '../../src/casework/domain/due-dates';
import { rowsOf } from '../../src/shared/crypto';
import type { Clock } from '../../src/shared/domain/clock';
import { EVENT_STORE, type EventStore, StreamNotFound } from '../../src/shared/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader, testUserId } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { eventually } from '../support/projections';

type Headers = Record<string, string>;

const BRUSSELS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' });
const DAY_MS = 86_400_000;

/** Free text about the person, distinctive so that a copy anywhere would be found. */
const NOTE_1 = 'Eerste gesprek: huurachterstand, wil liefst gebeld worden na vijftien uur.';
const NOTE_2 = 'Tweede gesprek: aanvraag sociaal energietarief samen ingevuld.';
const NOTE_MENEN = 'Overgenomen door OCMW Menen, kennismaking gepland.';
const DESCRIPTION = 'Nagaan of de aanvraag verhoogde tegemoetkoming is goedgekeurd bij de mutualiteit.';
const REASON = 'Aanvraag goedgekeurd op drie december.';

interface NoteView {
  readonly noteId: string;
  readonly text: string | null;
  readonly organisationId: string;
  readonly authorId: string;
}
interface TaskView {
  readonly taskId: string;
  readonly assigneeId: string;
  readonly kind: string;
  readonly status: string;
  readonly dueOn: string;
  readonly overdue: boolean;
  readonly description?: string | null;
  readonly reason?: string | null;
}
interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
interface Section {
  readonly streams: { readonly streamId: string; readonly events: { type: string; data: Record<string, unknown> }[] }[];
  readonly readModels: Record<string, Record<string, unknown>[]>;
}

describe.each(testDatabaseKinds())('casework: case notes and tasks on %s', (kind) => {
  let service: TestApp;
  /** The app's clock: a test moves it to see a task become overdue. */
  let now = new Date();
  const clock: Clock = { now: () => now };
  const today = () => BRUSSELS.format(now);
  const daysFromToday = (days: number) => BRUSSELS.format(new Date(now.getTime() + days * DAY_MS));
  let kortrijk: string;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  const as: Record<'kortrijk' | 'colleague' | 'menen' | 'dpo', Headers> = {} as never;
  const colleagueId = `sw-kortrijk-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    service = await startTestApp({
      kind,
      clock,
      env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' },
    });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
    const organisations = await list<{ name: string; organisationId: string }>('/organisations');
    const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    ocmwKortrijk = organisation('OCMW Kortrijk');
    ocmwMenen = organisation('OCMW Menen');
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.colleague = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk, userId: colleagueId });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.dpo = await authHeader({ role: 'dpo', organisationId: organisation('W13') });
  });
  afterAll(() => service.dispose());

  const request = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async <T = Record<string, string>>(
    method: 'GET' | 'POST',
    url: string,
    headers: Headers,
    payload?: object,
  ): Promise<T> => {
    const response = await request(method, url, headers, payload);
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(/^20[01] /);
    return response.json<T>();
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response
      .json<{ errors: { field: string }[] }>()
      .errors.map((error) => error.field)
      .sort();
  const eventsIn = async (streamId: string): Promise<number> => {
    try {
      return (await service.app.get<EventStore>(EVENT_STORE).readStream(streamId)).length;
    } catch (error) {
      if (error instanceof StreamNotFound) return 0;
      throw error;
    }
  };
  const tableText = async (table: string) =>
    JSON.stringify(rowsOf(await service.app.get(DataSource).query(`SELECT * FROM ${table}`)));

  /** A person of OCMW Kortrijk, who consents to OCMW Menen seeing them, with an open intake at Kortrijk. */
  const personWithIntake = async () => {
    const { clientId } = await ok('POST', '/clients', as.kortrijk, {
      givenName: 'Nadia',
      familyName: `Casework-${randomUUID().slice(0, 8)}`,
      birthDate: '1990-03-14',
      municipalityId: kortrijk,
      household: { adults: 1, children: 1 },
      mainIncomeSource: 'social_integration_income',
    });
    await ok('POST', `/clients/${clientId}/consents`, as.kortrijk, {
      scope: 'share_with_organisation',
      organisationId: ocmwMenen,
    });
    const { trajectoryId } = await ok('POST', '/intake-trajectories', as.kortrijk, {
      clientId,
      origin: 'came_in_themselves',
    });
    return { clientId: clientId!, trajectoryId: trajectoryId! };
  };
  const notesUrl = (trajectoryId: string) => `/intake-trajectories/${trajectoryId}/notes`;
  const tasksUrl = (trajectoryId: string) => `/intake-trajectories/${trajectoryId}/tasks`;
  const casework = async (clientId: string) =>
    (await ok<{ capabilities: { casework: Section } }>('GET', `/clients/${clientId}/subject-access`, as.dpo))
      .capabilities.casework;

  it('writes and lists case notes for the responsible organisation only, sealed, through a transfer', async () => {
    const { clientId, trajectoryId } = await personWithIntake();
    const stream = `caseNotes-${trajectoryId}`;

    const first = await request('POST', notesUrl(trajectoryId), as.kortrijk, { text: NOTE_1 });
    expect(first.statusCode).toBe(201);
    expect(first.headers.etag).toBe('"0"');
    expect(first.json()).toMatchObject({
      trajectoryId,
      organisationId: ocmwKortrijk,
      authorId: testUserId(['social_worker'], ocmwKortrijk),
      text: NOTE_1,
    });
    // A retry with the same key writes nothing again and answers the same note.
    const key = { 'idempotency-key': randomUUID() };
    const second = await ok<NoteView>('POST', notesUrl(trajectoryId), { ...as.kortrijk, ...key }, { text: NOTE_2 });
    const retried = await ok<NoteView>('POST', notesUrl(trajectoryId), { ...as.kortrijk, ...key }, { text: NOTE_2 });
    expect(retried.noteId).toBe(second.noteId);
    expect(await eventsIn(stream)).toBe(2);

    // Newest first, a page at a time.
    const page1 = await ok<Page<NoteView>>('GET', `${notesUrl(trajectoryId)}?limit=1`, as.kortrijk);
    expect(page1.items.map((note) => note.text)).toEqual([NOTE_2]);
    const page2 = await ok<Page<NoteView>>(
      'GET',
      `${notesUrl(trajectoryId)}?limit=1&cursor=${page1.nextCursor}`,
      as.kortrijk,
    );
    expect(page2).toEqual({ items: [expect.objectContaining({ text: NOTE_1 })], nextCursor: null });

    // Another organisation: 403 before the body is looked at, nothing written, nothing read.
    const foreignWrite = await request('POST', notesUrl(trajectoryId), as.menen, { text: 42, extra: true });
    expect(foreignWrite.statusCode).toBe(403);
    expect((await request('GET', notesUrl(trajectoryId), as.menen)).statusCode).toBe(403);
    // Bad input: a 400 naming the field, nothing echoed, nothing written.
    const empty = await request('POST', notesUrl(trajectoryId), as.kortrijk, { text: '' });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)).toEqual(['text']);
    const tooLong = await request('POST', notesUrl(trajectoryId), as.kortrijk, { text: `${NOTE_1} `.repeat(100) });
    expect(fieldsOf(tooLong)).toEqual(['text']);
    expect(tooLong.body).not.toContain(NOTE_1);
    expect((await request('POST', notesUrl(randomUUID()), as.kortrijk, { text: NOTE_1 })).json()).toMatchObject({
      code: 'INTAKE_TRAJECTORY_NOT_FOUND',
    });
    expect(await eventsIn(stream)).toBe(2);

    // Sealed in the store and in the read model.
    const stored = await service.app.get<EventStore>(EVENT_STORE).readStream(stream);
    expect(stored[0]!.data.text).toMatchObject({ $pii: expect.objectContaining({ ct: expect.any(String) }) });
    expect(JSON.stringify(stored.map((event) => event.data))).not.toContain(NOTE_1.slice(0, 20));
    const rows = await tableText('casework_case_notes');
    expect(rows).toContain(trajectoryId);
    expect(rows).not.toContain(NOTE_1.slice(0, 20));

    // After a transfer, the receiving organisation sees the notes and writes its own; the sender sees none.
    await ok('POST', `/intake-trajectories/${trajectoryId}/transfer`, as.kortrijk, {
      toOrganisationId: ocmwMenen,
      reason: 'moved_municipality',
      caseworkerId: 'sw-menen-1',
    });
    expect((await request('GET', notesUrl(trajectoryId), as.kortrijk)).statusCode).toBe(403);
    expect((await request('POST', notesUrl(trajectoryId), as.kortrijk, { text: NOTE_1 })).statusCode).toBe(403);
    await ok('POST', notesUrl(trajectoryId), as.menen, { text: NOTE_MENEN });
    const atMenen = await ok<Page<NoteView>>('GET', notesUrl(trajectoryId), as.menen);
    expect(atMenen.items.map((note) => [note.text, note.organisationId])).toEqual([
      [NOTE_MENEN, ocmwMenen],
      [NOTE_2, ocmwKortrijk],
      [NOTE_1, ocmwKortrijk],
    ]);

    // A closed trajectory takes no notes: 409, nothing written.
    await ok('POST', `/intake-trajectories/${trajectoryId}/closure`, as.menen, { outcome: 'question_answered' });
    const closed = await request('POST', notesUrl(trajectoryId), as.menen, { text: NOTE_2 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'INTAKE_CLOSED' });
    expect(closed.body).not.toContain(NOTE_2);
    expect(await eventsIn(stream)).toBe(3);

    // Subject access shows every note, opened.
    const report = await eventually(
      'the notes in the read model',
      () => casework(clientId),
      (section) => section.readModels.casework_case_notes?.length === 3,
    );
    expect(report.streams.map((item) => item.streamId)).toEqual([stream]);
    expect(report.streams[0]!.events.map((event) => event.data.text)).toEqual([NOTE_1, NOTE_2, NOTE_MENEN]);
    expect(report.readModels.casework_case_notes!.map((row) => row.text)).toEqual([NOTE_1, NOTE_2, NOTE_MENEN]);

    // Every read and write of the notes is in the access log with the person, the refused ones too.
    const log = await ok<{ items: { route: string; method: string; outcome: string; organisationId: string }[] }>(
      'GET',
      `/access-log?personId=${clientId}&limit=200`,
      as.dpo,
    );
    const onNotes = log.items.filter((entry) => entry.route === '/intake-trajectories/:trajectoryId/notes');
    expect(onNotes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'POST', outcome: 'allowed', organisationId: ocmwKortrijk }),
        expect.objectContaining({ method: 'GET', outcome: 'allowed', organisationId: ocmwKortrijk }),
        expect.objectContaining({ method: 'GET', outcome: 'denied', organisationId: ocmwMenen }),
        expect.objectContaining({ method: 'POST', outcome: 'denied', organisationId: ocmwMenen }),
      ]),
    );

    // Erasure: nothing of the notes is readable anywhere.
    await ok('POST', `/clients/${clientId}/erasure`, as.dpo);
    const erased = JSON.stringify(await casework(clientId));
    for (const text of [NOTE_1, NOTE_2, NOTE_MENEN]) expect(erased).not.toContain(text);
    expect(erased).toContain('"readable":false');
    const afterErasure = await ok<Page<NoteView>>('GET', notesUrl(trajectoryId), as.menen);
    expect(afterErasure.items.map((note) => note.text)).toEqual([null, null, null]);
  });

  it('plans tasks, lists mine and overdue by the clock, completes and cancels, refuses other organisations', async () => {
    const { clientId, trajectoryId } = await personWithIntake();
    // Work for an organisation (a person registered) makes a social worker an assignee the service knows: a Menen
    // worker first, then a Kortrijk colleague, so that once the colleague is known, so is the Menen worker.
    const menenWorker = testUserId(['social_worker'], ocmwMenen);
    await ok('POST', '/clients', as.menen, {
      givenName: 'Els',
      familyName: `Menen-${randomUUID().slice(0, 8)}`,
      birthDate: '1985-06-01',
      municipalityId: kortrijk,
      household: { adults: 1, children: 0 },
      mainIncomeSource: 'pension',
    });
    await ok('POST', '/clients', as.colleague, {
      givenName: 'Jan',
      familyName: `Collega-${randomUUID().slice(0, 8)}`,
      birthDate: '1970-11-02',
      municipalityId: kortrijk,
      household: { adults: 1, children: 0 },
      mainIncomeSource: 'pension',
    });

    const plan = { kind: 'reassessment', inMonths: 6, description: DESCRIPTION };
    const once = { ...as.kortrijk, 'idempotency-key': randomUUID() };
    const planned = await request('POST', tasksUrl(trajectoryId), once, plan);
    expect(planned.statusCode).toBe(201);
    const reassessment = planned.json<TaskView>();
    // A retry with the same key lands on the same task and writes nothing again.
    const retried = await request('POST', tasksUrl(trajectoryId), once, plan);
    expect(retried.json<TaskView>().taskId).toBe(reassessment.taskId);
    expect(await eventsIn(`caseTask-${reassessment.taskId}`)).toBe(1);
    expect(planned.headers.location).toBe(`/tasks/${reassessment.taskId}`);
    expect(reassessment).toMatchObject({
      kind: 'reassessment',
      status: 'open',
      assigneeId: testUserId(['social_worker'], ocmwKortrijk),
      dueOn: addMonths(today(), 6),
      description: DESCRIPTION,
      overdue: false,
    });
    const callBack = await ok<TaskView>('POST', tasksUrl(trajectoryId), as.kortrijk, {
      kind: 'call_back',
      dueOn: daysFromToday(1),
    });

    // Bad input: each a 400 naming the field, nothing written.
    const tasksBefore = await tableText('casework_tasks');
    const badKind = await request('POST', tasksUrl(trajectoryId), as.kortrijk, { kind: 'bake_cake', inMonths: 1 });
    expect(fieldsOf(badKind)).toEqual(['kind']);
    const past = await request('POST', tasksUrl(trajectoryId), as.kortrijk, {
      kind: 'call_back',
      dueOn: daysFromToday(-1),
    });
    expect(fieldsOf(past)).toEqual(['dueOn']);
    const both = await request('POST', tasksUrl(trajectoryId), as.kortrijk, {
      kind: 'call_back',
      dueOn: daysFromToday(1),
      inMonths: 2,
    });
    expect(fieldsOf(both)).toEqual(['dueOn']);
    const unknownAssignee = await request('POST', tasksUrl(trajectoryId), as.kortrijk, {
      kind: 'call_back',
      inMonths: 1,
      assigneeId: 'never-seen-anywhere',
    });
    expect(fieldsOf(unknownAssignee)).toEqual(['assigneeId']);
    // Another organisation plans nothing on Kortrijk's trajectory.
    expect(
      (await request('POST', tasksUrl(trajectoryId), as.menen, { kind: 'call_back', inMonths: 1 })).statusCode,
    ).toBe(403);
    expect(await tableText('casework_tasks')).toBe(tasksBefore);

    // A colleague of the organisation may be assigned, once their work is seen.
    const forColleague = await eventually(
      'the colleague known as a social worker of OCMW Kortrijk',
      () =>
        request('POST', tasksUrl(trajectoryId), as.kortrijk, {
          kind: 'check_right_decision',
          dueOn: daysFromToday(3),
          assigneeId: colleagueId,
        }),
      (response) => response.statusCode !== 400,
    );
    expect(forColleague.statusCode).toBe(201);
    const colleagueTask = forColleague.json<TaskView>();
    const beforeForeign = await tableText('casework_tasks');
    // A social worker of another organisation, known to the service: refused, naming the field, echoing nothing.
    const foreignAssignee = await request('POST', tasksUrl(trajectoryId), as.kortrijk, {
      kind: 'call_back',
      inMonths: 1,
      assigneeId: menenWorker,
      description: DESCRIPTION,
    });
    expect(foreignAssignee.statusCode).toBe(400);
    expect(fieldsOf(foreignAssignee)).toEqual(['assigneeId']);
    expect(foreignAssignee.body).not.toContain(menenWorker);
    expect(foreignAssignee.body).not.toContain(DESCRIPTION);
    expect(await tableText('casework_tasks')).toBe(beforeForeign);

    // Mine: open tasks, due first.
    const mine = await ok<Page<TaskView>>('GET', '/tasks/mine', as.kortrijk);
    const myTasks = mine.items.filter((task) => [callBack.taskId, reassessment.taskId].includes(task.taskId));
    expect(myTasks.map((task) => task.taskId)).toEqual([callBack.taskId, reassessment.taskId]);
    expect(mine.items.map((task) => task.taskId)).not.toContain(colleagueTask.taskId);
    expect((await ok<Page<TaskView>>('GET', '/tasks/mine', as.colleague)).items.map((task) => task.taskId)).toEqual([
      colleagueTask.taskId,
    ]);
    expect(JSON.stringify(mine)).not.toContain(DESCRIPTION);

    // Overdue against the clock at read time: two days later, the call-back is past due.
    expect((await ok<Page<TaskView>>('GET', '/tasks/overdue', as.kortrijk)).items).toEqual([]);
    now = new Date(now.getTime() + 2 * DAY_MS);
    const overdue = await ok<Page<TaskView>>('GET', '/tasks/overdue', as.kortrijk);
    expect(overdue.items.map((task) => [task.taskId, task.overdue])).toEqual([[callBack.taskId, true]]);
    expect((await ok<Page<TaskView>>('GET', '/tasks/overdue', as.menen)).items).toEqual([]);

    // Re-dated and re-assigned while open.
    const redated = await ok<TaskView>('POST', `/tasks/${callBack.taskId}/reschedule`, as.kortrijk, {
      dueOn: daysFromToday(7),
    });
    expect(redated).toMatchObject({ dueOn: daysFromToday(7), overdue: false });
    const reassigned = await ok<TaskView>('POST', `/tasks/${colleagueTask.taskId}/reassign`, as.colleague, {
      assigneeId: testUserId(['social_worker'], ocmwKortrijk),
    });
    expect(reassigned.assigneeId).toBe(testUserId(['social_worker'], ocmwKortrijk));
    const reassignAway = await request('POST', `/tasks/${colleagueTask.taskId}/reassign`, as.kortrijk, {
      assigneeId: menenWorker,
    });
    expect(fieldsOf(reassignAway)).toEqual(['assigneeId']);

    // A stale If-Match is refused: the task was re-dated since revision 0.
    const stale = await request(
      'POST',
      `/tasks/${callBack.taskId}/complete`,
      { ...as.kortrijk, 'if-match': '"0"' },
      {},
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'REVISION_MISMATCH' });

    // Completed with a reason, cancelled without one; a closed task takes no step.
    const completed = await ok<TaskView>('POST', `/tasks/${callBack.taskId}/complete`, as.kortrijk, {
      reason: REASON,
    });
    expect(completed).toMatchObject({ status: 'completed', reason: REASON });
    const again = await request('POST', `/tasks/${callBack.taskId}/cancel`, as.kortrijk, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TASK_NOT_OPEN' });
    expect(await ok<TaskView>('POST', `/tasks/${colleagueTask.taskId}/cancel`, as.kortrijk, {})).toMatchObject({
      status: 'cancelled',
      reason: null,
    });
    const read = await request('GET', `/tasks/${reassessment.taskId}`, as.kortrijk);
    expect(read.headers.etag).toBe('"0"');
    expect(read.json()).toMatchObject({ description: DESCRIPTION, status: 'open' });

    // Another organisation reads and changes none of it.
    expect((await request('GET', `/tasks/${reassessment.taskId}`, as.menen)).statusCode).toBe(403);
    expect((await request('POST', `/tasks/${reassessment.taskId}/complete`, as.menen, {})).statusCode).toBe(403);
    expect((await request('GET', tasksUrl(trajectoryId), as.menen)).statusCode).toBe(403);
    expect((await request('GET', `/tasks/${randomUUID()}`, as.kortrijk)).json()).toMatchObject({
      code: 'TASK_NOT_FOUND',
    });

    const ofTrajectory = await ok<Page<TaskView>>('GET', tasksUrl(trajectoryId), as.kortrijk);
    expect(ofTrajectory.items.map((task) => [task.taskId, task.status])).toEqual([
      [colleagueTask.taskId, 'cancelled'],
      [callBack.taskId, 'completed'],
      [reassessment.taskId, 'open'],
    ]);

    // A closed trajectory takes no new task.
    await ok('POST', `/intake-trajectories/${trajectoryId}/closure`, as.kortrijk, { outcome: 'question_answered' });
    const onClosed = await request('POST', tasksUrl(trajectoryId), as.kortrijk, { kind: 'call_back', inMonths: 1 });
    expect(onClosed.json()).toMatchObject({ status: 409, code: 'INTAKE_CLOSED' });

    // Subject access shows the tasks with their texts; erasure leaves them unreadable.
    const report = await casework(clientId);
    expect(report.readModels.casework_tasks).toHaveLength(3);
    const reportText = JSON.stringify(report);
    expect(reportText).toContain(DESCRIPTION);
    expect(reportText).toContain(REASON);
    await ok('POST', `/clients/${clientId}/erasure`, as.dpo);
    const erased = JSON.stringify(await casework(clientId));
    expect(erased).not.toContain(DESCRIPTION);
    expect(erased).not.toContain(REASON);
    expect((await ok<TaskView>('GET', `/tasks/${reassessment.taskId}`, as.kortrijk)).description).toBeNull();
  });
});
