import { type CsvValue, toCsvText } from '../../shared/http/csv';
import type { FlowMatrixView } from './coordination.views';

const COLUMNS = [
  'sent_from',
  'sent_to',
  'from_organisation_id',
  'from_organisation_name',
  'to_organisation_id',
  'to_organisation_name',
  'from_municipality_id',
  'from_municipality_name',
  'to_municipality_id',
  'to_municipality_name',
  'flow',
  'cross_municipality',
  'sent',
  'accepted',
  'declined',
  'service_started',
] as const;

/**
 * The flow matrix as CSV, one line per pair, names beside the ids (docs/adr/0026); `flow` reads
 * `Kortrijk>Menen` (the municipalities' names, an organisation's name for a regional one).
 */
export function flowsCsv(matrix: FlowMatrixView): string {
  const rows = matrix.flows.map((flow): CsvValue[] => [
    matrix.sentFrom,
    matrix.sentTo,
    flow.fromOrganisationId,
    flow.fromOrganisationName,
    flow.toOrganisationId,
    flow.toOrganisationName,
    flow.fromMunicipalityId,
    flow.fromMunicipalityName,
    flow.toMunicipalityId,
    flow.toMunicipalityName,
    `${flow.fromMunicipalityName ?? flow.fromOrganisationName ?? ''}>${flow.toMunicipalityName ?? flow.toOrganisationName ?? ''}`,
    flow.crossMunicipality,
    flow.sent,
    flow.accepted,
    flow.declined,
    flow.serviceStarted,
  ]);
  return toCsvText(COLUMNS, rows);
}
