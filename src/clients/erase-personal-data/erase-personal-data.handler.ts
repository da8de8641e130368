import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { clientDecider, type ClientState } from '../domain/client.decider';
import { decodeClientEvent } from '../domain/client.decoder';
import { ClientPersonalData } from '../common/client-personal-data';
import { clientStream } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { requestErasureRewrite, rewriteErasedTables } from '../erasure/erasure-rewrites';
import { today } from '../../shared/domain/today';
import { ErasePersonalData } from './erase-personal-data.command';

/**
 * GDPR art. 17, in this order: append `ClientPersonalDataErased` (the record that it happened, and the fact every
 * projection scrubs on), then destroy the person's data key and their blind indexes, then rewrite both tables so
 * that the old row versions holding them leave the database's files too (ADR 0022). A crash in between is repaired
 * by repeating the erasure (it appends nothing the second time, then destroys and rewrites what is left) and by the
 * `clients.erasures` projection, which replays every erasure on this database.
 */
@CommandHandler(ErasePersonalData)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalData> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly personalData: ClientPersonalData,
    private readonly identities: IdentityIndex,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, clientId }: ErasePersonalData): Promise<CommandResult<ClientState>> {
    const result = await this.executor.execute(
      clientStream(clientId),
      clientDecider,
      { type: 'ErasePersonalData', today: today(this.clock) },
      caller.envelope,
      decodeClientEvent,
    );
    await this.personalData.shred(clientId);
    await this.identities.remove([clientId]);
    if (!(await rewriteErasedTables(this.dataSource))) await requestErasureRewrite(this.dataSource);
    return result;
  }
}
