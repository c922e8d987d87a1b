import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, type ValidationOptions } from 'class-validator';
import { IsCalendarDate } from '@hub/platform';

/** Signed decimal string with at most 2 decimals. */
export const SIGNED_AMOUNT = /^-?\d{1,18}(\.\d{1,2})?$/;
/** Non-negative decimal string with at most 2 decimals. */
export const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;

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
