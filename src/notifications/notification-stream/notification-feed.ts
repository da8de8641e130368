import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { NotificationInbox } from '../notification-inbox/notification-inbox';

/** How often the open streams look for new notifications, and how often a quiet one hears a heartbeat. */
const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;

interface Listener {
  readonly user: AuthenticatedUser;
  readonly response: ServerResponse;
  /** The last notification's arrival this stream has sent (or skipped, when it opened). */
  arrival: bigint;
  lastWriteAt: number;
}

/** One server-sent event (docs/notifications.md): a named event with an id and one line of JSON. */
function sse(event: string, data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The live notification streams of this replica (docs/adr/0029): every second, while any stream is open, it looks
 * whether a notification arrived in the read model (one cheap query), and if so sends each stream what arrived for
 * its user. Reading the read model, not an in-process signal, makes it work on every replica, whichever runs the
 * projection. Quiet streams get a heartbeat comment; on shutdown every stream is ended cleanly, first of all.
 */
@Injectable()
export class NotificationFeed implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationFeed.name);
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private seen = -1n;
  private closing = false;

  constructor(
    private readonly inbox: NotificationInbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts a stream on `response` for `user`: a `ready` event with the unread count, then what arrives. */
  async open(user: AuthenticatedUser, response: ServerResponse): Promise<void> {
    if (this.closing) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end();
      return;
    }
    const arrival = await this.inbox.lastArrival();
    const unreadCount = await this.inbox.unreadCount(user, today(this.clock));
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write(`retry: 3000\n: connected\n\n${sse('ready', { unreadCount })}`);
    const listener: Listener = { user, response, arrival, lastWriteAt: Date.now() };
    this.listeners.add(listener);
    response.on('close', () => this.listeners.delete(listener));
    this.timer ??= setInterval(() => void this.tick(), POLL_MS);
  }

  onModuleDestroy(): void {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const { response } of this.listeners) response.end(': closing\n\n');
    this.listeners.clear();
  }

  private async tick(): Promise<void> {
    if (this.listeners.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    try {
      const last = await this.inbox.lastArrival();
      const news = last !== this.seen;
      this.seen = last;
      for (const listener of this.listeners) {
        if (news) await this.send(listener);
        if (Date.now() - listener.lastWriteAt >= HEARTBEAT_MS) this.write(listener, ': heartbeat\n\n');
      }
    } catch (error) {
      // A database fault: the streams stay open and the next tick tries again.
      this.logger.warn(`notification streams could not be fed: ${(error as Error).name}`);
    }
  }

  private async send(listener: Listener): Promise<void> {
    const { views, last } = await this.inbox.arrivedAfter(listener.user, today(this.clock), listener.arrival);
    listener.arrival = last;
    for (const view of views) this.write(listener, sse('notification', view, view.notificationId));
  }

  private write(listener: Listener, text: string): void {
    if (listener.response.writableEnded) return;
    listener.response.write(text);
    listener.lastWriteAt = Date.now();
  }
}
