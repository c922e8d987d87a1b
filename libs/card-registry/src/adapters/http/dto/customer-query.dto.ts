import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '../../../domain/customer-record';

/** GET /card-registry/v1/customers: at least one of the two. */
export class SearchCustomersQueryDto {
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
      'Only rows changed at or after this ISO 8601 time (customers and cards: their current version recorded; accounts: opened)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly changedSince?: string;
}
