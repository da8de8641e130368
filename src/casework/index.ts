/**
 * The public surface of the casework capability: what other capabilities may import (docs/casework.md). For the
 * notifications capability: the task events and their decoder (`decodeTaskEvent`: assignee, due date, status, no
 * personal data beyond the sealed description and reason, which a notification never shows), the case-note events,
 * and `CaseworkModule` with `TaskList.openDueBy(userId, date)` (inject it after importing the module).
 */
export { CaseworkModule } from './casework.module';
export { TaskList, type OpenTaskDue } from './tasks/task-list';
export { decodeTaskEvent } from './domain/task.decoder';
export { decodeCaseNoteEvent } from './domain/case-notes.decoder';
export * from './domain/task.events';
export * from './domain/task.values';
export * from './domain/case-notes.events';
