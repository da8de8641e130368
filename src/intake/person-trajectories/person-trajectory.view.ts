import { ApiProperty } from '@nestjs/swagger';
import { CaseloadItemView } from '../list-caseload/caseload.view';

/** One trajectory of a person, as the caller's organisation may read it (docs/adr/0028). */
export class PersonTrajectoryView extends CaseloadItemView {
  @ApiProperty({ format: 'uuid', description: 'The organisation responsible for it now.' }) organisationId!: string;
  @ApiProperty({
    description: 'True: your organisation is responsible for it; false: it transferred it on and reads its course.',
  })
  responsible!: boolean;
}

export class PersonTrajectoriesView {
  @ApiProperty({ type: [PersonTrajectoryView], description: 'Oldest first.' })
  items!: PersonTrajectoryView[];
}
