/**
 * Which organisations this service knows. A token is refused (403 `TOKEN_ORGANISATION_UNKNOWN`) when its organisation is
 * not one of them: a typo in an identity provider's mapping, or a development token minted with a made-up id, must
 * not act in an organisation nobody registered (docs/adr/0031-known-organisations-and-member-analysts.md). The
 * capability that registers organisations provides it; the composition root binds it.
 */
export interface OrganisationRegistry {
  isRegistered(organisationId: string): Promise<boolean>;
}

export const ORGANISATION_REGISTRY = Symbol('OrganisationRegistry');
