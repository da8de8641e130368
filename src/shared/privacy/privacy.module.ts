import { Module } from '@nestjs/common';
import { SubjectAccessSections } from './subject-access-sections';

/**
 * The subject-access registry (`SubjectAccessSections`): imported by the clients capability, which answers the
 * request, and by every capability that registers a section. One instance for the app (Nest shares a module's
 * providers between its importers).
 */
@Module({
  providers: [SubjectAccessSections],
  exports: [SubjectAccessSections],
})
export class PrivacyModule {}
