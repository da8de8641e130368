import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNames } from '../../clients';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { TrajectoryRegister } from '../intake-trajectories/trajectory-register';
import { caseloadItemOf, type CaseloadPage } from './caseload.view';
import { ListCaseload } from './list-caseload.query';

@QueryHandler(ListCaseload)
export class ListCaseloadHandler implements IQueryHandler<ListCaseload> {
  constructor(
    private readonly register: TrajectoryRegister,
    private readonly names: ClientNames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, filter, page: asked }: ListCaseload): Promise<CaseloadPage> {
    const page = await this.register.caseload({ ...filter, organisationId: caller.user.organisationId }, asked);
    const date = today(this.clock);
    for (const row of page.items) caller.accessLog.addPerson(row.clientId);
    const clientIds = page.items.map((row) => row.clientId);
    const names = await this.names.visibleTo(caller.user.organisationId, clientIds, date);
    return {
      items: page.items.map((row) => caseloadItemOf(row, date, names.get(row.clientId) ?? null)),
      nextCursor: page.nextCursor,
    };
  }
}
