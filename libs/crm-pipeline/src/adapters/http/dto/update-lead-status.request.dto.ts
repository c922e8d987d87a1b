import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { LEAD_STATUSES, type LeadStatus } from '@hub/shared-kernel';

export class UpdateLeadStatusRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly leadId!: string;

  @ApiProperty({
    enum: LEAD_STATUSES,
    example: 'CLOSE_LOST',
    description: 'CLOSE_LOST; other targets are 400 or 409 per the state machine',
  })
  @IsIn(LEAD_STATUSES)
  readonly status!: LeadStatus;

  @ApiPropertyOptional({ example: 'AML_REJECTED', description: 'Required for CLOSE_LOST' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  readonly reason?: string;
}
