import type { DataSource } from 'typeorm';
import { kekGenerations, type PersonalDataKeys, recordKekGeneration, retireKekGeneration } from '../shared/crypto';

/** What the app context hands the command (the composition root builds it). */
export interface KeyRotationContext {
  readonly dataSource: DataSource;
  readonly keys: PersonalDataKeys;
}

export interface KeyRotationOutput {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export const EXIT_OK = 0;
export const EXIT_INCOMPLETE = 1;

/**
 * `npm run keys:rotate`: rewraps every person's data key with the current key-encryption key
 * (`PERSONAL_DATA_KEK`), unwrapping with the previous one (`PERSONAL_DATA_KEK_PREVIOUS`). The data keys themselves,
 * and so every sealed value in events and read models, stay as they are. Safe to run while the service runs (each
 * key is rewrapped by a compare-and-set) and to run again. Exits 1 while any key is left wrapped by a KEK it was
 * not given. Names keys by their ids (fingerprints) only. docs/privacy.md, "Rotating the key-encryption key".
 */
export async function runKeyRotation(
  context: KeyRotationContext,
  output: KeyRotationOutput = process,
): Promise<number> {
  const { keyring } = context.keys;
  const describe = (counts: Map<string, number>) =>
    [...counts]
      .map(([kekId, keys]) => {
        const role = kekId === keyring.current.id ? 'current' : kekId === keyring.previous?.id ? 'previous' : 'unknown';
        return `${keys} wrapped by ${kekId} (${role})`;
      })
      .join(', ') || 'no data keys';
  output.stdout.write(
    `Current KEK ${keyring.current.id}; previous KEK ${keyring.previous?.id ?? '(none given)'}\n` +
      `Before: ${describe(await context.keys.countByKek(context.dataSource))}\n`,
  );
  await recordKekGeneration(context.dataSource, keyring.current.id);
  const summary = await context.keys.rewrapAll(context.dataSource, {
    onBatch: (done) => output.stdout.write(`  ${done} rewrapped\n`),
  });
  const after = await context.keys.countByKek(context.dataSource);
  output.stdout.write(`Rewrapped ${summary.rewrapped} data key(s). After: ${describe(after)}\n`);
  const left = [...after].filter(([kekId]) => kekId !== keyring.current.id).reduce((sum, [, keys]) => sum + keys, 0);
  if (left > 0) {
    output.stderr.write(
      `${left} data key(s) are wrapped by a KEK this run was not given: set PERSONAL_DATA_KEK_PREVIOUS to it and ` +
        'run again. Do not retire that KEK until this command ends with 0 left.\n',
    );
    return EXIT_INCOMPLETE;
  }
  output.stdout.write('Every data key is wrapped by the current KEK: PERSONAL_DATA_KEK_PREVIOUS can be removed.\n');
  if (keyring.previous !== undefined) await retireKekGeneration(context.dataSource, keyring.previous.id);
  await reportGenerations(context, output);
  return EXIT_OK;
}

/** The KEK generations of this database: which one may be destroyed from when (docs/privacy.md). */
async function reportGenerations(context: KeyRotationContext, output: KeyRotationOutput): Promise<void> {
  const current = context.keys.keyring.current.id;
  for (const generation of await kekGenerations(context.dataSource)) {
    const since = generation.firstUsedAt.toISOString().slice(0, 10);
    const state =
      generation.kekId === current
        ? 'current'
        : generation.retiredAt === null
          ? `still wraps ${generation.keys} key(s)`
          : `retired ${generation.retiredAt.toISOString().slice(0, 10)}: destroy it once every backup and WAL ` +
            'archive taken before that day has expired';
    output.stdout.write(`KEK ${generation.kekId}: first used ${since}, ${state}\n`);
  }
}

/**
 * Entry point: boots the app's context without projections (database, migrations, the key store) with this
 * configuration. In embedded mode the service must be stopped first: one process at a time can open a PGlite folder.
 */
async function main(): Promise<void> {
  const [{ NestFactory }, { AppModule }, { loadConfig }, { DataSource }, { PersonalDataKeys }] = await Promise.all([
    import('@nestjs/core'),
    import('../app.module'),
    import('../config/app-config'),
    import('typeorm'),
    import('../shared/crypto'),
  ]);
  const config = { ...loadConfig(), projectionsEnabled: false, logLevel: 'warn' as const };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  let code: number;
  try {
    code = await runKeyRotation({ dataSource: app.get(DataSource), keys: app.get(PersonalDataKeys) });
  } finally {
    await app.close();
  }
  process.exit(code);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // Configuration problems and our own errors say what to do and quote no value; a database error's message can.
    const safe = error instanceof Error && ['ConfigError', 'UnknownKeyEncryptionKey'].includes(error.name);
    process.stderr.write(
      `keys:rotate failed: ${safe ? error.message : error instanceof Error ? error.name : typeof error}\n`,
    );
    process.exit(error instanceof Error && error.name === 'ConfigError' ? 78 : 1);
  });
}
