import { TaskStepCommand } from '../common/tasks';

/** Mark an open task done, with an optional sealed reason. */
export class CompleteTask extends TaskStepCommand {}
