import { foldEvents } from '../../shared/domain/decider';
import { contributionScheduleDecider } from '../domain/contribution-schedule.decider';
import type { ContributionScheduleEvent } from '../domain/contribution-schedule.events';
import { referenceDataId } from './reference-data-ids';
import { InvalidDefaults, loadW13Defaults, parseDefaults } from './reference-data-defaults';
import w13DefaultsFile from './w13-defaults.json';
import { W13_MEMBERS } from '../../../test/support/w13-members';

describe('the W13 defaults file', () => {
  const defaults = loadW13Defaults();

  it('lists the 14 member municipalities of docs/domain.md, each with its OCMW', () => {
    expect(defaults.municipalities.map((municipality) => municipality.details.name)).toEqual(W13_MEMBERS);
    expect(defaults.municipalities.every((municipality) => municipality.details.member)).toBe(true);
    for (const municipality of defaults.municipalities) {
      expect(defaults.organisations).toContainEqual(
        expect.objectContaining({
          details: expect.objectContaining({ type: 'ocmw', municipalityId: municipality.id }),
        }),
      );
    }
  });

  it('marks every population it cannot source as approximate', () => {
    const figures = defaults.municipalities.flatMap((municipality) => municipality.populations);
    expect(figures.length).toBeGreaterThanOrEqual(14 * 2);
    expect(figures.filter((figure) => figure.source === null).every((figure) => figure.approximate)).toBe(true);
  });

  it('names the CAW, the W13 services and the external partners, Konekti with its one-month deadline', () => {
    const byName = new Map(
      defaults.organisations.map((organisation) => [organisation.details.name, organisation.details]),
    );
    for (const name of ['Energiehuis', 'Budget In Zicht', 'Woonclub', 'kracht.wonen', 'wijk-werken', 'FoodAct13']) {
      expect(byName.get(name)).toMatchObject({ type: 'w13_service' });
    }
    expect(byName.get('Konekti')).toMatchObject({ type: 'external', responseDeadlineDays: 30 });
    expect(byName.get('Solentra')).toMatchObject({ type: 'external' });
    expect(defaults.organisations.filter((organisation) => organisation.details.type === 'caw')).toHaveLength(1);
  });

  it('has a starter rights catalogue at every level, with the rights docs/domain.md names', () => {
    const names = defaults.rights.map((right) => right.details.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'UiTPAS kansentarief',
        'Verhoogde tegemoetkoming',
        'Sociaal tarief voor energie',
        'Aanvullende financiële steun op basis van REMI',
      ]),
    );
    expect(new Set(defaults.rights.map((right) => right.details.level))).toEqual(
      new Set(['local', 'flemish', 'federal']),
    );
  });

  it('has the rate history €0.50, indexed €0.53, €1.00, in periods the schedule accepts', () => {
    const { id: scheduleId, ratePeriods } = defaults.contributionSchedule;
    expect(ratePeriods.map((period) => period.rateCentsPerInhabitant)).toEqual([50, 53, 100]);
    const events: ContributionScheduleEvent[] = [];
    for (const { key: _key, ...period } of ratePeriods) {
      const state = foldEvents(contributionScheduleDecider, events);
      events.push(...contributionScheduleDecider.decide({ type: 'AddRatePeriod', scheduleId, period }, state));
    }
    expect(events).toHaveLength(3);
  });

  it('derives the same ids on every load, different per kind and key', () => {
    expect(loadW13Defaults()).toEqual(defaults);
    expect(referenceDataId('municipality', 'kortrijk')).toBe(referenceDataId('municipality', 'kortrijk'));
    expect(referenceDataId('municipality', 'kortrijk')).not.toBe(referenceDataId('organisation', 'kortrijk'));
    expect(referenceDataId('municipality', 'kortrijk')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('refuses a file with mistakes, listing every one of them', () => {
    const broken = structuredClone(w13DefaultsFile) as unknown as {
      organisations: { municipality: string | null; type: string }[];
      municipalities: { key: string }[];
      contributionSchedule: { ratePeriods: { ratePerInhabitant: unknown }[] };
    };
    broken.organisations[1]!.municipality = 'brugge';
    broken.organisations[2]!.type = 'hospital';
    broken.municipalities[1]!.key = broken.municipalities[0]!.key;
    broken.contributionSchedule.ratePeriods[0]!.ratePerInhabitant = 0.5;
    const problems = (() => {
      try {
        parseDefaults(broken);
        return [];
      } catch (error) {
        return error instanceof InvalidDefaults ? error.problems : ['not InvalidDefaults'];
      }
    })();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^organisations\[1\]\.municipality: no municipality has the key "brugge"/),
        expect.stringMatching(/^organisations\[2\]\.type: expected one of/),
        expect.stringMatching(/^municipalities\[1\]\.key: the municipality key "anzegem" is used twice/),
        expect.stringMatching(/^contributionSchedule\.ratePeriods\[0\]\.ratePerInhabitant: expected an amount/),
      ]),
    );
  });
});
