import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvalidInput } from '../../domain/domain-error';
import { AccessLog } from './access-log.service';
import { type AccessLogPage, DEFAULT_PAGE_SIZE, ReadAccessLog } from './read-access-log.query';

@QueryHandler(ReadAccessLog)
export class ReadAccessLogHandler implements IQueryHandler<ReadAccessLog> {
  constructor(private readonly accessLog: AccessLog) {}

  async execute(query: ReadAccessLog): Promise<AccessLogPage> {
    if (query.personId === undefined && query.userId === undefined) {
      throw InvalidInput.fields([{ field: 'personId', messages: ['personId or userId is required'] }]);
    }
    const { entries, continueBefore } = await this.accessLog.find(
      { personId: query.personId, userId: query.userId },
      {
        before: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
      },
    );
    return { items: entries, nextCursor: continueBefore === undefined ? null : encodeCursor(continueBefore) };
  }
}

/** Opaque to clients: a versioned position, so that the format can change without breaking saved links silently. */
function encodeCursor(id: string): string {
  return Buffer.from(`v1:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const match = /^v1:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1])
    throw InvalidInput.fields([{ field: 'cursor', messages: ['cursor must be a nextCursor of this endpoint'] }]);
  return match[1];
}
