import { TaskStepCommand } from '../common/tasks';

/** Give an open task to another social worker of the organisation. */
export class ReassignTask extends TaskStepCommand {}
