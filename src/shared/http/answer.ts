import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import type { Position } from '../event-store';
import { ReadYourWrites } from '../projections/read-your-writes';
import { etagOf } from './command-headers';

/** What a stream says about the resource an endpoint answers with: its revision, and where a write landed. */
export interface StreamMark {
  readonly revision: bigint;
  /** Absent for a read, and for a command that changed nothing. */
  readonly position?: Position;
}

/**
 * The body of a response and what goes into its headers: the `ETag` (the stream revision), the `Location` of a
 * resource a command created, the position read models must reach before a command is answered. Controllers return
 * it; `AnswerInterceptor` turns it into the response, the same way for every endpoint.
 */
export class Answer<Body> {
  private constructor(
    readonly body: Body,
    readonly mark: StreamMark | undefined,
    readonly location: string | undefined,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Read models of `@WaitsFor` this answer does not wait for. */
    readonly notAwaited: readonly string[] = [],
    /** Set when the endpoint answers otherwise than its `@HttpCode`. */
    readonly status?: number,
  ) {}

  /** A command's answer: ETag of the revision it left, read models awaited (`@WaitsFor`), `Location` if created. */
  static written<Body>(body: Body, mark: StreamMark, location?: string): Answer<Body> {
    return new Answer(body, mark, location);
  }

  /** A create that found its resource there already and wrote nothing: 200 with the resource's `Location`. */
  static existing<Body>(body: Body, location: string): Answer<Body> {
    return new Answer(body, undefined, location, {}, [], 200);
  }

  /** A read of one resource, with its revision as the ETag for a later `If-Match`. */
  static versioned<Body>(body: Body, revision: bigint): Answer<Body> {
    return new Answer(body, { revision }, undefined);
  }

  /** A body in another representation than JSON: its `content-type` and `content-disposition`, for instance. */
  static represented<Body>(body: Body, headers: Readonly<Record<string, string>>): Answer<Body> {
    return new Answer(body, undefined, undefined, headers);
  }

  /**
   * The same answer, not waiting for these read models: a projection reaches only the positions of events it
   * reads, so a command that wrote none of its events would wait for it in vain.
   */
  notWaitingFor(...projections: readonly string[]): Answer<Body> {
    const notAwaited = [...this.notAwaited, ...projections];
    return new Answer(this.body, this.mark, this.location, this.headers, notAwaited, this.status);
  }
}

const WAITS_FOR = 'onthaal:waits-for';

/**
 * The read models a command endpoint's answer waits for (read your writes): the client that reads them next sees
 * its command. A projection stalled past the wait's bound does not fail the command (docs/architecture.md).
 */
export const WaitsFor = (...projections: readonly string[]) => SetMetadata(WAITS_FOR, projections);

@Injectable()
export class AnswerInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const projections = this.reflector.get<readonly string[] | undefined>(WAITS_FOR, context.getHandler()) ?? [];
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next
      .handle()
      .pipe(
        mergeMap((value: unknown) =>
          value instanceof Answer ? from(this.answer(value as Answer<unknown>, projections, reply)) : [value],
        ),
      );
  }

  private async answer(answer: Answer<unknown>, projections: readonly string[], reply: FastifyReply) {
    if (answer.mark !== undefined) {
      const awaited = projections.filter((projection) => !answer.notAwaited.includes(projection));
      await this.readYourWrites.waitFor(answer.mark, awaited);
      void reply.header('etag', etagOf(answer.mark.revision));
    }
    if (answer.location !== undefined) void reply.header('location', answer.location);
    for (const [name, value] of Object.entries(answer.headers)) void reply.header(name, value);
    if (answer.status !== undefined) void reply.code(answer.status);
    return answer.body;
  }
}
