import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises connection and availability faults, also wrapped by TypeORM or as a cause', () => {
    for (const fault of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('08006'),
      withCode('08001'),
      withCode('57P03'),
      withCode('53300'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('PGlite is closed'),
      new QueryFailedError('SELECT 1', [], withCode('57P01')),
      new Error('claim failed', { cause: new Error('Connection terminated') }),
    ]) {
      expect({ fault: fault.message, unavailable: isDatabaseUnavailable(fault) }).toEqual({
        fault: fault.message,
        unavailable: true,
      });
    }
  });

  it('leaves our own faults and refused statements to be 500s', () => {
    for (const fault of [
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('42P01', 'relation does not exist'),
      new QueryFailedError('SELECT 1', [], withCode('22P02')),
      'a string',
      undefined,
    ]) {
      expect(isDatabaseUnavailable(fault)).toBe(false);
    }
  });
});
