import { Module } from '@nestjs/common';
import { AnalystRole } from './analyst-access/analyst-role';
import { PublicationSettings } from './analyst-access/publication-settings';
import { PublishedCells } from './analyst-access/published-cells';
import { IndicatorStore } from './infrastructure/indicator-store';
import { ListIndicatorsHandler, ReadIndicatorHandler } from './read-indicators/read-indicator.handler';
import { ReadIndicatorsController } from './read-indicators/read-indicators.controller';

/**
 * Impact measurement (docs/domain.md, capability 7; issue 8): indicators for the armoedepact computed from the `impact`
 * facts, per period and municipality, suppressed so that no figure singles out a person, pinned to a position.
 */
@Module({
  controllers: [ReadIndicatorsController],
  providers: [
    IndicatorStore,
    ReadIndicatorHandler,
    ListIndicatorsHandler,
    PublicationSettings,
    PublishedCells,
    AnalystRole,
  ],
})
export class ImpactModule {}
