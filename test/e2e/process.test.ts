import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlags } from '../../bench/support/start-flags';
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

  it('refuses to start on a bad configuration, naming each variable and what it expects', async () => {
    const main = startMain({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(await main.exited).toBe(78);
    const { stderr, stdout } = main.output();
    expect(stderr).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(stderr).toContain('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
    expect(stderr + stdout).not.toContain('hunter2');
  });

  it('starts on the embedded default, says embedded mode is for development, and shuts down gracefully', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'onthaal-process-'));
    try {
      const main = startMain({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
      await until(
        () => main.output().stdout.includes('Nest application successfully started'),
        45_000,
        () => `stderr: ${main.output().stderr}`,
      );
      expect(main.output().stdout).toMatch(/Embedded mode: PGlite database in .* For trying out and development only/);
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.output().stdout).toContain('"msg":"Stopped"');
      expect(main.output().stderr).toBe('');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
