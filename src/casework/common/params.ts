import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Path parameters, validated like bodies: a malformed id is a 400 naming the parameter. */
export class CaseworkTrajectoryParams {
  @ApiProperty({ format: 'uuid', description: 'An intake trajectory of your organisation.' })
  @IsUUID('all')
  trajectoryId!: string;
}

export class TaskParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  taskId!: string;
}
