import { Query } from '@nestjs/cqrs';
import type { AccessLogEntryView } from './access-log.service';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export interface AccessLogPage {
  readonly items: AccessLogEntryView[];
  readonly nextCursor: string | null;
}

/** Who accessed what: by person, by user or both, newest first. */
export class ReadAccessLog extends Query<AccessLogPage> {
  constructor(
    readonly personId: string | undefined,
    readonly userId: string | undefined,
    readonly cursor: string | undefined,
    readonly limit: number | undefined,
  ) {
    super();
  }
}
