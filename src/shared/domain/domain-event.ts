/**
 * A domain event as deciders produce and fold it: a stable past-tense `type` and JSON-serialisable `data`.
 * Envelope facts (who, for which organisation, when it happened, correlation) travel as event metadata, added
 * by the command executor; the store adds when it was recorded.
 */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}
