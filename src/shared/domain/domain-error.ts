import type { FieldError } from './field-problem';

/**
 * The error vocabulary of everything below the controllers (docs/architecture.md, "Errors"): a handful of kinds,
 * each with a stable `code` that docs/api.md lists. The HTTP layer maps a kind to its status once
 * (`problem-details.filter.ts`); nothing here knows HTTP. `detail` never holds personal data: it reaches logs and
 * responses.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = new.target.name;
  }
}

export type DomainErrorKind =
  | 'invalid-input'
  | 'access-denied'
  | 'not-found'
  | 'gone'
  | 'refused'
  | 'concurrent-update'
  | 'stale-revision'
  | 'key-reused';

/** The input is invalid: every invalid field is listed (`VALIDATION_FAILED`), or one code says what is wrong. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid-input';

  constructor(
    code: string,
    detail: string,
    readonly fields?: readonly FieldError[],
  ) {
    super(code, detail);
  }

  static fields(fields: readonly FieldError[]): InvalidInput {
    return new InvalidInput('VALIDATION_FAILED', `${fields.length} field(s) are invalid`, fields);
  }
}

/**
 * The caller may not do this. One code and one text whatever the reason (a role, another organisation), so that a
 * refusal says nothing about the resource.
 */
export class AccessDenied extends DomainError {
  readonly kind = 'access-denied';

  constructor() {
    super('FORBIDDEN', 'You may not do this.');
  }
}

/** No such resource (or none the caller may know of). */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
}

/** The resource existed and is gone for good: a person whose personal data was erased. */
export class Gone extends DomainError {
  readonly kind = 'gone';
}

/**
 * A command refused by a domain rule: the state of the resource does not allow it. `validValues` lists what the rule
 * would accept where that is reference data (an organisation's services), never anything the caller sent.
 */
export class DomainRuleViolation extends DomainError {
  readonly kind = 'refused';

  constructor(
    code: string,
    detail: string,
    readonly validValues?: readonly string[],
  ) {
    super(code, detail);
  }
}

/** Others changed the stream while the command was decided, more often than it retried. */
export class ConcurrentUpdate extends DomainError {
  readonly kind = 'concurrent-update';

  constructor() {
    super('CONCURRENT_UPDATE', 'The resource is being changed by others. Try again.');
  }
}

/**
 * Ids a refusal lists so that the caller can act on them (`openReferralIds`: the referrals to settle first), shown as
 * members of the problem beside its `code`. Ids only: never personal data, never what the request sent.
 */
export type RefusalIds = Readonly<Record<string, readonly string[]>>;

/** A refusal by a domain rule that lists the ids to act on (docs/adr/0026). */
export class RefusalListingIds extends DomainRuleViolation {
  constructor(
    code: string,
    detail: string,
    readonly ids: RefusalIds,
  ) {
    super(code, detail);
  }
}

/** Refuses a command by a domain rule, listing the ids to act on: `refuseListing('OPEN_REFERRALS', '…', { … })`. */
export function refuseListing(code: string, detail: string, ids: RefusalIds): never {
  throw new RefusalListingIds(code, detail, ids);
}

/** The caller's expected revision (`If-Match`) is no longer the stream's. */
export class StaleRevision extends DomainError {
  readonly kind = 'stale-revision';

  constructor(current: bigint | undefined) {
    super(
      'REVISION_MISMATCH',
      current === undefined ? 'The resource does not exist.' : `Its current revision is ${current}.`,
    );
  }
}

/** An idempotency key sent again with another request: a key answers only for the request it came with first. */
export class IdempotencyKeyReused extends DomainError {
  readonly kind = 'key-reused';

  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'A key answers only for the request it was first sent with: send a new key for a new request.',
    );
  }
}

/**
 * Refuses a command by a domain rule: `refuse('RIGHT_ALREADY_GRANTED', 'The right was granted already')`; with
 * `validValues`, the reference data that would have been accepted (docs/adr/0027).
 */
export function refuse(code: string, detail: string, validValues?: readonly string[]): never {
  throw new DomainRuleViolation(code, detail, validValues);
}
