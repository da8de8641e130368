import { Controller, Get } from '@nestjs/common';
import { Public, Roles } from './access.decorators';
import { accessDeclaration, admits } from './access-policy';
import type { AuthenticatedUser } from './authenticated-user';

@Controller('a')
class Undeclared {
  @Get() handler() {}
}

@Roles('dpo')
@Controller('b')
class DpoController {
  @Get() inherits() {}
  @Get('open') @Public() open() {}
  @Get('admin') @Roles('admin') ownRoles() {}
}

@Public()
@Controller('c')
class PublicController {
  @Get() open() {}
  @Get('closed') @Roles('analyst') closed() {}
  @Get('both') @Public() @Roles('analyst') both() {}
}

const declared = (controller: new () => object, handler: string) =>
  accessDeclaration((controller.prototype as Record<string, () => unknown>)[handler]!, controller);

const user = (...roles: AuthenticatedUser['roles']): AuthenticatedUser => ({
  userId: 'u-1',
  organisationId: 'org-1',
  roles,
});

describe('accessDeclaration', () => {
  it('finds nothing on an undeclared handler, which then admits no one', () => {
    const declaration = declared(Undeclared, 'handler');
    expect(declaration).toEqual({ kind: 'undeclared' });
    expect(admits(declaration, user('admin', 'dpo', 'social_worker', 'coordinator', 'analyst', 'volunteer'))).toBe(
      false,
    );
  });

  it("takes the controller's declaration when the handler has none, and the handler's own first", () => {
    expect(declared(DpoController, 'inherits')).toEqual({
      kind: 'roles',
      roles: ['dpo'],
    });
    expect(declared(DpoController, 'open')).toEqual({ kind: 'public' });
    expect(declared(DpoController, 'ownRoles')).toEqual({
      kind: 'roles',
      roles: ['admin'],
    });
    expect(declared(PublicController, 'open')).toEqual({ kind: 'public' });
    expect(declared(PublicController, 'closed')).toEqual({
      kind: 'roles',
      roles: ['analyst'],
    });
  });

  it('reads @Public with @Roles on one handler as closed', () => {
    expect(declared(PublicController, 'both')).toEqual({
      kind: 'roles',
      roles: ['analyst'],
    });
  });
});

describe('admits', () => {
  it('admits a user holding one of the roles, and no one else', () => {
    const declaration = { kind: 'roles', roles: ['dpo', 'admin'] } as const;
    expect(admits(declaration, user('social_worker', 'admin'))).toBe(true);
    expect(admits(declaration, user('social_worker', 'coordinator'))).toBe(false);
  });
});
