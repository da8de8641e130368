import {
  householdProblems,
  nameAndBirthDateKey,
  normalisePersonalDetails,
  type PersonalDetails,
  personalDetailsProblems,
  searchNameKey,
} from './personal-details';

const TODAY = '2026-03-15';
const VALID: PersonalDetails = {
  givenName: 'Amélie',
  familyName: 'Van den Broeck',
  birthDate: '1985-07-30',
  insz: '85073003328',
  phone: '+32 470 12 34 56',
  address: { street: 'Grote Markt', houseNumber: '54', box: null, postalCode: '8500', place: 'Kortrijk' },
};

const fields = (details: PersonalDetails) => personalDetailsProblems(details, TODAY).map((problem) => problem.field);

describe('personal details', () => {
  it('folds a name for search: case, accents, spaces and punctuation do not matter', () => {
    const forms = ['Van den Broeck', 'vandenbroeck', 'VAN DEN BROECK', 'Van Den Bröeck', 'van-den  broeck'];
    expect(new Set(forms.map(searchNameKey))).toEqual(new Set(['vandenbroeck']));
    expect(searchNameKey('Vande Velde')).toBe(searchNameKey('Vandevelde'));
    expect(searchNameKey('Van den Bossche')).not.toBe(searchNameKey('Van den Broeck'));
    expect(searchNameKey(' V. ')).toBe('v');
  });

  it('keeps a preferred language as a lower-case ISO 639 code, absent as null, and refuses anything else', () => {
    expect(normalisePersonalDetails({ ...VALID, preferredLanguage: ' FR ' }).preferredLanguage).toBe('fr');
    expect(normalisePersonalDetails(VALID).preferredLanguage).toBeNull();
    expect(fields({ ...VALID, preferredLanguage: 'ara' })).toEqual([]);
    expect(fields({ ...VALID, preferredLanguage: 'Frans' })).toEqual(['preferredLanguage']);
    expect(fields({ ...VALID, preferredLanguage: 'n1' })).toEqual(['preferredLanguage']);
  });

  it('accepts complete details, and details without INSZ, phone or address', () => {
    expect(personalDetailsProblems(VALID, TODAY)).toEqual([]);
    expect(personalDetailsProblems({ ...VALID, insz: null, phone: null, address: null }, TODAY)).toEqual([]);
  });

  it('lists every invalid field at once', () => {
    const problems = personalDetailsProblems(
      {
        givenName: '  ',
        familyName: 'x'.repeat(101),
        birthDate: '2027-01-01',
        insz: '85073003329',
        phone: 'call me',
        address: { street: '', houseNumber: '1', box: null, postalCode: '850', place: 'Kortrijk' },
      },
      TODAY,
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'givenName',
      'familyName',
      'birthDate',
      'insz',
      'phone',
      'address.street',
      'address.postalCode',
    ]);
    expect(problems.find((problem) => problem.field === 'birthDate')?.message).toBe(
      'birthDate must not be in the future',
    );
  });

  it('refuses impossible and ancient birth dates, and an INSZ of another birth date', () => {
    expect(fields({ ...VALID, birthDate: '1985-02-30', insz: null })).toEqual(['birthDate']);
    expect(fields({ ...VALID, birthDate: '1899-12-31', insz: null })).toEqual(['birthDate']);
    expect(personalDetailsProblems({ ...VALID, birthDate: '1985-07-31' }, TODAY)).toEqual([
      { field: 'insz', message: 'insz does not match birthDate' },
    ]);
  });

  it('never quotes a value in a message', () => {
    const problems = personalDetailsProblems({ ...VALID, insz: '85073003329', phone: 'Amélie' }, TODAY);
    for (const problem of problems) {
      expect(problem.message).not.toContain('85073003329');
      expect(problem.message).not.toContain('Amélie');
    }
  });

  it('normalises what it keeps: trimmed names, INSZ digits, a blank box as null', () => {
    expect(
      normalisePersonalDetails({
        ...VALID,
        givenName: '  Amélie ',
        familyName: 'Van  den Broeck',
        insz: '85.07.30-033.28',
        address: { ...VALID.address!, box: ' ' },
      }),
    ).toMatchObject({
      givenName: 'Amélie',
      familyName: 'Van den Broeck',
      insz: '85073003328',
      address: { box: null },
    });
  });

  it('compares names without case, accents or punctuation', () => {
    const key = nameAndBirthDateKey(VALID);
    expect(nameAndBirthDateKey({ ...VALID, givenName: 'AMELIE', familyName: 'van den broeck' })).toBe(key);
    expect(nameAndBirthDateKey({ ...VALID, familyName: 'Van-den-Broeck' })).toBe(key);
    expect(nameAndBirthDateKey({ ...VALID, birthDate: '1985-07-31' })).not.toBe(key);
    // Given and family name are not interchangeable.
    expect(nameAndBirthDateKey({ ...VALID, givenName: 'Van den Broeck', familyName: 'Amélie' })).not.toBe(key);
  });

  it('wants a household of at least one person', () => {
    expect(householdProblems({ adults: 1, children: 0 })).toEqual([]);
    expect(householdProblems({ adults: 0, children: 1 })).toEqual([]);
    expect(householdProblems({ adults: 0, children: 0 })).toEqual([
      { field: 'household', message: 'a household has at least one member' },
    ]);
    expect(householdProblems({ adults: -1, children: 31 }).map((problem) => problem.field)).toEqual([
      'household.adults',
      'household.children',
    ]);
  });
});
