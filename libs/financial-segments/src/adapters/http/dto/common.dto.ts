import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Signed decimal string with at most 2 decimals. */
export const SIGNED_AMOUNT = /^-?\d{1,18}(\.\d{1,2})?$/;
/** Non-negative decimal string with at most 2 decimals. */
export const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;
export const CURRENCY = /^[A-Z]{3}$/;
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class UserIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly userId: string;
}

export class IdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly id: string;
}

export class CaseIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly caseId: string;
}

export class JobIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly jobId: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  readonly page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  readonly pageSize?: number;
}
