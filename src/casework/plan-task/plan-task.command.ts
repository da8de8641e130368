import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { WrittenTask } from '../common/tasks';

/** Plan a task about a trajectory of the caller's organisation; `body` is validated once the caller may. */
export class PlanTask extends Command<WrittenTask> {
  constructor(
    readonly caller: Caller,
    readonly trajectoryId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
