import { Injectable, Logger } from '@nestjs/common';
import type { CommandResult } from '../commands/command-executor';
import { ProjectionRunner } from './projection-runner';

/**
 * How long a command endpoint waits for its read models before answering (docs/adr/0009-reference-data-and-contributions.md). Long enough for a
 * running projection (it applies a batch in milliseconds), short enough that a stalled one does not hold requests.
 */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/**
 * Lets a client read its own writes: after a command, wait until the projections that show its events have
 * applied them. A timeout is not an error (the command succeeded); the client then reads a slightly older model.
 */
@Injectable()
export class ReadYourWrites {
  private readonly logger = new Logger('ReadYourWrites');

  constructor(private readonly runner: ProjectionRunner) {}

  async waitFor(result: Pick<CommandResult<unknown>, 'position'>, projections: readonly string[]): Promise<void> {
    const { position } = result;
    if (position === undefined) return;
    const reached = await Promise.all(
      projections.map((name) => this.runner.waitFor(name, position, READ_YOUR_WRITES_TIMEOUT_MS)),
    );
    if (reached.includes(false)) {
      this.logger.warn(`Read models not caught up after ${READ_YOUR_WRITES_TIMEOUT_MS} ms: ${projections.join(', ')}`);
    }
  }
}
