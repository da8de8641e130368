import type { CatalogueRightDetails } from '../domain/catalogue-right.events';
import type { CoFundingAgreement, RatePeriod } from '../domain/contribution-schedule.events';
import { parseEuros } from '../domain/money';
import type { MunicipalityDetails, PopulationFigure } from '../domain/municipality.events';
import { DEFAULT_SERVICE_START_DEADLINE_DAYS, type OrganisationDetails } from '../domain/organisation.events';
import { LIFE_DOMAINS, ORGANISATION_TYPES, RIGHT_LEVELS } from '../domain/reference-values';
import { referenceDataId } from './reference-data-ids';
import w13DefaultsFile from './w13-defaults.json';

/**
 * The reference-data defaults, read from a data file in the repository (`w13-defaults.json`, shipped in the build),
 * never from code constants. Entries carry stable keys; their ids derive from the keys (`referenceDataId`).
 */
export interface ReferenceDataDefaults {
  readonly dataset: string;
  readonly version: number;
  /** The organisation the load is recorded on behalf of (event metadata). */
  readonly actingOrganisationId: string;
  readonly municipalities: readonly {
    readonly key: string;
    readonly id: string;
    readonly details: MunicipalityDetails;
    readonly populations: readonly PopulationFigure[];
  }[];
  readonly organisations: readonly {
    readonly key: string;
    readonly id: string;
    readonly details: OrganisationDetails;
  }[];
  readonly rights: readonly { readonly key: string; readonly id: string; readonly details: CatalogueRightDetails }[];
  readonly contributionSchedule: {
    /** The region's one schedule: its stream is `contributionSchedule-<id>`. */
    readonly id: string;
    readonly ratePeriods: readonly (RatePeriod & { readonly key: string })[];
    readonly coFundingAgreements: readonly (CoFundingAgreement & { readonly key: string })[];
  };
}

/** Dependency-injection token of the parsed defaults. */
export const PARTNERS_DEFAULTS = Symbol('PartnersDefaults');

export class InvalidDefaults extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The reference-data defaults file is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidDefaults';
  }
}

export function loadW13Defaults(): ReferenceDataDefaults {
  return parseDefaults(w13DefaultsFile);
}

/**
 * Checks the file's shape and its internal references (an organisation's municipality key must be one of the file's
 * municipalities) and lists every problem at once. The domain rules run again when the entries are loaded.
 */
