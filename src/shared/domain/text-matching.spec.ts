import { findMatching, matchingForm } from './text-matching';

describe('text matching', () => {
  it('forgets case, accents and extra spaces', () => {
    expect(matchingForm('  Écoute   Sociale ')).toBe('ecoute sociale');
    expect(matchingForm('BIZondere duo’s')).toBe('bizondere duo’s');
  });

  it('finds the candidate as it is written, or nothing', () => {
    const services = ['eviction prevention', 'débt prevention'];
    expect(findMatching(services, 'Eviction  Prevention')).toBe('eviction prevention');
    expect(findMatching(services, 'DEBT PREVENTION')).toBe('débt prevention');
    expect(findMatching(services, 'schuldhulpverlening')).toBeUndefined();
  });
});
