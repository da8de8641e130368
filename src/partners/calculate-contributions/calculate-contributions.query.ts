import { Query } from '@nestjs/cqrs';
import type { ContributionReport } from '../domain/contributions';

/** The member contributions of a working year; refused with 404 when no rate covers it. */
export class CalculateContributions extends Query<ContributionReport & { readonly kind: 'report' }> {
  constructor(readonly workingYear: number) {
    super();
  }
}
