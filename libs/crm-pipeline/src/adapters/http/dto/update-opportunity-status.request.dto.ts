import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from '@hub/shared-kernel';

export class UpdateOpportunityStatusRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly opportunityId!: string;

  @ApiProperty({
    enum: OPPORTUNITY_STATUSES,
    example: 'CLOSE_LOST',
    description: 'CLOSE_LOST (or CLOSE_WON); other targets are 400 or 409 per the state machine',
  })
  @IsIn(OPPORTUNITY_STATUSES)
  readonly status!: OpportunityStatus;

  @ApiPropertyOptional({ example: 'AML_REJECTED', description: 'Required for CLOSE_LOST' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  readonly reason?: string;
}
