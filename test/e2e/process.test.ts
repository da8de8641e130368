import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlags } from '../../bench/support/start-flags';
import { TEST_AUTH_SECRET, tokenFor } from '../support/auth';
import { typeScriptEntry } from '../support/typescript-process';

/** `src/main.ts` as `npm start` runs it (its `node` flags: the heap bound), in its own process. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, [...startFlags(), ...typeScriptEntry('src/main.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/**
 * How long a start may take: the embedded database's first start runs every migration, and on a machine whose cores
 * are busy with other work a start took over 45 s. A bound, not a speed requirement.
 */
const START_TIMEOUT_MS = 240_000;
/** A test that starts the service: the start, plus what it then does. */
const STARTING_TEST_TIMEOUT_MS = START_TIMEOUT_MS + 120_000;

async function until(condition: () => boolean, timeoutMs: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; ${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the service process', () => {
  it('runs with a bounded heap, the same in `npm start` and in the Docker image (docs/adr/0019)', async () => {
    const flags = startFlags();
    expect(flags).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
    const dockerfile = await readFile('Dockerfile', 'utf8');
    expect(dockerfile).toContain(`ENV NODE_OPTIONS=${flags.join(' ')}\n`);
    expect(dockerfile).toMatch(/CMD \["node", "dist\/main\.js"\]/);
  });

  it(
    'refuses to start on a bad configuration, naming each variable and what it expects',
    async () => {
      const main = startMain({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x' });
      expect(await main.exited).toBe(78);
      const { stderr, stdout } = main.output();
      expect(stderr).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
      expect(stderr).toContain('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
      expect(stderr + stdout).not.toContain('hunter2');
    },
    STARTING_TEST_TIMEOUT_MS,
  );

  it(
    'starts on the embedded default, says embedded mode is for development, and shuts down gracefully',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'onthaal-process-'));
      try {
        const main = startMain({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
        await until(
          () => main.output().stdout.includes('Nest application successfully started'),
          START_TIMEOUT_MS,
          () => `stderr: ${main.output().stderr}`,
        );
        expect(main.output().stdout).toMatch(
          /Embedded mode: PGlite database in .* For trying out and development only/,
        );
        main.child.kill('SIGTERM');
        expect(await main.exited).toBe(0);
        expect(main.output().stdout).toContain('"msg":"Stopped"');
        expect(main.output().stderr).toBe('');
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    STARTING_TEST_TIMEOUT_MS,
  );

  it(
    'on SIGTERM stops accepting first, finishes a request in flight while projections run, then stops them',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'onthaal-process-'));
      const port = await freePort();
      try {
        const main = startMain({
          DATA_DIR: dataDir,
          PORT: String(port),
          HOST: '127.0.0.1',
          AUTH_DEV_SECRET: TEST_AUTH_SECRET,
        });
        await until(
          () => main.output().stdout.includes('Nest application successfully started'),
          START_TIMEOUT_MS,
          () => `stderr: ${main.output().stderr}`,
        );
        // Listening comes a moment after the start is logged.
        const deadline = Date.now() + 60_000;
        while (!(await connects(port))) {
          if (Date.now() > deadline) throw new Error(`not listening; stdout: ${main.output().stdout}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const body = JSON.stringify({ name: `Gemeente ${Date.now()}`, member: false });
        const socket = connect(port, '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        // `Expect: 100-continue`: the interim answer proves the server has the request before the signal is sent.
        socket.write(
          [
            'POST /municipalities HTTP/1.1',
            'Host: localhost',
            `Authorization: Bearer ${await tokenFor({ role: 'admin' })}`,
            'Content-Type: application/json',
            `Content-Length: ${Buffer.byteLength(body)}`,
            'Expect: 100-continue',
            '',
            '',
          ].join('\r\n'),
        );
        await until(
          () => answer.includes('100 Continue'),
          20_000,
          () => answer,
        );

        main.child.kill('SIGTERM');
        await until(
          () => main.output().stdout.includes('SIGTERM:'),
          20_000,
          () => main.output().stdout,
        );
        // New connections are refused from now on.
        expect(await connects(port)).toBe(false);
        // Long enough for projections to have stopped, had they been stopped first.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        socket.write(body);
        await until(
          () => /HTTP\/1\.1 201 /.test(answer),
          20_000,
          () => `${answer} / ${main.output().stdout.slice(-2500)}`,
        );

        socket.destroy();
        expect(await main.exited).toBe(0);
        const { stdout } = main.output();
        expect(stdout).not.toContain('Read models not caught up');
        const order = [
          'no longer accepting requests',
          'In-flight requests finished',
          ': stopped at ',
          '"msg":"Stopped"',
        ];
        const found = order.map((line) => stdout.indexOf(line));
        expect(found.every((at) => at >= 0)).toBe(true);
        expect([...found].sort((a, b) => a - b)).toEqual(found);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    STARTING_TEST_TIMEOUT_MS,
  );
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether a new connection to the port is accepted (and kept for a moment) rather than refused or reset. */
function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
