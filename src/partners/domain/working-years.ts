/** A span of working years, both ends inclusive; `lastWorkingYear` null means open-ended (until further notice). */
export interface WorkingYearSpan {
  readonly firstWorkingYear: number;
  readonly lastWorkingYear: number | null;
}

export function spansOverlap(a: WorkingYearSpan, b: WorkingYearSpan): boolean {
  const aEnd = a.lastWorkingYear ?? Number.POSITIVE_INFINITY;
  const bEnd = b.lastWorkingYear ?? Number.POSITIVE_INFINITY;
  return a.firstWorkingYear <= bEnd && b.firstWorkingYear <= aEnd;
}

export function spanCovers(span: WorkingYearSpan, workingYear: number): boolean {
  return span.firstWorkingYear <= workingYear && (span.lastWorkingYear === null || workingYear <= span.lastWorkingYear);
}

/** "2018–2020" or "2021 onwards", for refusal messages. */
export function describeSpan(span: WorkingYearSpan): string {
  return span.lastWorkingYear === null
    ? `${span.firstWorkingYear} onwards`
    : `${span.firstWorkingYear}–${span.lastWorkingYear}`;
}
