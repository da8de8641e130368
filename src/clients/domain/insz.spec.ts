import { checkInsz, inszMatchesBirthDate, normaliseInsz } from './insz';

const TODAY = '2026-03-15';

describe('INSZ (national register and BIS numbers)', () => {
  it.each([
    ['85073003328', 1985, 7, 30, 'national_register'],
    ['85.07.30-033.28', 1985, 7, 30, 'national_register'],
    ['79010100183', 1979, 1, 1, 'national_register'],
    ['92022900207', 1992, 2, 29, 'national_register'],
    ['85473003317', 1985, 7, 30, 'bis'],
    ['75251004547', 1975, 5, 10, 'bis'],
  ])('accepts %s, born in the 1900s', (insz, year, month, day, kind) => {
    expect(checkInsz(insz, TODAY)).toEqual({
      valid: true,
      facts: { digits: normaliseInsz(insz), kind, birthYear: year, birthMonth: month, birthDay: day },
    });
  });

  it.each([
    ['03021412447', 2003, 2, 14],
    ['00022900343', 2000, 2, 29],
    ['10101001096', 2010, 10, 10],
    ['25010100145', 2025, 1, 1],
  ])('accepts %s, born from 2000 on (a 2 before the nine digits)', (insz, year, month, day) => {
    expect(checkInsz(insz, TODAY)).toMatchObject({
      valid: true,
      facts: { birthYear: year, birthMonth: month, birthDay: day },
    });
  });

  it('tells the century by the check number alone', () => {
    // The same nine digits: 1900s with one check number, 2000s with the other.
    expect(checkInsz('00022900343', TODAY)).toMatchObject({ valid: true, facts: { birthYear: 2000 } });
    expect(checkInsz('00022900314', TODAY)).toEqual({ valid: false, problem: 'date' }); // 29 Feb 1900 never was
  });

  it('refuses a wrong check number in either century', () => {
    expect(checkInsz('85073003329', TODAY)).toEqual({ valid: false, problem: 'checksum' });
    expect(checkInsz('03021412448', TODAY)).toEqual({ valid: false, problem: 'checksum' });
    expect(checkInsz('85073003526', TODAY)).toMatchObject({ valid: true });
    expect(checkInsz('85073003528', TODAY)).toEqual({ valid: false, problem: 'checksum' });
  });

  it.each([
    ['85133003370', 'month 13'],
    ['85023003390', '30 February'],
    ['00022900314', '29 February 1900'],
  ])('refuses the impossible date of %s (%s)', (insz) => {
    expect(checkInsz(insz, TODAY)).toEqual({ valid: false, problem: 'date' });
  });

  it('refuses a birth in the future, but only when told the date', () => {
    expect(checkInsz('45010100177', TODAY)).toEqual({ valid: false, problem: 'date' });
    expect(checkInsz('45010100177')).toMatchObject({ valid: true, facts: { birthYear: 2045 } });
  });

  it('accepts a birth date the register does not fully know (zeros)', () => {
    expect(checkInsz('85070003355', TODAY)).toMatchObject({ valid: true, facts: { birthMonth: 7, birthDay: null } });
    expect(checkInsz('85003003376', TODAY)).toMatchObject({ valid: true, facts: { birthMonth: null, birthDay: null } });
  });

  it.each(['8507300332', '850730033288', '85O73003328', '', 'not an insz'])('refuses the form of "%s"', (insz) => {
    expect(checkInsz(insz, TODAY)).toEqual({ valid: false, problem: 'format' });
  });

  it('matches an INSZ with a birth date in every part it knows', () => {
    const full = checkInsz('85073003328');
    const partial = checkInsz('85070003355');
    if (!full.valid || !partial.valid) throw new Error('fixtures must be valid');
    expect(inszMatchesBirthDate(full.facts, '1985-07-30')).toBe(true);
    expect(inszMatchesBirthDate(full.facts, '1985-07-31')).toBe(false);
    expect(inszMatchesBirthDate(full.facts, '2085-07-30')).toBe(false);
    expect(inszMatchesBirthDate(partial.facts, '1985-07-12')).toBe(true);
    expect(inszMatchesBirthDate(partial.facts, '1985-08-12')).toBe(false);
  });
});
