/**
 * Text compared as people type it (docs/adr/0027): without accents, case or extra spaces, so that
 * `Schuldbemiddeling`, `schuldbemiddeling ` and `Schúldbemiddeling` are one. For codes and names of reference data
 * (services), never for personal data (people are found through the blind index, docs/adr/0012).
 */
export function matchingForm(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The first of `candidates` that reads as `wanted`, as `matchingForm` compares them. */
export function findMatching(candidates: readonly string[], wanted: string): string | undefined {
  const form = matchingForm(wanted);
  return candidates.find((candidate) => matchingForm(candidate) === form);
}
