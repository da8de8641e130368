import { Injectable } from '@nestjs/common';
import { MunicipalityRegister, OrganisationDirectory } from '../../partners';
import { InvalidInput } from '../../shared/domain/domain-error';
import type { FieldError } from '../../shared/domain/field-problem';
import { type CoordinationFilter, type CoordinationFilterQuery, periodErrors } from './coordination.request';

type OrganisationIds = { readonly fromOrganisationId: string } | { readonly toOrganisationId: string };
type MunicipalityIds = { readonly fromMunicipalityId: string | null; readonly toMunicipalityId: string | null };

/** A row with the names of its organisations and municipalities beside their ids (null: not known). */
export type Named<Row> = Row &
  (Row extends { fromOrganisationId: string } ? { fromOrganisationName: string | null } : unknown) &
  (Row extends { toOrganisationId: string } ? { toOrganisationName: string | null } : unknown) &
  (Row extends MunicipalityIds ? { fromMunicipalityName: string | null; toMunicipalityName: string | null } : unknown);

/**
 * What the coordinators' views need of the partners' reference data, through what partners exports (docs/adr/0026):
 * the filter's municipality and organisation checked to exist (one 400 naming each unknown one, with the period's
 * problems), and the names beside the ids of an answer.
 */
@Injectable()
export class CoordinationReferenceData {
  constructor(
    private readonly organisations: OrganisationDirectory,
    private readonly municipalities: MunicipalityRegister,
  ) {}

  async filterOf(query: CoordinationFilterQuery): Promise<CoordinationFilter> {
    const [municipality, organisation] = await Promise.all([
      query.municipalityId === undefined ? null : this.municipalities.find(query.municipalityId),
      query.organisationId === undefined ? null : this.organisations.find(query.organisationId),
    ]);
    const errors: FieldError[] = periodErrors(query);
    if (municipality === undefined) {
      errors.push({ field: 'municipalityId', messages: ['municipalityId is not a registered municipality'] });
    }
    if (organisation === undefined) {
      errors.push({ field: 'organisationId', messages: ['organisationId is not a registered organisation'] });
    }
    if (errors.length > 0) throw InvalidInput.fields(errors);
    return {
      sentFrom: query.sentFrom ?? null,
      sentTo: query.sentTo ?? null,
      municipalityId: query.municipalityId ?? null,
      organisationId: query.organisationId ?? null,
      service: query.service ?? null,
    };
  }

  /** The rows with names beside every organisation and municipality id they hold. */
  async named<Row extends OrganisationIds | MunicipalityIds>(rows: readonly Row[]): Promise<Named<Row>[]> {
    const ids = (keys: readonly string[]) =>
      [...new Set(rows.flatMap((row) => keys.map((key) => (row as Record<string, unknown>)[key])))].filter(
        (id): id is string => typeof id === 'string',
      );
    const [organisationNames, municipalityNames] = await Promise.all([
      this.organisations.namesOf(ids(['fromOrganisationId', 'toOrganisationId'])),
      this.municipalities.namesOf(ids(['fromMunicipalityId', 'toMunicipalityId'])),
    ]);
    return rows.map((row) => {
      const named: Record<string, unknown> = { ...row };
      for (const end of ['from', 'to'] as const) {
        const organisationId = named[`${end}OrganisationId`];
        if (typeof organisationId === 'string') {
          named[`${end}OrganisationName`] = organisationNames.get(organisationId) ?? null;
        }
        if (`${end}MunicipalityId` in named) {
          const municipalityId = named[`${end}MunicipalityId`];
          named[`${end}MunicipalityName`] =
            typeof municipalityId === 'string' ? (municipalityNames.get(municipalityId) ?? null) : null;
        }
      }
      return named as Named<Row>;
    });
  }
}
