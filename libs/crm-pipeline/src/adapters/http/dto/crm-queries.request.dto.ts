import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  LEAD_STATUSES,
  OPPORTUNITY_STATUSES,
  type LeadStatus,
  type OpportunityStatus,
} from '@hub/shared-kernel';
import { IsDateOrDateTime } from '@hub/platform';
import { MAX_PAGE_SIZE } from '../../../application/crm-query-input';

export class RecordIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly id!: string;
}

class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  readonly page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  readonly pageSize?: number;
}

export class ListLeadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '079203001234' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly legalId?: string;

  @ApiPropertyOptional({ enum: LEAD_STATUSES })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  readonly status?: LeadStatus;

  @ApiPropertyOptional({ example: 'RM001' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly ownerId?: string;
}

export class ListOpportunitiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '7700000001' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  readonly cif?: string;

  @ApiPropertyOptional({ example: '079203001234' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly legalId?: string;

  @ApiPropertyOptional({ enum: OPPORTUNITY_STATUSES })
  @IsOptional()
  @IsIn(OPPORTUNITY_STATUSES)
  readonly status?: OpportunityStatus;

  @ApiPropertyOptional({ example: 'RM001' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly ownerId?: string;
}

export class PipelineReportQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01T00:00:00Z',
    description: 'Records created at or after: YYYY-MM-DD (midnight UTC) or an RFC 3339 date-time',
  })
  @IsOptional()
  @IsDateOrDateTime()
  readonly from?: string;

  @ApiPropertyOptional({
    example: '2026-02-01T00:00:00Z',
    description: 'Records created before: YYYY-MM-DD (midnight UTC) or an RFC 3339 date-time',
  })
  @IsOptional()
  @IsDateOrDateTime()
  readonly to?: string;
}
