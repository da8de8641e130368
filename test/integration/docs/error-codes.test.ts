import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedCodes, scanErrorCodes } from '../../support/error-codes';

/**
 * docs/api.md lists every problem code a client can get. The list is checked against the source both ways: a code
 * the source can produce that is not listed fails, and so does a listed code nothing produces any more.
 */
const root = join(__dirname, '..', '..', '..');
const scan = scanErrorCodes(root);
const documented = documentedCodes(readFileSync(join(root, 'docs', 'api.md'), 'utf8'), '## Every error code');

describe('the error codes of docs/api.md', () => {
  it('finds the codes of each way of throwing (a scan that finds nothing would prove nothing)', () => {
    // One of each: a refusal by a decider, a 404 of a query handler, a helper's, a constant, the vocabulary's own,
    // an event-store error the filter maps, the framework's table.
    for (const code of [
      'RATE_PERIOD_OVERLAP',
      'ORGANISATION_NOT_FOUND',
      'INVALID_RIGHT_NAME',
      'INVALID_INTAKE_DATA',
      'REVISION_MISMATCH',
      'EVENT_STORE_UNAVAILABLE',
      'REQUEST_HEADER_FIELDS_TOO_LARGE',
    ]) {
      expect(scan.codes.has(code)).toBe(true);
    }
    // Internal errors of the event store port never reach a client: the executor turns them into others.
    expect(scan.codes.has('WRONG_EXPECTED_VERSION')).toBe(false);
  });

  it('resolves the code of every throw to literals (a new way of throwing must be taught to the scan)', () => {
    expect(scan.unresolved).toEqual([]);
  });

  it('lists every code the source can produce', () => {
    const missing = [...scan.codes.keys()].filter((code) => !documented.has(code)).sort();
    expect(missing.map((code) => `${code} (${scan.codes.get(code)!.join(', ')})`)).toEqual([]);
  });

  it('lists no code that nothing produces', () => {
    expect([...documented].filter((code) => !scan.codes.has(code)).sort()).toEqual([]);
  });
});
