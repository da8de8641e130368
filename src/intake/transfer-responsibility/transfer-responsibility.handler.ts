import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { ClientAccessList } from '../../clients';
import { OrganisationDirectory } from '../../partners';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { NOT_ACTIVE } from '../domain/input-rules';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { TransferResponsibility } from './transfer-responsibility.command';
import { TransferResponsibilityRequest } from './transfer-responsibility.request';

/**
 * The receiving organisation claims (person, organisation) before the append, the giving one's claim is released
 * after (docs/adr/0014).
 */
@CommandHandler(TransferResponsibility)
export class TransferResponsibilityHandler implements ICommandHandler<TransferResponsibility> {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly organisations: OrganisationDirectory,
    private readonly clients: ClientAccessList,
    private readonly claims: OpenIntakeClaims,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: TransferResponsibility): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: TransferResponsibilityRequest,
      checks: async (request, invalid) =>
        invalid.ok('toOrganisationId') && !(await this.organisations.find(request.toOrganisationId))?.active
          ? [NOT_ACTIVE]
          : [],
      decided: async ({ request, trajectory, occurredOn, today }) => ({
        type: 'TransferResponsibility',
        toOrganisationId: request.toOrganisationId,
        toOrganisationActive: true,
        receiverMaySeeClient: (await this.clients.of(trajectory.clientId)).maySee(
          request.toOrganisationId,
          this.clock.now(),
        ),
        reason: request.reason,
        caseworkerId: request.caseworkerId,
        occurredOn,
        today,
      }),
      before: ({ request, trajectory }) =>
        this.claims.claim(trajectory.clientId, request.toOrganisationId, trajectory.trajectoryId),
      after: ({ trajectory }) =>
        this.claims.release(trajectory.clientId, trajectory.organisationId, trajectory.trajectoryId),
    });
  }
}
