import type { Capability } from '../shared/capability';
import { CaseNoteRow } from './case-notes/case-note.row';
import { caseNotesProjection } from './case-notes/case-notes.projection';
import { CaseworkModule } from './casework.module';
import { Casework1797000000000 } from './common/casework.migration';
import { knownUsersProjection } from './known-users/known-users.projection';
import { TaskRow } from './tasks/task.row';
import { tasksProjection } from './tasks/tasks.projection';

/** The casework capability as the composition root registers it (`src/capabilities.ts`). */
export const caseworkCapability: Capability = {
  module: CaseworkModule,
  migrations: [Casework1797000000000],
  entities: [CaseNoteRow, TaskRow],
  projections: [caseNotesProjection, tasksProjection, knownUsersProjection],
};
