export { PrivacyModule } from './privacy.module';
export { SubjectAccessSections } from './subject-access-sections';
export {
  openedStream,
  openedValue,
  openerFor,
  subjectAccessEventView,
  subjectAccessRowView,
  type OpenSealed,
  type SealedFields,
  type SubjectAccessEventView,
  type SubjectAccessSection,
  type SubjectAccessSectionReport,
  type SubjectAccessStreamView,
  type UnreadableValue,
} from './subject-access';
