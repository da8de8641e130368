import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CommandContext, CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { clientDecider, type ClientState } from '../domain/client.decider';
import { ClientPersonalData } from '../common/client-personal-data';
import { clientStream } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { requestErasureRewrite, rewriteErasedTables } from '../erasure/erasure-rewrites';
import { rethrowAsProblem } from '../common/openapi';
import { today } from '../../shared/domain/today';

/**
 * GDPR art. 17, in this order: append `ClientPersonalDataErased` (the record that it happened, and the fact every
 * projection scrubs on), then destroy the person's data key and their blind indexes, then rewrite both tables so
 * that the old row versions holding them leave the database's files too (ADR 0022). A crash in between is repaired
 * by repeating the erasure (it appends nothing the second time, then destroys and rewrites what is left) and by the
 * `clients.erasures` projection, which replays every erasure on this database.
 */
@Injectable()
export class ErasePersonalDataHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly personalData: ClientPersonalData,
    private readonly identities: IdentityIndex,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(clientId: string, context: CommandContext): Promise<CommandResult<ClientState>> {
    const result = await this.executor
      .execute(clientStream(clientId), clientDecider, { type: 'ErasePersonalData', today: today(this.clock) }, context)
      .catch(rethrowAsProblem);
    await this.personalData.shred(clientId);
    await this.identities.remove([clientId]);
    if (!(await rewriteErasedTables(this.dataSource))) await requestErasureRewrite(this.dataSource);
    return result;
  }
}
