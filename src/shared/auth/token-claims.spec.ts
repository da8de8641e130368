import { TokenRejected, userFromClaims } from './token-claims';

const VALID = { sub: 'f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b', org: 'ocmw-kortrijk', roles: ['social_worker'] };

describe('userFromClaims', () => {
  it('maps sub, org, roles and name to the user', () => {
    expect(userFromClaims({ ...VALID, roles: ['dpo', 'admin', 'dpo'], name: 'Els' })).toEqual({
      userId: VALID.sub,
      organisationId: 'ocmw-kortrijk',
      roles: ['dpo', 'admin'],
      name: 'Els',
    });
  });

  it('accepts a single role as a string, and other claim names when configured', () => {
    expect(
      userFromClaims(
        { sub: 'auth0|5f7c8ec7', 'https://x/org': 'caw', 'https://x/roles': 'analyst' },
        {
          organisation: 'https://x/org',
          roles: 'https://x/roles',
        },
      ),
    ).toEqual({ userId: 'auth0|5f7c8ec7', organisationId: 'caw', roles: ['analyst'] });
  });

  it.each([
    ['no subject', { ...VALID, sub: undefined }],
    ['an e-mail address as subject', { ...VALID, sub: 'els@ocmw.example' }],
    ['a subject with spaces', { ...VALID, sub: 'Els Peeters' }],
    ['no organisation', { ...VALID, org: undefined }],
    ['an organisation that is not a string', { ...VALID, org: 42 }],
    ['no roles', { ...VALID, roles: [] }],
    ['roles that are not a list of strings', { ...VALID, roles: [{ role: 'dpo' }] }],
    ['an unknown role among known ones', { ...VALID, roles: ['dpo', 'root'] }],
  ])('refuses %s', (_name, payload) => {
    expect(() => userFromClaims(payload)).toThrow(TokenRejected);
  });

  it('drops a name that is not a short string rather than refusing the token', () => {
    expect(userFromClaims({ ...VALID, name: 'x'.repeat(500) })).not.toHaveProperty('name');
    expect(userFromClaims({ ...VALID, name: 7 })).not.toHaveProperty('name');
  });
});
