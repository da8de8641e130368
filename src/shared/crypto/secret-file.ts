import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const OWNER_ONLY = 0o600;

/**
 * The content of a secret kept in `dataDir/file` (a generated development key), made with `create` on first use.
 * Creating is exclusive: when the service and a command-line tool start at once, one writes and the other reads.
 * The file is readable by its owner only (0600), a folder made for it too (0700); a file found with a wider mode,
 * from an older version or a copy, is narrowed to 0600 before it is read.
 */
export async function readOrCreateSecretFile(dataDir: string, file: string, create: () => string): Promise<string> {
  const path = join(dataDir, file);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${create()}\n`, { flag: 'wx', mode: OWNER_ONLY });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (((await stat(path)).mode & 0o777) !== OWNER_ONLY) await chmod(path, OWNER_ONLY);
  return (await readFile(path, 'utf8')).trim();
}
