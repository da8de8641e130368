import { InvalidAppend } from './event-store.errors';
import type { EventData } from './event-store.port';

/** EventStoreDB's default maximum append size (MaxAppendSize), applied by every adapter. */
export const MAX_APPEND_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a batch before any adapter touches its store, so that both adapters refuse the same input with the
 * same error and nothing is written. Returns each event's serialised data and metadata for the adapter to reuse.
 */
export function validateAppend(streamId: string, events: readonly EventData[]): { data: string; metadata: string }[] {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 200 || streamId.startsWith('$')) {
    throw new InvalidAppend(String(streamId), 'stream id must be 1 to 200 characters and not start with "$"');
  }
  // Callers outside TypeScript's reach may pass anything; a type guard on `events` itself would widen it to any[].
  const isArray: (value: unknown) => boolean = Array.isArray;
  if (!isArray(events) || events.length === 0) {
    throw new InvalidAppend(streamId, 'a batch holds at least one event');
  }
  const seen = new Set<string>();
  let bytes = 0;
  const serialised = events.map((event, index) => {
    const at = `event ${index}`;
    if (typeof event.id !== 'string' || !UUID.test(event.id))
      throw new InvalidAppend(streamId, `${at}: id must be a UUID`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppend(streamId, `${at}: duplicate event id in the batch`);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.trim().length === 0 || event.type.length > 200) {
      throw new InvalidAppend(streamId, `${at}: type must be a non-empty string of at most 200 characters`);
    }
    const data = toJsonObject(event.data);
    if (data === undefined) throw new InvalidAppend(streamId, `${at}: data must be a JSON object`);
    const metadata = event.metadata === undefined ? '{}' : toJsonObject(event.metadata);
    if (metadata === undefined) throw new InvalidAppend(streamId, `${at}: metadata must be a JSON object`);
    bytes += Buffer.byteLength(data) + Buffer.byteLength(metadata) + Buffer.byteLength(event.type);
    return { data, metadata };
  });
  if (bytes > MAX_APPEND_BYTES) {
    throw new InvalidAppend(streamId, `batch of ${bytes} bytes exceeds the limit of ${MAX_APPEND_BYTES} bytes`);
  }
  return serialised;
}

/** Serialises a plain JSON object exactly, or returns undefined when the value would not survive JSON. */
function toJsonObject(value: unknown): string | undefined {
  if (!isJson(value, 0) || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return JSON.stringify(value);
}

function isJson(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  switch (typeof value) {
    case 'string':
      // PostgreSQL's jsonb cannot hold U+0000; refusing it everywhere keeps the adapters interchangeable.
      return !value.includes('\u0000');
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
      return Object.entries(value).every(([key, item]) => !key.includes('\u0000') && isJson(item, depth + 1));
    default:
      return false;
  }
}
