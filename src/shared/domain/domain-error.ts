/**
 * A command refused by a domain rule (HTTP 409). `code` is stable and documented; `detail` must never contain
 * personal data, since it reaches logs and responses.
 */
export class DomainRuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DomainRuleViolation';
  }
}
