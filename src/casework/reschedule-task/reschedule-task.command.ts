import { TaskStepCommand } from '../common/tasks';

/** Move an open task's due date: a day, or a number of months from today. */
export class RescheduleTask extends TaskStepCommand {}
