import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../shared/commands/command-executor';
import { validateRequest } from '../../shared/commands/request-validation';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { refuse } from '../../shared/domain/domain-error';
import { today } from '../../shared/domain/today';
import { currentPersonalData } from '../client-summary/client-summaries';
import { ClientAccess } from '../common/client-access';
import { ClientPersonalData } from '../common/client-personal-data';
import { clientStream } from '../common/client-streams';
import { clientDecider } from '../domain/client.decider';
import { decodeClientEvent } from '../domain/client.decoder';
import { normalisePersonalDetails, type PersonalDetails, preferredLanguageOf } from '../domain/personal-details';
import { ChangeContactDetails, type ChangedContactDetails } from './change-contact-details.command';
import { ChangeContactDetailsRequest, contactDetailsProblems } from './change-contact-details.request';

/**
 * Changes a person's phone or preferred language, for a caller whose organisation sees them (checked before the
 * body: docs/architecture.md §6a). The details are opened from the stream, changed and sealed again whole with the
 * person's key; the same details again write nothing.
 */
@CommandHandler(ChangeContactDetails)
export class ChangeContactDetailsHandler implements ICommandHandler<ChangeContactDetails> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: ClientAccess,
    private readonly personalData: ClientPersonalData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, clientId, body }: ChangeContactDetails): Promise<ChangedContactDetails> {
    const date = today(this.clock);
    const { state, events } = await this.access.visibleEvenIfErased(caller.user, clientId);
    const request = await validateRequest(ChangeContactDetailsRequest, body, contactDetailsProblems);
    // Erased: nothing left to open or change (the same 409 the decider gives every change).
    const key = state.status === 'erased' ? undefined : await this.personalData.find(clientId);
    if (!key) refuse('CLIENT_ERASED', "This person's personal data has been erased");
    const before = this.personalData.openDetails(key, currentPersonalData(events));
    const after: PersonalDetails = normalisePersonalDetails({
      ...before,
      ...(request.phone === undefined ? {} : { phone: request.phone }),
      ...(request.preferredLanguage === undefined ? {} : { preferredLanguage: request.preferredLanguage }),
    });
    const result = await this.executor.execute(
      clientStream(clientId),
      clientDecider,
      {
        type: 'ChangeContactDetails',
        details: after,
        sealedPersonalData: this.personalData.sealDetails(key, after),
        changed: after.phone !== before.phone || after.preferredLanguage !== preferredLanguageOf(before),
        today: date,
      },
      caller.envelope,
      decodeClientEvent,
    );
    return { phone: after.phone, preferredLanguage: preferredLanguageOf(after), result };
  }
}
