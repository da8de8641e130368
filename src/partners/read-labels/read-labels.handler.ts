import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { labelsIn } from '../labels/labels';
import type { LabelsView } from './labels.view';
import { ReadLabels } from './read-labels.query';

@QueryHandler(ReadLabels)
export class ReadLabelsHandler implements IQueryHandler<ReadLabels> {
  execute({ lang }: ReadLabels): Promise<LabelsView> {
    return Promise.resolve({ lang, labels: labelsIn(lang) });
  }
}
