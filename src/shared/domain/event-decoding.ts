import type { DomainEvent } from './domain-event';

/**
 * The decoding seam (docs/architecture.md, "Stored events"): a stored event becomes a typed domain event in one
 * place per capability, never by a cast. The decoder knows every event type of its stream (a type-level fact: the
 * schema table must name them all), checks each event's data against its schema, and upcasts shapes that older
 * versions of the code stored. Pure: no framework, no I/O.
 */

/** What the decoder reads of a stored event: enough to name it in an error, nothing of its data. */
export interface StoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
}

export type EventDecoder<Event extends DomainEvent> = (stored: StoredEvent) => Event;

/**
 * A stored event this code cannot read. It stops the command or projection that met it: skipping it would decide or
 * count on a history with a hole. The message names the stream, the revision, the type and the field, never a value.
 */
export class UndecodableEvent extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(`Event ${eventType} at revision ${revision} of stream ${streamId} cannot be decoded: ${reason}`);
    this.name = 'UndecodableEvent';
  }
}

/** Reads the data of one event type: its value when it has the shape, otherwise the path and what was expected. */
export interface Schema<T> {
  read(value: unknown, path: string): Read<T>;
}

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export type TypeOf<S> = S extends Schema<infer T> ? T : never;

/** How an older stored shape becomes the current one: another type name, or data with fields added or renamed. */
export type Upcast = (data: unknown) => { readonly type: string; readonly data: unknown };

/** The schema of every event type of a union: leaving one out does not compile. */
export type EventSchemas<Event extends DomainEvent> = {
  readonly [Type in Event['type']]: Schema<Extract<Event, { type: Type }>['data']>;
};

export function eventDecoder<Event extends DomainEvent>(
  schemas: EventSchemas<Event>,
  upcasts: Readonly<Record<string, Upcast>> = {},
): EventDecoder<Event> {
  const known = new Map<string, Schema<unknown>>(Object.entries(schemas));
  return (stored) => {
    const current = Object.hasOwn(upcasts, stored.type) ? upcasts[stored.type]!(stored.data) : stored;
    const schema = known.get(current.type);
    if (schema === undefined) throw undecodable(stored, 'the type is not an event of this stream');
    const read = schema.read(current.data, 'data');
    if (!read.ok) throw undecodable(stored, read.problem);
    return { type: current.type, data: read.value } as Event;
  };
}

/** Decodes events as the store hands them over, keeping where each was read from. */
export function decodeAll<Event extends DomainEvent>(
  decode: EventDecoder<Event>,
  stored: readonly StoredEvent[],
): Event[] {
  return stored.map(decode);
}

function undecodable(stored: StoredEvent, reason: string): UndecodableEvent {
  return new UndecodableEvent(stored.streamId, stored.revision, stored.type, reason);
}

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const wrong = <T>(path: string, expected: string): Read<T> => ({ ok: false, problem: `${path} must be ${expected}` });

function primitive<T>(expected: string, test: (value: unknown) => boolean): Schema<T> {
  return { read: (value, path) => (test(value) ? ok(value as T) : wrong(path, expected)) };
}

export const string = primitive<string>('a string', (value) => typeof value === 'string');
export const number = primitive<number>('a number', (value) => typeof value === 'number' && Number.isFinite(value));
export const integer = primitive<number>('an integer', (value) => Number.isSafeInteger(value));
export const boolean = primitive<boolean>('true or false', (value) => typeof value === 'boolean');
/** Data this seam does not look into (sealed personal data is checked where it is opened). */
export const anything = primitive<unknown>('present', (value) => value !== undefined);

export function oneOf<const Values extends readonly (string | number | boolean)[]>(
  ...values: Values
): Schema<Values[number]> {
  return primitive(`one of ${values.join(', ')}`, (value) => values.includes(value as Values[number]));
}

export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return { read: (value, path) => (value === null ? ok(null) : schema.read(value, path)) };
}

/** A property that may be absent. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return { read: (value, path) => (value === undefined ? ok(undefined) : schema.read(value, path)) };
}

export function array<T>(item: Schema<T>): Schema<readonly T[]> {
  return {
    read(value, path) {
      if (!Array.isArray(value)) return wrong(path, 'an array');
      const items: T[] = [];
      for (const [index, element] of value.entries()) {
        const read = item.read(element, `${path}[${index}]`);
        if (!read.ok) return read;
        items.push(read.value);
      }
      return ok(items);
    },
  };
}

/** An object whose keys come from a closed list (a score per life domain): keys outside it are refused. */
export function partialRecord<Key extends string, T>(
  keys: readonly Key[],
  item: Schema<T>,
): Schema<Partial<Record<Key, T>>> {
  return {
    read(value, path) {
      if (!isPlainObject(value)) return wrong(path, 'an object');
      for (const [key, element] of Object.entries(value)) {
        if (!keys.includes(key as Key)) return wrong(`${path}.${key}`, 'absent');
        const read = item.read(element, `${path}.${key}`);
        if (!read.ok) return read;
      }
      return ok(value as Partial<Record<Key, T>>);
    },
  };
}

type ObjectOf<Shape extends Record<string, Schema<unknown>>> = {
  readonly [Key in keyof Shape]: TypeOf<Shape[Key]>;
};

/** An object with these properties; properties it does not name are kept as stored (added by a later version). */
export function object<Shape extends Record<string, Schema<unknown>>>(shape: Shape): Schema<ObjectOf<Shape>> {
  return {
    read(value, path) {
      if (!isPlainObject(value)) return wrong(path, 'an object');
      for (const [key, schema] of Object.entries(shape)) {
        const read = schema.read(value[key], `${path}.${key}`);
        if (!read.ok) return read;
      }
      return ok(value as ObjectOf<Shape>);
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
