import { Logger } from '@nestjs/common';

/** After a failure (the database away, say): the next round comes later, without a warning every poll. */
const RETRY_MS = 5_000;

/**
 * Runs `round` every `pollMs`, one round at a time, for work a projection lists in its transaction and that must be
 * done outside it (an append, a VACUUM). A failed round is logged by its error class only (a database error's
 * message can quote values) and retried after `RETRY_MS`. Start it where projections run; stop it before shutdown.
 */
export class ReactionLoop {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly pollMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.schedule(this.pollMs);
  }

  /** Waits for the round in flight; no round starts afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      let next = this.pollMs;
      this.round = this.work()
        .then(() => undefined)
        .catch((error: unknown) => {
          next = RETRY_MS;
          this.logger.warn(`${this.name} failed: ${error instanceof Error ? error.name : typeof error}`);
        })
        .finally(() => this.schedule(next));
    }, delayMs);
    this.timer.unref();
  }
}
