import type { PopulationFigure } from '../domain/municipality.events';
import type { PopulationFigureFields } from './population-figure.request';

export function toPopulationFigure(year: number, fields: PopulationFigureFields): PopulationFigure {
  return {
    year,
    population: fields.population,
    approximate: fields.approximate ?? false,
    source: fields.source ?? null,
  };
}
