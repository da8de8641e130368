import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFile = promisify(execFileCallback);

/**
 * A PostgreSQL cluster of its own, made with `initdb` in a temporary folder and served on a free loopback port: a
 * "new server" to restore a dump onto. `stop()` kills it and removes the folder; call it in `finally`/`afterAll`.
 *
 * initdb refuses to run as root (CI runs as root): then the server's programs run as the `postgres` OS user through
 * `runuser`, in a folder that user owns. Each program is taken from the first of `PG_BIN`, /usr/local/bin and
 * /usr/lib/postgresql/<newest>/bin that has it.
 */
export interface TemporaryCluster {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication, loopback only). */
  url(database: string): string;
  /** Runs a client program of the same installation (pg_dump, pg_restore, psql) and returns its stdout. */
  run(program: string, args: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startTemporaryCluster(): Promise<TemporaryCluster> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'onthaal-cluster-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim()));
    await chown(dir, uid!, gid!);
  }
  const server = (program: string, args: readonly string[]) =>
    asRoot
      ? execFile('runuser', ['-u', 'postgres', '--', programPath(program), ...args], { cwd: dir })
      : execFile(programPath(program), args, { cwd: dir });
  const data = join(dir, 'data');
  let started = false;
  const stop = async () => {
    if (started) await server('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
    started = false;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await server('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    started = true;
    // Durability is beside the point here: fsync off keeps a restore fast on a busy machine.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await server('pg_ctl', ['start', '-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60']);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    run: async (program, args) => (await execFile(programPath(program), args, { maxBuffer: 64 * 1024 * 1024 })).stdout,
    stop,
  };
}

function programPath(program: string): string {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const folders = [
    process.env.PG_BIN,
    '/usr/local/bin',
    ...versions.map((version) => `/usr/lib/postgresql/${version}/bin`),
  ].filter((folder): folder is string => folder !== undefined && folder !== '');
  const found = folders.find((folder) => existsSync(join(folder, program)));
  if (found === undefined) throw new Error(`${program} not found in ${folders.join(', ')}: set PG_BIN`);
  return join(found, program);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
