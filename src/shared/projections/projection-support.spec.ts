import { backoffDelay, sleep } from './backoff';
import { estimateLagEvents, lagSecondsOf, progressFraction } from './lag';
import { checkpointFromColumns, compareCheckpoints, toJsonPosition } from './positions';
import { assertValidProjections, type ProjectionHandler } from './projection';
import { describeError, ProjectionBatchFailed } from './projection.errors';

const at = (commit: number, prepare: number) => ({ commit: BigInt(commit), prepare: BigInt(prepare) });
const head = (commit: number, prepare: number) => ({ position: at(commit, prepare), created: new Date(0) });

describe('positions', () => {
  it('orders start before every position, then by commit and prepare', () => {
    expect(compareCheckpoints('start', at(0, 0))).toBeLessThan(0);
    expect(compareCheckpoints('start', 'start')).toBe(0);
    expect(compareCheckpoints(at(2, 1), at(1, 9))).toBeGreaterThan(0);
    expect(compareCheckpoints(at(2, 1), at(2, 3))).toBeLessThan(0);
  });

  it('reads numeric columns (strings) and null as start, and writes JSON-safe positions', () => {
    expect(checkpointFromColumns(null, null)).toBe('start');
    expect(checkpointFromColumns('18446744073709551615', '7')).toEqual({
      commit: 18446744073709551615n,
      prepare: 7n,
    });
    expect(JSON.stringify(toJsonPosition(at(3, 4)))).toBe('{"commit":"3","prepare":"4"}');
  });
});

describe('lag', () => {
  it('estimates events from the prepare halves, and is 0 exactly at the head', () => {
    expect(estimateLagEvents('start', head(10, 42))).toBe(42);
    expect(estimateLagEvents(at(5, 30), head(10, 42))).toBe(12);
    expect(estimateLagEvents(at(10, 42), head(10, 42))).toBe(0);
    expect(estimateLagEvents('start', undefined)).toBe(0);
  });

  it('never reports 0 while short of the head, even when transaction order puts a larger prepare first', () => {
    expect(estimateLagEvents(at(100, 11), head(101, 10))).toBe(1);
  });

  it('counts seconds since the last applied event unless live', () => {
    const now = new Date('2025-01-01T00:01:00Z');
    expect(lagSecondsOf(false, new Date('2025-01-01T00:00:00Z'), now)).toBe(60);
    expect(lagSecondsOf(true, new Date('2025-01-01T00:00:00Z'), now)).toBe(0);
    expect(lagSecondsOf(false, undefined, now)).toBe(0);
  });

  it('reports progress in [0, 1), and 1 only at the head', () => {
    expect(progressFraction('start', head(9, 100))).toBe(0);
    expect(progressFraction(at(5, 50), head(9, 100))).toBe(0.5);
    expect(progressFraction(at(8, 120), head(9, 100))).toBeLessThan(1);
    expect(progressFraction(at(9, 100), head(9, 100))).toBe(1);
  });
});

describe('backoff', () => {
  it('doubles from the initial delay up to the cap, jitter taking off at most 20 %', () => {
    const options = { initialMs: 100, maxMs: 1_000 };
    expect(backoffDelay(1, options, () => 0)).toBe(100);
    expect(backoffDelay(3, options, () => 0)).toBe(400);
    expect(backoffDelay(10, options, () => 0)).toBe(1_000);
    expect(backoffDelay(10, options, () => 1)).toBe(800);
  });

  it('sleeps until aborted', async () => {
    const controller = new AbortController();
    const sleeping = sleep(3_600_000, controller.signal);
    controller.abort();
    // An hour's sleep that ends within the test's timeout ended by the abort; no clock reading to be flaky about.
    await expect(sleeping).resolves.toBeUndefined();
  });
});

describe('describeError', () => {
  it('describes database errors by SQLSTATE and schema names only: their messages can quote values', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "Jan Peeters"'), {
      code: '22P02',
      severity: 'ERROR',
      table: 'case_notes',
      detail: 'Key (name)=(Jan Peeters)',
    });
    const wrapped = Object.assign(new Error('query failed'), { driverError });
    for (const error of [driverError, wrapped]) {
      const description = describeError(error);
      expect(description).toBe('database error 22P02 (table case_notes)');
      expect(description).not.toContain('Jan');
    }
  });

  it('describes a failed batch by its range', () => {
    const events = [
      { id: 'a', type: 'NoteAdded', position: at(1, 2) },
      { id: 'b', type: 'NoteAdded', position: at(3, 4) },
    ];
    expect(describeError(new ProjectionBatchFailed('notes', events, new TypeError('boom')))).toBe(
      'Projection notes failed on a batch of 2 events (1/2 to 3/4): TypeError: boom',
    );
  });
});

describe('assertValidProjections', () => {
  const projection = (name: string, version = 1): ProjectionHandler => ({
    name,
    version,
    handle: () => Promise.resolve(),
    reset: () => Promise.resolve(),
  });

  it('refuses bad names, versions and duplicates', () => {
    expect(() => assertValidProjections([projection('Case Notes')])).toThrow(/must match/);
    expect(() => assertValidProjections([projection('notes', 0)])).toThrow(/version/);
    expect(() => assertValidProjections([projection('notes'), projection('notes', 2)])).toThrow(/twice/);
    expect(() => assertValidProjections([projection('case-notes.v2_x')])).not.toThrow();
  });
});
