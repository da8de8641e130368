import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Path parameters, validated like bodies: a malformed id is a 400 naming the parameter. */
export class TrajectoryParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  trajectoryId!: string;
}

export class TrajectoryRightParams extends TrajectoryParams {
  @ApiProperty({ format: 'uuid', description: 'A right of the rights catalogue, explored in this trajectory.' })
  @IsUUID('all')
  rightId!: string;
}

/** A person, in the path of the lists by person (`/clients/{clientId}/trajectories`, docs/adr/0028). */
export class PersonParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  clientId!: string;
}
