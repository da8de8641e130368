/**
 * The public surface of the impact capability. Impact reads every other capability and nobody reads it: analysts
 * use its API (`/impact/indicators`) or the `impact` schema (docs/analysts.md). The indicator definitions are
 * exported for documentation and tests.
 */
export { ImpactModule } from './impact.module';
export { INDICATORS, findIndicator, type IndicatorDefinition } from './domain/indicators';
export { IMPACT_FACTS_PROJECTION, IMPACT_FACTS_VERSION } from './facts/impact-facts.projection';
