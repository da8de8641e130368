import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType } from '../../http/problem-details';
import { RETRY_AFTER_SECONDS } from '../../http/problem-details.filter';
import { describeErrorForLog } from '../../observability/logging';
import type { AuthenticatedUser } from '../authenticated-user';
import { AccessLog } from './access-log.service';
import { takeAccessLogEntry } from './pending-entry';

/**
 * Stores the access-log entry of every `@AccessLogged` request before its response leaves (Fastify's onSend: the
 * status is final, nothing is sent yet). If the entry cannot be stored the response is replaced by a 503: data
 * that was not logged is not handed out. Except for a write whose pending entry was stored before its events were
 * appended: it is logged already and may be committed, so it is answered with its real outcome (docs/adr/0021). Register before the app is initialised (Fastify binds hooks to routes
 * when they are registered).
 */
export function installAccessLogHook(app: NestFastifyApplication): void {
  const logger = new Logger('AccessLog');
  let accessLog: AccessLog | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const entry = takeAccessLogEntry(request);
      if (entry === undefined) return payload;
      const user = (request as { user?: AuthenticatedUser }).user;
      try {
        accessLog ??= app.get<AccessLog>(AccessLog);
        await accessLog.record(entry.recordOf(user, String(request.id), reply.statusCode));
        return payload;
      } catch (error) {
        if (entry.pendingStored) {
          // The write is logged as pending and may be committed: its real answer goes out (docs/adr/0021).
          logger.error({
            msg: 'access log outcome not stored; the pending entry stands',
            ...describeErrorForLog(error),
          });
          return payload;
        }
        logger.error({ msg: 'access log entry not stored; response withheld', ...describeErrorForLog(error) });
        void reply
          .code(503)
          .header('content-type', PROBLEM_CONTENT_TYPE)
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .removeHeader('etag')
          .removeHeader('location');
        return JSON.stringify({
          type: problemType('ACCESS_LOG_UNAVAILABLE'),
          title: 'The access log is unavailable',
          status: 503,
          code: 'ACCESS_LOG_UNAVAILABLE',
          detail: 'Try again shortly.',
          instance: request.url.split('?')[0],
          requestId: String(request.id),
        });
      }
    });
}
