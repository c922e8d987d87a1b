import type { Wire } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import type { AccountView } from '../../../domain/customer-views';

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

export class AccountResponseDto implements Wire<AccountView> {
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

  static from(a: AccountView): AccountResponseDto {
    // The view already has the wire shape (the class implements Wire<…>, so drift does not compile).
    return a;
  }
}
