import type { CalendarDate } from '../../shared/domain/calendar';
import { buildTable, type TableCell } from '../domain/indicator-table';
import type { IndicatorDefinition } from '../domain/indicators';
import type { PeriodRange } from '../domain/periods';
import type { IndicatorData, PopulationFigure } from './indicator-store';

/** The population for a period: the figure of 1 January of its year, or the latest earlier year recorded. */
function populationLookup(figures: readonly PopulationFigure[]) {
  return (municipalityId: string, periodStart: CalendarDate): number | null => {
    const year = Number(periodStart.slice(0, 4));
    let best: PopulationFigure | undefined;
    for (const figure of figures) {
      if (figure.municipalityId !== municipalityId || figure.year > year) continue;
      if (!best || figure.year > best.year) best = figure;
    }
    return best?.population ?? null;
  };
}

/** One indicator's published table from what the store read: the API and the BI table publish the same cells. */
export function publishedTable(
  definition: IndicatorDefinition,
  range: PeriodRange,
  data: IndicatorData,
  threshold: number,
): TableCell[] {
  return buildTable({
    definition,
    range,
    municipalities: data.municipalities,
    rows: data.rows,
    population: populationLookup(data.populations),
    threshold,
    unfiltered: data.unfiltered ?? undefined,
  });
}
