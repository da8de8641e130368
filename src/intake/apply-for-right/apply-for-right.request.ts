import { DatedRequest } from '../common/dated.request';

/** An application for an explored right (or a new one after a refusal): only its date. */
export class ApplyForRightRequest extends DatedRequest {}
