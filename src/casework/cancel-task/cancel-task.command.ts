import { TaskStepCommand } from '../common/tasks';

/** Cancel an open task, with an optional sealed reason. */
export class CancelTask extends TaskStepCommand {}
