import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../shared/auth';
import type { IndicatorListView, IndicatorResultView } from './indicator.view';

export class ListIndicators extends Query<IndicatorListView> {}

/** One indicator's figures; the parameters are the request's query string, checked by the handler. */
export class ReadIndicator extends Query<IndicatorResultView> {
  constructor(
    readonly reader: AuthenticatedUser,
    readonly code: string,
    readonly parameters: unknown,
  ) {
    super();
  }
}
