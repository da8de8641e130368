import { DatedRequest } from '../common/dated.request';

/** A reopening: only its date, not before the closure. */
export class ReopenIntakeRequest extends DatedRequest {}
