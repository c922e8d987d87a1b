import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { ExportFileView } from '../../../application/ports/card-registry.repository';
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  type ExportFormat,
  type ExportKind,
} from '../../../domain/customer-views';
import { PageQueryDto, type Wire } from '@hub/platform';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** GET /card-registry/v1/export-files: filters, and the page (`page`, `pageSize`). */
export class ListExportFilesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_KINDS })
  @IsOptional()
  @IsIn(EXPORT_KINDS)
  readonly kind?: ExportKind;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Periods from this UTC day (inclusive)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day written YYYY-MM-DD' })
  readonly from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Periods up to this UTC day (inclusive)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day written YYYY-MM-DD' })
  readonly to?: string;
}

export class ExportFileResponseDto implements Wire<ExportFileView> {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty({ example: 'INST-A' })
  readonly institutionId!: string;

  @ApiProperty({ enum: EXPORT_KINDS })
  readonly kind!: ExportKind;

  @ApiProperty({ example: '2026-11-30', format: 'date', description: 'The UTC day the file covers' })
  readonly period!: string;

  @ApiProperty({ enum: EXPORT_FORMATS })
  readonly format!: ExportFormat;

  @ApiProperty({ example: 'INST-A_customers_2026-11-30.csv' })
  readonly fileName!: string;

  @ApiProperty({ example: 42, description: 'Rows in the file (the trailer says the same)' })
  readonly rowCount!: number;

  @ApiProperty({ example: 10240, description: 'Bytes, trailer included' })
  readonly byteCount!: number;

  @ApiProperty({ description: 'SHA-256 (hex) of every byte before the trailer (the trailer says the same)' })
  readonly sha256!: string;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  static from(f: ExportFileView): ExportFileResponseDto {
    return {
      id: f.id,
      institutionId: f.institutionId,
      kind: f.kind,
      period: f.period,
      format: f.format,
      fileName: f.fileName,
      rowCount: f.rowCount,
      byteCount: f.byteCount,
      sha256: f.sha256,
      createdAt: f.createdAt.toISOString(),
    };
  }
}

export class ExportFileListResponseDto {
  @ApiProperty({ type: () => [ExportFileResponseDto] })
  readonly items!: ExportFileResponseDto[];

  @ApiProperty({ example: 3 })
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}
