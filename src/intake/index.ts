/**
 * The public surface of the intake capability: what other capabilities may import. Events (to project them), the
 * stream category and the vocabularies.
 */
export * from './domain/intake.events';
export * from './domain/intake.values';
