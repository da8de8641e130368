import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MunicipalityRegister } from '../../partners';
import { CommandExecutor } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import { toPostalAddress } from '../common/address.request';
import { ClientAccess } from '../common/client-access';
import { ClientPersonalData } from '../common/client-personal-data';
import { clientStream } from '../common/client-streams';
import { municipalityProblems } from '../common/municipality-check';
import { clientDecider, municipalityOn } from '../domain/client.decider';
import { decodeClientEvent } from '../domain/client.decoder';
import { normaliseAddress } from '../domain/personal-details';
import { RecordMove, type RecordedMove } from './record-move.command';
import { moveProblems, RecordMoveRequest } from './record-move.request';

/**
 * Records a move, for a caller whose organisation sees the person; the new address, if given, is sealed with the
 * person's key. The body is checked first.
 */
@CommandHandler(RecordMove)
export class RecordMoveHandler implements ICommandHandler<RecordMove> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: ClientAccess,
    private readonly personalData: ClientPersonalData,
    private readonly municipalities: MunicipalityRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, clientId, body }: RecordMove): Promise<RecordedMove> {
    const date = today(this.clock);
    const request = await validateRequest(RecordMoveRequest, body, async (candidate, invalid) =>
      [
        ...moveProblems(candidate, date, invalid),
        ...(await municipalityProblems(this.municipalities, candidate.municipalityId, invalid)),
      ].filter((problem) => invalid.ok(problem.field)),
    );
    const { state } = await this.access.visibleEvenIfErased(caller.user, clientId);
    const address = request.address ? normaliseAddress(toPostalAddress(request.address)) : null;
    // Erased: the decider refuses; no key may be made (or found) for such a person.
    const sealedAddress =
      address === null || state.status === 'erased'
        ? null
        : this.personalData.sealAddress(await this.personalData.keyFor(clientId), address);
    const result = await this.executor.execute(
      clientStream(clientId),
      clientDecider,
      {
        type: 'RecordMove',
        municipalityId: request.municipalityId,
        municipalityKnown: true,
        effectiveDate: request.effectiveDate,
        address,
        sealedAddress,
        today: date,
      },
      caller.envelope,
      decodeClientEvent,
    );
    if (result.state.status === 'unregistered') throw new Error('A move left no person');
    return {
      municipalityId: request.municipalityId,
      effectiveDate: request.effectiveDate,
      currentMunicipalityId: municipalityOn(result.state, date),
      result,
    };
  }
}
