import type { OpenAPIObject } from '@nestjs/swagger';
import { ROLES_EXTENSION } from './access.decorators';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Writes each protected operation's roles (from `@Roles`) into its description, where people reading the API look;
 * `x-roles` stays for tools.
 */
export function describeAccess(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method] as (Record<string, unknown> & { description?: string }) | undefined;
      const roles = operation?.[ROLES_EXTENSION] as readonly string[] | undefined;
      if (operation === undefined || roles === undefined) continue;
      const line = `**Roles:** ${roles.map((role) => `\`${role}\``).join(', ')}`;
      operation.description = operation.description ? `${operation.description}\n\n${line}` : line;
    }
  }
  return document;
}
