import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '../../shared/domain/domain-error';
import { ContributionScheduleReadModel } from '../contribution-schedule/contribution-schedule.read-model';
import { computeContributions, type ContributionReport, populationYearOf } from '../domain/contributions';
import { MunicipalityRegister } from '../municipality-register/municipality-register';
import { CalculateContributions } from './calculate-contributions.query';

/** The member contributions of a working year, from the read models (eventually consistent with the events). */
@QueryHandler(CalculateContributions)
export class CalculateContributionsHandler implements IQueryHandler<CalculateContributions> {
  constructor(
    private readonly municipalities: MunicipalityRegister,
    private readonly schedule: ContributionScheduleReadModel,
  ) {}

  async execute({ workingYear }: CalculateContributions): Promise<ContributionReport & { readonly kind: 'report' }> {
    const [members, populations, schedule] = await Promise.all([
      this.municipalities.members(),
      this.municipalities.populationsIn(populationYearOf(workingYear)),
      this.schedule.current(),
    ]);
    const report = computeContributions({
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
    if (report.kind === 'no_rate') {
      throw new NotFound('CONTRIBUTION_RATE_NOT_SET', `No contribution rate covers working year ${workingYear}`);
    }
    return report;
  }
}
