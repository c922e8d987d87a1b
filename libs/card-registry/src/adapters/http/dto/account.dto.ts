import type { Wire } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import type { AccountRecord } from '../../../domain/customer-record';

/** POST /card-registry/v1/accounts: the owner customer is liable for the account's debt. */
export class CreateAccountRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly ownerCustomerId!: string;

  @ApiProperty({ example: 'VND', description: 'ISO 4217' })
  @IsString()
  readonly currency!: string;

  @ApiPropertyOptional({ example: '50000000.00', description: 'Decimal string, >= 0, at most 2 decimals' })
  @IsOptional()
  @IsString()
  readonly creditLimit?: string;
}

export class AccountResponseDto implements Wire<AccountRecord> {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty({ example: 'INST-A' })
  readonly institutionId!: string;

  @ApiProperty({ format: 'uuid' })
  readonly ownerCustomerId!: string;

  @ApiProperty({ example: 'VND' })
  readonly currency!: string;

  @ApiProperty({ example: '50000000.00', nullable: true, type: String })
  readonly creditLimit!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  static from(a: AccountRecord): AccountResponseDto {
    return {
      id: a.id,
      institutionId: a.institutionId,
      ownerCustomerId: a.ownerCustomerId,
      currency: a.currency,
      creditLimit: a.creditLimit,
      createdAt: a.createdAt,
    };
  }
}
