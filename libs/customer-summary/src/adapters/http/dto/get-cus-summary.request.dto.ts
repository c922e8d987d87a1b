import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** At least one identifier (checked by the use case, which also normalises both). */
export class GetCusSummaryRequestDto {
  // null is accepted as "not given" (IsOptional), so the document says so.
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '079090001234',
    description: 'CMND (9 digits), CCCD (12 digits) or passport number; spaces and lower case are accepted',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly legalId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '0912000111',
    description: 'Vietnamese by default: 0912000111, +84912000111 and 84 912 000 111 are one number',
    maxLength: 32,
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly mobileNumber?: string | null;
}
