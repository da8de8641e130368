import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { streamName } from '../../shared/domain/ids';
import {
  type OpenSealed,
  type SealedFields,
  type SubjectAccessSection,
  type SubjectAccessSectionReport,
  SubjectAccessSections,
  type SubjectAccessStreamView,
  subjectAccessEventView,
  subjectAccessRowView,
} from '../../shared/privacy';
import type { StoredEvent } from '../../shared/domain/event-decoding';
import { CaseNoteList } from '../case-notes/case-note-list';
import { CaseworkStreams } from '../common/casework-streams';
import { decodeCaseNoteEvent } from '../domain/case-notes.decoder';
import { CASE_NOTE_CONTEXT, CASE_NOTES_CATEGORY } from '../domain/case-notes.events';
import { decodeTaskEvent } from '../domain/task.decoder';
import { TASK_CATEGORY, TASK_DESCRIPTION_CONTEXT, TASK_REASON_CONTEXT } from '../domain/task.events';
import { TaskRow } from '../tasks/task.row';

const NOTE_FIELDS: SealedFields = { text: CASE_NOTE_CONTEXT };
const TASK_FIELDS: SealedFields = { description: TASK_DESCRIPTION_CONTEXT, reason: TASK_REASON_CONTEXT };

/**
 * The casework part of the subject-access report (docs/adr/0017, 0030): the person's case notes and tasks, found
 * through the read models (they have the client id), every event of their streams with the text opened, and the
 * rows. Events are decoded first: a report over a history this code cannot read would be wrong silently.
 */
@Injectable()
export class CaseworkSubjectAccessSection implements SubjectAccessSection, OnModuleInit {
  readonly name = 'casework';

  constructor(
    private readonly sections: SubjectAccessSections,
    private readonly dataSource: DataSource,
    private readonly notes: CaseNoteList,
    private readonly streams: CaseworkStreams,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async report(clientId: string, open: OpenSealed): Promise<SubjectAccessSectionReport> {
    const notes = await this.notes.ofClient(clientId);
    const tasks = await this.dataSource
      .getRepository(TaskRow)
      .find({ where: { clientId }, order: { plannedOn: 'ASC', taskId: 'ASC' } });
    const trajectoryIds = [...new Set(notes.map((note) => note.trajectoryId))];
    const streams: SubjectAccessStreamView[] = [];
    for (const trajectoryId of trajectoryIds) {
      streams.push(
        await this.stream(streamName(CASE_NOTES_CATEGORY, trajectoryId), decodeCaseNoteEvent, NOTE_FIELDS, open),
      );
    }
    for (const { taskId } of tasks) {
      streams.push(await this.stream(streamName(TASK_CATEGORY, taskId), decodeTaskEvent, TASK_FIELDS, open));
    }
    return {
      streams,
      readModels: {
        casework_case_notes: notes.map((row) => subjectAccessRowView(row, NOTE_FIELDS, open)),
        casework_tasks: tasks.map((row) => subjectAccessRowView(row, TASK_FIELDS, open)),
      },
    };
  }

  private async stream(
    streamId: string,
    decode: (event: StoredEvent) => unknown,
    fields: SealedFields,
    open: OpenSealed,
  ): Promise<SubjectAccessStreamView> {
    const events = await this.streams.recorded(streamId);
    events.forEach(decode);
    return { streamId, events: events.map((event) => subjectAccessEventView(event, fields, open)) };
  }
}
