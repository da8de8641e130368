import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { HandOffView } from './hand-off.view';

/** An open referral's warm hand-off, for its receiving organisation while the consent holds (docs/adr/0028). */
export class ReadHandOff extends Query<HandOffView> {
  constructor(
    readonly caller: Caller,
    readonly referralId: string,
  ) {
    super();
  }
}
