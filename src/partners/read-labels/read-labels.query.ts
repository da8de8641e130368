import { Query } from '@nestjs/cqrs';
import type { Language } from '../labels/labels';
import type { LabelsView } from './labels.view';

/** The labels of every code the API uses, in one language. */
export class ReadLabels extends Query<LabelsView> {
  constructor(readonly lang: Language) {
    super();
  }
}
