import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, type ValidationOptions } from 'class-validator';
import { IsCalendarDate } from '@hub/platform';

/** Signed decimal string with at most 2 decimals. */
export const SIGNED_AMOUNT = /^-?\d{1,18}(\.\d{1,2})?$/;
/** Non-negative decimal string with at most 2 decimals. */
export const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;
/** The last page that may be asked for (the offset stays well inside PostgreSQL's bigint). */
export const MAX_PAGE = 1_000_000;

/**
 * Booking dates a report can hold: a report lists every month from the earliest to the latest
 * transaction, so a stray 0001-01-01 would make it thousands of months long.
 */
export const BOOKING_YEARS = { min: 1970, max: 2099 } as const;

/** A calendar date `YYYY-MM-DD` with its year in BOOKING_YEARS. */
export const IsBookingDate = (options?: ValidationOptions): PropertyDecorator =>
  IsCalendarDate(BOOKING_YEARS, options);

export class UserIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly userId!: string;
}

export class IdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly id!: string;
}

export class CaseIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly caseId!: string;
}

export class JobIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly jobId!: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  readonly page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  readonly pageSize?: number;
}
