import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientAccessList, ClientNames } from '../../clients';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { IntakeTrajectoryRow } from '../intake-trajectories/intake-trajectory.row';
import { TrajectoryRegister } from '../intake-trajectories/trajectory-register';
import { caseloadItemOf } from '../list-caseload/caseload.view';
import { ListPersonTrajectories } from './list-person-trajectories.query';
import type { PersonTrajectoriesView } from './person-trajectory.view';

/**
 * A person's trajectories as `GET /intake-trajectories/{id}` would let the caller read them (docs/adr/0028): those
 * its organisation is responsible for, and those it transferred on while it may see the person. Nothing for
 * anyone else, an unknown person included, so the answer tells no one whom other organisations work with.
 */
@QueryHandler(ListPersonTrajectories)
export class ListPersonTrajectoriesHandler implements IQueryHandler<ListPersonTrajectories> {
  constructor(
    private readonly register: TrajectoryRegister,
    private readonly clients: ClientAccessList,
    private readonly names: ClientNames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, clientId }: ListPersonTrajectories): Promise<PersonTrajectoriesView> {
    caller.accessLog.addPerson(clientId);
    const { organisationId } = caller.user;
    const rows = await this.register.ofPerson(clientId);
    const handedOn = rows.filter((row) => row.organisationId !== organisationId && handedOnBy(row, organisationId));
    const maySee = handedOn.length > 0 && (await this.clients.of(clientId)).maySee(organisationId, this.clock.now());
    const date = today(this.clock);
    const name = (await this.names.visibleTo(organisationId, [clientId], date)).get(clientId) ?? null;
    return {
      items: rows
        .filter((row) => row.organisationId === organisationId || (maySee && handedOn.includes(row)))
        .map((row) => ({
          ...caseloadItemOf(row, date, name),
          organisationId: row.organisationId,
          responsible: row.organisationId === organisationId,
        })),
    };
  }
}

/** Whether `organisationId` transferred the trajectory on, as its timeline tells. */
function handedOnBy(row: IntakeTrajectoryRow, organisationId: string): boolean {
  return row.detail.timeline.some(
    (entry) => entry.type === 'ResponsibilityTransferred' && entry.facts.fromOrganisationId === organisationId,
  );
}
