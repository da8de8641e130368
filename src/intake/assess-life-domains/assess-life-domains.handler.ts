import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newResourceId } from '../../shared/commands/command-executor';
import { assessmentProblems } from '../domain/input-rules';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { AssessLifeDomains } from './assess-life-domains.command';
import { AssessLifeDomainsRequest } from './assess-life-domains.request';

@CommandHandler(AssessLifeDomains)
export class AssessLifeDomainsHandler implements ICommandHandler<AssessLifeDomains> {
  constructor(private readonly commands: IntakeCommands) {}

  execute(command: AssessLifeDomains): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: AssessLifeDomainsRequest,
      checks: (request) => assessmentProblems(request.scores, request.problemFlags ?? []),
      decided: ({ request, occurredOn, today, context }) => ({
        type: 'AssessLifeDomains',
        assessmentId: newResourceId(context, `intakeAssessment:${command.trajectoryId}`),
        scores: request.scores,
        problemFlags: request.problemFlags ?? [],
        occurredOn,
        today,
      }),
      created: ({ assessmentId }) => ({ assessmentId }),
    });
  }
}
