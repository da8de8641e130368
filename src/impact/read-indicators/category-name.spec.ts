import { findIndicator } from '../domain/indicators';
import { categoryNameOf } from './read-indicator.handler';

const kortrijk = '5a0e7c3d-0000-4000-8000-0000000000a1';
const harelbeke = '5a0e7c3d-0000-4000-8000-0000000000a2';
const names = new Map([
  [kortrijk, 'OCMW Kortrijk'],
  [harelbeke, 'OCMW Harelbeke'],
]);

describe('the name of a category', () => {
  it('names an organisation pair of referral_flow by its organisations (docs/adr/0026)', () => {
    const flow = findIndicator('referral_flow')!;
    expect(categoryNameOf(flow, `${kortrijk}>${harelbeke}`, names)).toBe('OCMW Kortrijk>OCMW Harelbeke');
    expect(categoryNameOf(flow, 'all', names)).toBeNull();
    expect(categoryNameOf(flow, `${kortrijk}>5a0e7c3d-0000-4000-8000-0000000000ff`, names)).toBeNull();
    expect(categoryNameOf(flow, null, names)).toBeNull();
  });

  it('leaves fixed categories to their codes', () => {
    expect(categoryNameOf(findIndicator('unmet_needs_by_domain')!, 'housing', names)).toBeNull();
  });
});
