import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateOrDateTime } from '@hub/platform';
import { PageQueryDto } from '@hub/platform';
import { EXPORT_FORMATS, type ExportFormat } from '../../../domain/customer-views';

/** GET /card-registry/v1/customers: either filter, both, or none (every customer), a page at a time. */
export class SearchCustomersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '079090001234',
    description: 'Matched after removing spaces and upper-casing',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly regNo?: string;

  @ApiPropertyOptional({ example: 'CRM-000123' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly customerNumber?: string;
}

/** GET /card-registry/v1/exports/customers, /exports/accounts and /exports/cards. */
export class ExportCustomersQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'ndjson' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  readonly format?: ExportFormat;

  @ApiPropertyOptional({
    example: '2026-11-01T00:00:00Z',
    description:
      'Only rows changed at or after this time (customers and cards: their current version recorded; accounts: opened): YYYY-MM-DD (midnight UTC) or an RFC 3339 date-time',
  })
  @IsOptional()
  @IsDateOrDateTime()
  readonly changedSince?: string;
}
