import { spawnSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `scripts/cli.mjs`, behind `npm run token` and the other command-line scripts: it must run the current sources
 * without a build (a full `tsc` took most of a minute on a busy machine), and the entry point must run as the main
 * module, or the command prints nothing.
 */
const root = join(__dirname, '..', '..', '..');

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'cli.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AUTH_DEV_SECRET: 'a'.repeat(40) },
    timeout: 60_000,
  });
}

describe('the command-line launcher', () => {
  it('runs the token command from the sources when they are newer than any build', () => {
    // The source newer than the build: the launcher cannot take dist/, whether or not one exists.
    const source = join(root, 'src', 'cli', 'token.ts');
    const now = new Date();
    utimesSync(source, now, now);

    const result = cli('token', '--role', 'dpo', '--org', 'ocmw-kortrijk', '--ttl', '5');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Development token for user .+ of organisation b4dd5b00-6890-591f-a140-ca2110cf8608, roles dpo, /,
    );
    expect(lines.at(-1)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('passes the arguments through to the command (its own usage errors and exit codes)', () => {
    const result = cli('token', '--role', 'nobody', '--org', 'org-1');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown role(s): nobody');
  });

  it('refuses a command that src/cli does not have', () => {
    const result = cli('no-such-command');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No command no-such-command');
  });
});
