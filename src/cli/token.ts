import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/app-config';
import { isRole, ROLES, type Role } from '../shared/auth/authenticated-user';
import { developmentSecret, mintDevelopmentToken } from '../shared/auth/development-tokens';
import { isIdentifier } from '../shared/auth/token-claims';
import { isUuid } from '../shared/domain/ids';
import { loadW13Defaults } from '../partners/reference-data/reference-data-defaults';

export interface TokenCommandOutput {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_CONFIG = 78;

const USAGE =
  'Usage: npm run token -- --role <role> --org <organisation id or key> [--role <role> ...] [--sub <userId>] ' +
  '[--name <name>] [--ttl <minutes>]\n' +
  `Roles: ${ROLES.join(', ')}\n`;

/**
 * The organisations every fresh service registers (the reference-data defaults), to choose `--org` from: by key
 * (`ocmw-kortrijk`) or id. The service refuses a token naming an organisation it does not know (docs/adr/0031);
 * organisations an administrator registered later are listed by `GET /organisations`.
 */
function defaultOrganisations(): readonly { key: string; id: string; name: string }[] {
  return loadW13Defaults().organisations.map(({ key, id, details }) => ({ key, id, name: details.name }));
}

function organisationChoices(): string {
  const organisations = defaultOrganisations();
  const width = Math.max(...organisations.map(({ key }) => key.length));
  return (
    'Organisations to choose from (the reference data; GET /organisations lists any registered later):\n' +
    organisations.map(({ key, id, name }) => `  ${key.padEnd(width)}  ${id}  ${name}\n`).join('')
  );
}

/**
 * `npm run token`: mints a development token that this configuration's service accepts, with the secret it uses
 * (`AUTH_DEV_SECRET`, or the one generated under `DATA_DIR`). Prints a summary line, then the token alone on the
 * last line (`TOKEN=$(npm run -s token -- … | tail -n 1)`). Refuses when the service verifies an identity
 * provider's tokens instead. Returns the exit code.
 */
export async function runTokenCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  output: TokenCommandOutput = process,
): Promise<number> {
  let values: { role?: string[]; org?: string; sub?: string; name?: string; ttl?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string', multiple: true },
        org: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    output.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    output.stdout.write(USAGE);
    return EXIT_OK;
  }

  const problems: string[] = [];
  const roles = (values.role ?? []).flatMap((role) => role.split(',')).map((role) => role.trim());
  if (roles.length === 0) problems.push('--role is required');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) problems.push(`unknown role(s): ${unknown.join(', ')}`);
  const organisationId =
    defaultOrganisations().find(({ key }) => key === values.org)?.id ?? (isUuid(values.org) ? values.org : undefined);
  if (values.org === undefined) problems.push('--org is required');
  else if (organisationId === undefined) problems.push('--org must be an organisation id or the key of one below');
  if (values.sub !== undefined && !isIdentifier(values.sub)) {
    problems.push('--sub must be an opaque user id (letters, digits, . _ : | -), not a name or e-mail address');
  }
  const ttlMinutes = values.ttl === undefined ? 480 : Number(values.ttl);
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < 1 || ttlMinutes > 7 * 24 * 60) {
    problems.push('--ttl must be a whole number of minutes from 1 to 10080');
  }
  if (problems.length > 0 || organisationId === undefined) {
    const choices = organisationId === undefined ? organisationChoices() : '';
    output.stderr.write(`${problems.join('\n')}\n${USAGE}${choices}`);
    return EXIT_USAGE;
  }

  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.stderr.write(`${error.message}\n`);
    return EXIT_CONFIG;
  }
  if (config.auth.mode === 'oidc') {
    output.stderr.write(
      'AUTH_OIDC_ISSUER is set: the service accepts only tokens of that identity provider, never development ' +
        'tokens. Get a token from the identity provider.\n',
    );
    return EXIT_REFUSED;
  }

  const secret = await developmentSecret(config.auth, config.dataDir);
  const issuedAt = new Date();
  const token = await mintDevelopmentToken(secret, {
    ...(values.sub === undefined ? {} : { userId: values.sub }),
    organisationId,
    roles: roles as Role[],
    ...(values.name === undefined ? {} : { name: values.name }),
    expiresInSeconds: ttlMinutes * 60,
    issuedAt,
  });
  const [, payload] = token.split('.');
  const { sub } = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { sub: string };
  const expires = new Date(issuedAt.getTime() + ttlMinutes * 60_000).toISOString();
  output.stdout.write(
    `Development token for user ${sub} of organisation ${organisationId}, roles ${roles.join(', ')}, ` +
      `valid until ${expires}:\n${token}\n`,
  );
  return EXIT_OK;
}

if (require.main === module) {
  runTokenCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`The token command failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
