import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { authHeader } from '../support/auth';
import { startTestApp, type TestApp } from '../support/app';

/**
 * A client program as a team outside would write it: types generated from `/docs-json` by openapi-typescript,
 * calls through openapi-fetch. The types are generated afresh by each run rather than committed: they follow every
 * change of the API by themselves (a committed copy of some 300 KB would conflict with every DTO change and need
 * regenerating at each merge), and the compiler below proves the program against the document the app serves now.
 * The generator runs as its command (it is ESM only, which Jest on Node 20 cannot load).
 */
const PROGRAM = `
import createClient from 'openapi-fetch';
import type { components, paths } from './onthaal-api';

type Organisation = components['schemas']['OrganisationView'];
type Problem = components['schemas']['ProblemResponse'];

export interface Registered {
  readonly municipalityId: string;
  readonly organisation: Organisation;
  readonly etag: string | null;
  readonly refusal: Problem;
}

export async function registerPartners(baseUrl: string, authorization: string, name: string): Promise<Registered> {
  const client = createClient<paths>({ baseUrl, headers: { authorization } });
  const key = \`municipality-\${name.replaceAll(' ', '-')}\`;
  const municipality = await client.POST('/municipalities', {
    body: { name, nisCode: null, member: true, populations: [{ year: 2024, population: 12_345 }] },
    params: { header: { 'Idempotency-Key': key } },
  });
  if (municipality.data === undefined) throw new Error(\`municipality refused: \${municipality.error.code}\`);
  const municipalityId: string = municipality.data.municipalityId;
  const organisation = await client.POST('/organisations', {
    body: { name: \`OCMW \${name}\`, type: 'ocmw', municipalityId, services: ['integrated broad intake'], responseDeadlineDays: 14 },
  });
  if (organisation.data === undefined) throw new Error(\`organisation refused: \${organisation.error.code}\`);
  // The key of the first call with another body: refused, and the problem is typed like any answer.
  const refused = await client.POST('/municipalities', {
    body: { name: \`\${name} bis\`, member: false },
    params: { header: { 'Idempotency-Key': key } },
  });
  if (refused.error === undefined) throw new Error('the key was taken for another request');
  return {
    municipalityId,
    organisation: organisation.data,
    etag: organisation.response.headers.get('etag'),
    refusal: refused.error,
  };
}
`;

/** The proof that the types bind: an organisation type the API does not know must not compile. */
const MISUSE = `
import createClient from 'openapi-fetch';
import type { paths } from './onthaal-api';

export async function misuse(): Promise<void> {
  await createClient<paths>().POST('/organisations', { body: { name: 'Bank', type: 'bank', services: [] } });
}
`;

/** A default is the server's to apply: a field that has one stays optional in a request. */
const GENERATOR_OPTIONS = ['--default-non-nullable=false'];

describe('a client generated from the OpenAPI document', () => {
  let service: TestApp;
  let directory: string;

  beforeAll(async () => {
    service = await startTestApp({ kind: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
    await service.app.listen(0, '127.0.0.1');
    // Beside the tests, so that the compiler and Jest find openapi-fetch in the project's node_modules.
    directory = await mkdtemp(join(__dirname, '.typed-client-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await service.dispose();
  });

  it('compiles against the generated types and registers a municipality and an organisation', async () => {
    const document = await service.request({ method: 'GET', url: '/docs-json' });
    await writeFile(join(directory, 'openapi.json'), document.body);
    const generator = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
    await promisify(execFile)(
      process.execPath,
      [generator, 'openapi.json', '-o', 'onthaal-api.d.ts', ...GENERATOR_OPTIONS],
      {
        cwd: directory,
        timeout: 45_000,
      },
    );
    const program = join(directory, 'register-partners.ts');
    await writeFile(program, PROGRAM);
    const misuse = join(directory, 'misuse.ts');
    await writeFile(misuse, MISUSE);

    const compiled = ts.createProgram([program, misuse], {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      lib: ['lib.es2023.d.ts'],
      // fetch, Request and Response as Node.js declares them.
      types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(compiled).map((diagnostic) => ({
      file: diagnostic.file?.fileName,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
    expect(diagnostics).toEqual([{ file: misuse, message: expect.stringContaining('"bank"') }]);

    const { port } = service.app.getHttpServer().address() as AddressInfo;
    const { registerPartners } = (await import(program)) as {
      registerPartners: (baseUrl: string, authorization: string, name: string) => Promise<Record<string, unknown>>;
    };
    const name = `Typedorp ${randomUUID().slice(0, 8)}`;
    const { authorization } = await authHeader({ role: 'admin' });
    const registered = await registerPartners(`http://127.0.0.1:${port}`, authorization, name);
    expect(registered).toEqual({
      municipalityId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      organisation: expect.objectContaining({
        name: `OCMW ${name}`,
        type: 'ocmw',
        municipalityId: registered.municipalityId,
        responseDeadlineDays: 14,
        active: true,
      }),
      etag: '"0"',
      refusal: expect.objectContaining({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', requestId: expect.any(String) }),
    });
    const read = await service.request({
      method: 'GET',
      url: `/municipalities/${registered.municipalityId as string}`,
      headers: { authorization },
    });
    expect(read.json()).toMatchObject({ name, populations: [expect.objectContaining({ population: 12_345 })] });
  });
});
