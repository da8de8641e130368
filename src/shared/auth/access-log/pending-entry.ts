import { isUuid } from '../../domain/ids';
import type { AuthenticatedUser } from '../authenticated-user';
import type { AccessAction, AccessLogRecord } from './access-log.service';

/** What a handler may add to its request's access-log entry. Values that are not UUIDs are ignored. */
export interface PendingAccessLogEntry {
  setResourceId(resourceId: string): void;
  addPerson(personId: string): void;
}

/** The entry of a route without `@AccessLogged`: a handler that adds to it is a programming error. */
export const NOT_ACCESS_LOGGED: PendingAccessLogEntry = {
  setResourceId() {
    throw new Error('The access log was written to on a route without @AccessLogged');
  },
  addPerson() {
    throw new Error('The access log was written to on a route without @AccessLogged');
  },
};

/** The entry of one request, from the access guard (before authentication) to the hook that stores it. */
export class RequestAccessLogEntry implements PendingAccessLogEntry {
  resourceId: string | undefined;
  readonly personIds = new Set<string>();
  /**
   * Whether the pending entry of this write is stored (before its events were appended): from then on the request
   * is logged whatever happens, and its answer is never replaced for want of the outcome entry (docs/adr/0021).
   */
  pendingStored = false;

  constructor(
    readonly action: AccessAction,
    readonly resourceType: string,
    readonly method: string,
    readonly route: string,
  ) {}

  setResourceId(resourceId: unknown): void {
    if (isUuid(resourceId)) this.resourceId = resourceId;
  }

  addPerson(personId: unknown): void {
    if (isUuid(personId)) this.personIds.add(personId);
  }

  /** What `AccessLog.record` stores of this entry; `statusCode` null for the pending entry of a write. */
  recordOf(user: AuthenticatedUser | undefined, requestId: string, statusCode: number | null): AccessLogRecord {
    const { action, resourceType, resourceId, personIds, method, route } = this;
    return { user, action, resourceType, resourceId, personIds, method, route, statusCode, requestId };
  }
}

const entries = new WeakMap<object, RequestAccessLogEntry>();

export function startAccessLogEntry(request: object, entry: RequestAccessLogEntry): void {
  entries.set(request, entry);
}

export function pendingAccessLogEntry(request: object): RequestAccessLogEntry | undefined {
  return entries.get(request);
}

/** Hands the entry over exactly once, so that a response sent twice cannot log twice. */
export function takeAccessLogEntry(request: object): RequestAccessLogEntry | undefined {
  const entry = entries.get(request);
  entries.delete(request);
  return entry;
}
