import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';

/** Signed decimal string with at most 2 decimals. */
export const SIGNED_AMOUNT = /^-?\d{1,18}(\.\d{1,2})?$/;
/** Non-negative decimal string with at most 2 decimals. */
export const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;
export const CURRENCY = /^[A-Z]{3}$/;
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Identifiers and names: no C0 control characters nor DEL (PostgreSQL text cannot hold NUL). */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
/** Free text (purposes, counterpart names): tabs and line breaks allowed, no other control character. */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL_EXCEPT_WHITESPACE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/** The last page that may be asked for (the offset stays well inside PostgreSQL's bigint). */
export const MAX_PAGE = 1_000_000;

/** True for a `YYYY-MM-DD` that exists in the calendar (no 2026-02-30, no 2025-02-29). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Booking dates a report can hold: a report lists every month from the earliest to the latest
 * transaction, so a stray 0001-01-01 would make it thousands of months long.
 */
export const BOOKING_YEARS = { min: 1970, max: 2099 } as const;

/** A calendar date `YYYY-MM-DD` with its year in BOOKING_YEARS. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) &&
          Number((value as string).slice(0, 4)) >= BOOKING_YEARS.min &&
          Number((value as string).slice(0, 4)) <= BOOKING_YEARS.max,
        defaultMessage: () => '$property must be a date YYYY-MM-DD that exists',
      },
    },
    options,
  );
}

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
