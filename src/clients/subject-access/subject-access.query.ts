import { Query } from '@nestjs/cqrs';
import type { SubjectAccessReport } from './subject-access.view';

/** Everything held about a person (GDPR art. 15), for the data-protection officer, region-wide. */
export class ReportSubjectAccess extends Query<SubjectAccessReport> {
  constructor(readonly clientId: string) {
    super();
  }
}
