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
  ) {}

  /** A command's answer: ETag of the revision it left, read models awaited (`@WaitsFor`), `Location` if created. */
  static written<Body>(body: Body, mark: StreamMark, location?: string): Answer<Body> {
    return new Answer(body, mark, location);
  }

  /** A read of one resource, with its revision as the ETag for a later `If-Match`. */
  static versioned<Body>(body: Body, revision: bigint): Answer<Body> {
    return new Answer(body, { revision }, undefined);
  }

  /** A body in another representation than JSON: its `content-type` and `content-disposition`, for instance. */
  static represented<Body>(body: Body, headers: Readonly<Record<string, string>>): Answer<Body> {
    return new Answer(body, undefined, undefined, headers);
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
      await this.readYourWrites.waitFor(answer.mark, projections);
      void reply.header('etag', etagOf(answer.mark.revision));
    }
    if (answer.location !== undefined) void reply.header('location', answer.location);
    for (const [name, value] of Object.entries(answer.headers)) void reply.header(name, value);
    return answer.body;
  }
}
