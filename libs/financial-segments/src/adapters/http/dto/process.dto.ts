import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { NO_CONTROL } from './common.dto';

/** POST /financial-segments/v1/processes. */
export class CreateProcessRequestDto {
  @ApiProperty({ example: 'bank-app-user-42', description: "The bank app's id of the user" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(NO_CONTROL, { message: 'externalUserId must not contain control characters' })
  readonly externalUserId: string;
}

export class ProcessResponseDto {
  @ApiProperty({ description: 'Opaque token for this process (valid one hour); only its hash is stored' })
  readonly processToken: string;

  @ApiProperty({ format: 'uuid', description: 'The same for every process of the same external user' })
  readonly userId: string;
}
