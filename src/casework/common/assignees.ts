import { Injectable } from '@nestjs/common';
import type { InvalidFields } from '../../shared/commands/request-validation';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { KnownUsers } from '../known-users/known-users';

/**
 * Who may be assigned a task (docs/adr/0030): the caller, or a social worker whose latest event was written for the
 * caller's organisation (the known-users read model). Anyone else, of another organisation or never seen, is a 400
 * on `assigneeId` that says no more.
 */
@Injectable()
export class Assignees {
  constructor(private readonly users: KnownUsers) {}

  async problems(
    assigneeId: string | undefined,
    caller: AuthenticatedUser,
    invalid: InvalidFields,
  ): Promise<FieldProblem[]> {
    if (assigneeId === undefined || !invalid.ok('assigneeId') || assigneeId === caller.userId) return [];
    if (await this.users.belongsTo(assigneeId, caller.organisationId)) return [];
    return [{ field: 'assigneeId', message: 'assigneeId must be a social worker of your organisation' }];
  }
}
