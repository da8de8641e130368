import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ClientAccessList } from '../../clients';
import { RightsCatalogue } from '../../partners';
import { needProblems, NOT_OFFERED } from '../domain/input-rules';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { ExploreRight } from './explore-right.command';
import { ExploreRightRequest } from './explore-right.request';

/** The right must be offered in the municipality the person lived in on `occurredOn` (a 400 otherwise). */
@CommandHandler(ExploreRight)
export class ExploreRightHandler implements ICommandHandler<ExploreRight> {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly catalogue: RightsCatalogue,
    private readonly clients: ClientAccessList,
  ) {}

  execute(command: ExploreRight): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: ExploreRightRequest,
      checks: async (request, invalid, trajectory, today) => [
        ...needProblems(trajectory, request.needId ?? null),
        ...(invalid.ok('rightId') &&
        !(await this.offered(request.rightId, trajectory.clientId, request.occurredOn ?? today))
          ? [NOT_OFFERED]
          : []),
      ],
      decided: async ({ request, occurredOn, today }) => ({
        type: 'ExploreRight',
        rightId: request.rightId,
        lifeDomain: (await this.catalogue.find(request.rightId))!.lifeDomain,
        rightOffered: true,
        needId: request.needId ?? null,
        occurredOn,
        today,
      }),
    });
  }

  /** Offered in the municipality the person lived in on the date (a date not yet valid reads as today's). */
  private async offered(rightId: string, clientId: string, on: string): Promise<boolean> {
    const municipalityId = (await this.clients.of(clientId)).municipalityOfResidence(on);
    return municipalityId !== undefined && (await this.catalogue.appliesIn(rightId, municipalityId));
  }
}
