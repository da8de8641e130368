import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';

type Labels = Record<string, Record<string, string>>;

/** Every enum of an OpenAPI document, as value sets (each set once). */
function enumsOf(document: unknown): Map<string, readonly string[]> {
  const found = new Map<string, readonly string[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' && Array.isArray(value)) {
        const values = value.map(String);
        found.set([...values].sort().join('|'), values);
      } else walk(value);
    }
  };
  walk(document);
  return found;
}

/**
 * `GET /labels` (docs/reference-data.md, docs/adr/0027): a label in both languages for every code of every enum of the
 * booted app's OpenAPI document, each enum inside one vocabulary, and no label for a code that no enum has any more.
 * Runs on the embedded database only: the labels and the document do not depend on the database.
 */
describe('labels of every code', () => {
  let service: TestApp;
  let headers: Record<string, string>;
  let nl: Labels;
  let en: Labels;
  let enums: Map<string, readonly string[]>;

  beforeAll(async () => {
    service = await startTestApp({ kind: 'pglite' });
    headers = await authHeader({ role: 'volunteer' });
    const read = async (url: string) => {
      const response = await service.request({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(200);
      return response.json<{ lang: string; labels: Labels }>();
    };
    const dutch = await read('/labels');
    expect(dutch.lang).toBe('nl');
    expect(await read('/labels?lang=nl')).toEqual(dutch);
    nl = dutch.labels;
    const english = await read('/labels?lang=en');
    expect(english.lang).toBe('en');
    en = english.labels;
    enums = enumsOf((await service.request({ method: 'GET', url: '/docs-json' })).json());
  });
  afterAll(() => service.dispose());

  it('labels every value of every enum in the OpenAPI document, in one vocabulary, in both languages', () => {
    expect(enums.size).toBeGreaterThan(20);
    const unlabelled = [...enums.values()]
      .filter((values) => !Object.values(nl).some((vocabulary) => values.every((value) => value in vocabulary)))
      .map((values) => values.join(', '));
    expect(unlabelled).toEqual([]);
    for (const labels of [nl, en]) {
      for (const [vocabulary, codes] of Object.entries(labels)) {
        for (const [code, label] of Object.entries(codes)) {
          expect({ vocabulary, code, label: label.trim().length > 0 }).toEqual({ vocabulary, code, label: true });
        }
      }
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const vocabulary of Object.keys(nl)) {
      expect({ vocabulary, codes: Object.keys(en[vocabulary]!).sort() }).toEqual({
        vocabulary,
        codes: Object.keys(nl[vocabulary]!).sort(),
      });
    }
  });

  it('has no label for a code that no enum has', () => {
    const codes = new Set([...enums.values()].flat());
    const stale = Object.entries(nl).flatMap(([vocabulary, labels]) =>
      Object.keys(labels)
        .filter((code) => !codes.has(code))
        .map((code) => `${vocabulary}.${code}`),
    );
    expect(stale).toEqual([]);
  });

  it('reads as a Flemish social worker reads it, and in English', () => {
    expect(nl.intakeOrigin).toMatchObject({ came_in_themselves: 'Kwam zelf langs' });
    expect(en.intakeOrigin).toMatchObject({ came_in_themselves: 'Came in themselves' });
    expect(nl.lifeDomain).toMatchObject({ debts: 'Schulden', housing: 'Wonen' });
    expect(nl.incomeSource).toMatchObject({ social_integration_income: 'Leefloon' });
    expect(nl.referralStatus).toMatchObject({ accepted: 'Aanvaard' });
  });

  it('refuses an unknown language with 400 naming lang, without echoing it', async () => {
    const response = await service.request({ method: 'GET', url: '/labels?lang=fr-klingon', headers });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toEqual(['lang']);
    expect(response.body).not.toContain('klingon');
    expect((await service.request({ method: 'GET', url: '/labels' })).statusCode).toBe(401);
  });
});
