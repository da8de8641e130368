import { type DataKey, isSealed, type Sealed } from '../crypto';
import { type EventStore, type JsonValue, type RecordedEvent, StreamNotFound } from '../event-store';

/** What a sealed value shows once the person's key is destroyed (erasure): that it exists, not what it said. */
export interface UnreadableValue {
  readonly sealed: true;
  readonly readable: false;
}

/**
 * Opens a value sealed with the person's key under `context` (`intake.needDescription`, …): the plaintext, or
 * `{ sealed: true, readable: false }` once the key is destroyed.
 */
export type OpenSealed = (context: string, sealed: Sealed) => JsonValue | UnreadableValue;

/** The sealed fields of a capability's events and rows, by field name, and the context each is sealed under. */
export type SealedFields = Readonly<Record<string, string>>;

/** One event about the person, as the subject-access report shows it. */
export interface SubjectAccessEventView {
  readonly revision: number;
  readonly type: string;
  /** When the store recorded it (ISO-8601 UTC). */
  readonly recordedAt: string;
  /** When it happened, as the metadata says. */
  readonly occurredAt: string | null;
  readonly actorId: string | null;
  readonly organisationId: string | null;
  /** The event, sealed fields opened. */
  readonly data: Record<string, unknown>;
}

/** One stream about the person and every event in it, oldest first. */
export interface SubjectAccessStreamView {
  readonly streamId: string;
  readonly events: readonly SubjectAccessEventView[];
}

/** What a capability holds about the person: its streams and its read-model rows (by table), sealed values opened. */
export interface SubjectAccessSectionReport {
  readonly streams: readonly SubjectAccessStreamView[];
  readonly readModels: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/**
 * A capability's part of the subject-access report (GDPR art. 15). Capabilities that hold data about a person
 * register one with `SubjectAccessSections`, so that the report covers them without the clients capability knowing
 * them (docs/adr/0017).
 */
export interface SubjectAccessSection {
  /** The capability's name: the key of its part in the report. */
  readonly name: string;
  report(clientId: string, open: OpenSealed): Promise<SubjectAccessSectionReport>;
}

/** Opens with the person's key; everything is unreadable when there is none (destroyed by an erasure). */
export function openerFor(key: DataKey | undefined): OpenSealed {
  return (context, sealed) => (key ? key.open(context, sealed) : { sealed: true, readable: false });
}

/**
 * A copy of `value` with every sealed field of `fields` opened, bigints as strings (JSON has none). A sealed value
 * under a field not listed stays sealed: nothing is opened under a guessed context.
 */
export function openedValue(value: unknown, fields: SealedFields, open: OpenSealed): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((item) => openedValue(item, fields, open));
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  const result: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    const context = Object.hasOwn(fields, field) ? fields[field] : undefined;
    result[field] = context !== undefined && isSealed(inner) ? open(context, inner) : openedValue(inner, fields, open);
  }
  return result;
}

export function subjectAccessEventView(
  // The data may be a decoded event's (a capability's decoder upcasts older shapes): any object.
  event: Omit<RecordedEvent, 'data'> & { readonly data: object },
  fields: SealedFields,
  open: OpenSealed,
): SubjectAccessEventView {
  const { metadata } = event;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    revision: Number(event.revision),
    type: event.type,
    recordedAt: event.created.toISOString(),
    occurredAt: text(metadata.occurredAt),
    actorId: text(metadata.actorId),
    organisationId: text(metadata.organisationId),
    data: openedValue(event.data, fields, open) as Record<string, unknown>,
  };
}

/** A read-model row, sealed fields opened, without the projection's bookkeeping (`ProjectedRow`'s positions). */
export function subjectAccessRowView(row: object, fields: SealedFields, open: OpenSealed): Record<string, unknown> {
  const { lastAppliedCommit: _commit, lastAppliedPrepare: _prepare, ...rest } = row as Record<string, unknown>;
  return openedValue(rest, fields, open) as Record<string, unknown>;
}

/** Every event of a stream, sealed fields opened; none when the stream does not exist. */
export async function openedStream(
  store: EventStore,
  streamId: string,
  fields: SealedFields,
  open: OpenSealed,
): Promise<SubjectAccessStreamView> {
  let events: RecordedEvent[];
  try {
    events = await store.readStream(streamId);
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
    events = [];
  }
  return { streamId, events: events.map((event) => subjectAccessEventView(event, fields, open)) };
}
