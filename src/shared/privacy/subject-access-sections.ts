import { Injectable } from '@nestjs/common';
import type { SubjectAccessSection } from './subject-access';

/**
 * The capabilities' parts of the subject-access report. The clients capability answers the request but may not
 * import the capabilities that build on it (docs/adr/0005), so they register here instead, from a provider's
 * `onModuleInit` (docs/adr/0017).
 */
@Injectable()
export class SubjectAccessSections {
  private readonly sections = new Map<string, SubjectAccessSection>();

  register(section: SubjectAccessSection): void {
    // Two sections under one name would hide one of them from the report.
    if (this.sections.has(section.name)) throw new Error(`Subject-access section ${section.name} registered twice`);
    this.sections.set(section.name, section);
  }

  /** Every registered section, by name. */
  all(): readonly SubjectAccessSection[] {
    return [...this.sections.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
