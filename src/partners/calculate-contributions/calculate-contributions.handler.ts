import { Injectable } from '@nestjs/common';
import { ContributionScheduleQuery } from '../contribution-schedule/contribution-schedule.query';
import { computeContributions, type ContributionReport, populationYearOf } from '../domain/contributions';
import { MunicipalitiesQuery } from '../municipality-register/municipalities.query';

/** The member contributions of a working year, from the read models (eventually consistent with the events). */
@Injectable()
export class CalculateContributionsHandler {
  constructor(
    private readonly municipalities: MunicipalitiesQuery,
    private readonly schedule: ContributionScheduleQuery,
  ) {}

  async execute(workingYear: number): Promise<ContributionReport> {
    const [members, populations, schedule] = await Promise.all([
      this.municipalities.members(),
      this.municipalities.populationsIn(populationYearOf(workingYear)),
      this.schedule.current(),
    ]);
    return computeContributions({
      workingYear,
      members: members.map((member) => {
        const figure = populations.get(member.municipalityId);
        return {
          municipalityId: member.municipalityId,
          name: member.name,
          population: figure?.population ?? null,
          approximate: figure?.approximate ?? false,
        };
      }),
      ratePeriods: schedule?.ratePeriods ?? [],
      coFundingAgreements: schedule?.coFundingAgreements ?? [],
    });
  }
}
