import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake';
import { PersonalDataCryptoModule } from '../shared/crypto';
import { PrivacyModule } from '../shared/privacy';
import { CancelTaskController } from './cancel-task/cancel-task.controller';
import { CancelTaskHandler } from './cancel-task/cancel-task.handler';
import { CaseNoteList } from './case-notes/case-note-list';
import { Assignees } from './common/assignees';
import { CaseworkAccess } from './common/casework-access';
import { CaseworkStreams } from './common/casework-streams';
import { CaseworkTexts } from './common/casework-texts';
import { Tasks } from './common/tasks';
import { CompleteTaskController } from './complete-task/complete-task.controller';
import { CompleteTaskHandler } from './complete-task/complete-task.handler';
import { KnownUsers } from './known-users/known-users';
import { PlanTaskController } from './plan-task/plan-task.controller';
import { PlanTaskHandler } from './plan-task/plan-task.handler';
import { ReadCaseNotesController } from './read-case-notes/read-case-notes.controller';
import { ReadCaseNotesHandler } from './read-case-notes/read-case-notes.handler';
import { ReadTasksController, ReadTrajectoryTasksController } from './read-tasks/read-tasks.controller';
import {
  ListMyTasksHandler,
  ListOverdueTasksHandler,
  ListTrajectoryTasksHandler,
  ReadTaskHandler,
} from './read-tasks/read-tasks.handler';
import { ReassignTaskController } from './reassign-task/reassign-task.controller';
import { ReassignTaskHandler } from './reassign-task/reassign-task.handler';
import { RescheduleTaskController } from './reschedule-task/reschedule-task.controller';
import { RescheduleTaskHandler } from './reschedule-task/reschedule-task.handler';
import { CaseworkSubjectAccessSection } from './subject-access/subject-access.section';
import { TaskList } from './tasks/task-list';
import { WriteCaseNoteController } from './write-case-note/write-case-note.controller';
import { WriteCaseNoteHandler } from './write-case-note/write-case-note.handler';

/**
 * Casework on an intake trajectory (issue 19, item 4; docs/casework.md, docs/adr/0030): case notes sealed with the
 * person's key, visible to the organisation responsible now; tasks with a due date and an assignee, "my tasks" and
 * "overdue". Exports `TaskList` (a user's open tasks due by a date) for the notifications capability.
 */
@Module({
  imports: [PersonalDataCryptoModule, PrivacyModule, IntakeModule],
  controllers: [
    WriteCaseNoteController,
    ReadCaseNotesController,
    PlanTaskController,
    ReadTrajectoryTasksController,
    // Fixed paths (`/tasks/mine`) before `:taskId`.
    ReadTasksController,
    ReassignTaskController,
    RescheduleTaskController,
    CompleteTaskController,
    CancelTaskController,
  ],
  providers: [
    CaseworkAccess,
    CaseworkStreams,
    CaseworkTexts,
    CaseNoteList,
    TaskList,
    KnownUsers,
    Assignees,
    Tasks,
    CaseworkSubjectAccessSection,
    // Commands
    WriteCaseNoteHandler,
    PlanTaskHandler,
    ReassignTaskHandler,
    RescheduleTaskHandler,
    CompleteTaskHandler,
    CancelTaskHandler,
    // Queries
    ReadCaseNotesHandler,
    ListMyTasksHandler,
    ListOverdueTasksHandler,
    ListTrajectoryTasksHandler,
    ReadTaskHandler,
  ],
  exports: [TaskList],
})
export class CaseworkModule {}
