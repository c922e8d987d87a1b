import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, type ValidationOptions } from 'class-validator';
import { IsCalendarDate } from '@hub/platform';
import { BOOKING_YEARS } from '../../../domain/booking-date';

/** Signed decimal string with at most 2 decimals. */
export const SIGNED_AMOUNT = /^-?\d{1,18}(\.\d{1,2})?$/;
/** Non-negative decimal string with at most 2 decimals. */
export const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;

export { BOOKING_YEARS };

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