export function parseDefaults(raw: unknown): ReferenceDataDefaults {
  const problems: string[] = [];
  const read = new Reader(problems);
  const file = read.object(raw, '$');

  const dataset = read.string(file.dataset, 'dataset');
  const version = read.integer(file.version, 'version', 1);
  const municipalityIds = new Map<string, string>();
  const keys = new Set<string>();
  const key = (value: unknown, path: string, kind: string): string => {
    const text = read.string(value, path);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(text)) problems.push(`${path}: a key is lower-case letters, digits and dashes`);
    if (keys.has(`${kind}:${text}`)) problems.push(`${path}: the ${kind} key "${text}" is used twice`);
    keys.add(`${kind}:${text}`);
    return text;
  };
  const municipalityRef = (value: unknown, path: string): string | null => {
    if (value === null || value === undefined) return null;
    const ref = read.string(value, path);
    const id = municipalityIds.get(ref);
    if (id === undefined) problems.push(`${path}: no municipality has the key "${ref}"`);
    return id ?? null;
  };

  const municipalities = read.array(file.municipalities, 'municipalities').map((entry, index) => {
    const path = `municipalities[${index}]`;
    const item = read.object(entry, path);
    const municipalityKey = key(item.key, `${path}.key`, 'municipality');
    const id = referenceDataId('municipality', municipalityKey);
    municipalityIds.set(municipalityKey, id);
    return {
      key: municipalityKey,
      id,
      details: {
        name: read.string(item.name, `${path}.name`),
        nisCode: read.optionalString(item.nisCode, `${path}.nisCode`),
        member: read.boolean(item.member, `${path}.member`),
      },
      populations: read.array(item.populations, `${path}.populations`).map((figure, figureIndex) => {
        const figurePath = `${path}.populations[${figureIndex}]`;
        const value = read.object(figure, figurePath);
        return {
          year: read.integer(value.year, `${figurePath}.year`, 1900),
          population: read.integer(value.population, `${figurePath}.population`, 0),
          approximate: read.boolean(value.approximate, `${figurePath}.approximate`),
          source: read.optionalString(value.source, `${figurePath}.source`),
        };
      }),
    };
  });

  const organisationIds = new Map<string, string>();
  const organisations = read.array(file.organisations, 'organisations').map((entry, index) => {
    const path = `organisations[${index}]`;
    const item = read.object(entry, path);
    const organisationKey = key(item.key, `${path}.key`, 'organisation');
    const id = referenceDataId('organisation', organisationKey);
    organisationIds.set(organisationKey, id);
    return {
      key: organisationKey,
      id,
      details: {
        name: read.string(item.name, `${path}.name`),
        type: read.oneOf(item.type, `${path}.type`, ORGANISATION_TYPES),
        municipalityId: municipalityRef(item.municipality, `${path}.municipality`),
        services: read
          .array(item.services, `${path}.services`)
          .map((service, serviceIndex) => read.string(service, `${path}.services[${serviceIndex}]`)),
        responseDeadlineDays:
          item.responseDeadlineDays === null
            ? null
            : read.integer(item.responseDeadlineDays, `${path}.responseDeadlineDays`, 1),
        serviceStartDeadlineDays:
          item.serviceStartDeadlineDays === undefined
            ? DEFAULT_SERVICE_START_DEADLINE_DAYS
            : read.integer(item.serviceStartDeadlineDays, `${path}.serviceStartDeadlineDays`, 1),
      },
    };
  });

  const rights = read.array(file.rights, 'rights').map((entry, index) => {
    const path = `rights[${index}]`;
    const item = read.object(entry, path);
    const rightKey = key(item.key, `${path}.key`, 'right');
    return {
      key: rightKey,
      id: referenceDataId('catalogueRight', rightKey),
      details: {
        name: read.string(item.name, `${path}.name`),
        lifeDomain: read.oneOf(item.lifeDomain, `${path}.lifeDomain`, LIFE_DOMAINS),
        level: read.oneOf(item.level, `${path}.level`, RIGHT_LEVELS),
        municipalityId: municipalityRef(item.municipality, `${path}.municipality`),
      },
    };
  });

  const schedule = read.object(file.contributionSchedule, 'contributionSchedule');
  const scheduleKey = key(schedule.key, 'contributionSchedule.key', 'contributionSchedule');
  const ratePeriods = read.array(schedule.ratePeriods, 'contributionSchedule.ratePeriods').map((entry, index) => {
    const path = `contributionSchedule.ratePeriods[${index}]`;
    const item = read.object(entry, path);
    const periodKey = key(item.key, `${path}.key`, 'ratePeriod');
    return {
      key: periodKey,
      ratePeriodId: referenceDataId('ratePeriod', `${scheduleKey}:${periodKey}`),
      rateCentsPerInhabitant: read.euros(item.ratePerInhabitant, `${path}.ratePerInhabitant`),
      firstWorkingYear: read.integer(item.firstWorkingYear, `${path}.firstWorkingYear`, 1900),
      lastWorkingYear:
        item.lastWorkingYear === null ? null : read.integer(item.lastWorkingYear, `${path}.lastWorkingYear`, 1900),
      basis: read.optionalString(item.basis, `${path}.basis`),
    };
  });
  const coFundingAgreements = read
    .array(schedule.coFundingAgreements, 'contributionSchedule.coFundingAgreements')
    .map((entry, index) => {
      const path = `contributionSchedule.coFundingAgreements[${index}]`;
      const item = read.object(entry, path);
      const agreementKey = key(item.key, `${path}.key`, 'coFundingAgreement');
      const municipalityId = municipalityRef(item.municipality, `${path}.municipality`);
      if (municipalityId === null && item.municipality == null) problems.push(`${path}.municipality: required`);
      return {
        key: agreementKey,
        agreementId: referenceDataId('coFundingAgreement', `${scheduleKey}:${agreementKey}`),
        municipalityId: municipalityId ?? '',
        coFunderName: read.string(item.coFunderName, `${path}.coFunderName`),
        baseRateCentsPerInhabitant: read.euros(item.baseRatePerInhabitant, `${path}.baseRatePerInhabitant`),
        firstWorkingYear: read.integer(item.firstWorkingYear, `${path}.firstWorkingYear`, 1900),
        lastWorkingYear:
          item.lastWorkingYear === null ? null : read.integer(item.lastWorkingYear, `${path}.lastWorkingYear`, 1900),
      };
    });

  const actingKey = read.string(file.actingOrganisation, 'actingOrganisation');
  const actingOrganisationId = organisationIds.get(actingKey);
  if (actingOrganisationId === undefined) {
    problems.push(`actingOrganisation: no organisation has the key "${actingKey}"`);
  }

  if (problems.length > 0) throw new InvalidDefaults(problems);
  return {
    dataset,
    version,
    actingOrganisationId: actingOrganisationId!,
    municipalities,
    organisations,
    rights,
    contributionSchedule: {
      id: referenceDataId('contributionSchedule', scheduleKey),
      ratePeriods,
      coFundingAgreements,
    },
  };
}

/** Reads typed values, recording a problem (and returning a placeholder) where the file has something else. */
class Reader {
  constructor(private readonly problems: string[]) {}

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.problems.push(`${path}: expected an object`);
    return {};
  }

  array(value: unknown, path: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.problems.push(`${path}: expected a list`);
    return [];
  }

  string(value: unknown, path: string): string {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.problems.push(`${path}: expected text`);
    return '';
  }

  optionalString(value: unknown, path: string): string | null {
    return value === null || value === undefined ? null : this.string(value, path);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value === 'boolean') return value;
    this.problems.push(`${path}: expected true or false`);
    return false;
  }

  integer(value: unknown, path: string, minimum: number): number {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum) return value;
    this.problems.push(`${path}: expected a whole number of at least ${minimum}`);
    return minimum;
  }

  euros(value: unknown, path: string): number {
    const cents = typeof value === 'string' ? parseEuros(value) : undefined;
    if (cents !== undefined) return cents;
    this.problems.push(`${path}: expected an amount in euros as text, such as "0.53"`);
    return 0;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${path}: expected one of ${allowed.join(', ')}`);
    return allowed[0]!;
  }
}
