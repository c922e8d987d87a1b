import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID } from 'class-validator';
import type { CardRecord } from '../../../domain/customer-record';

/**
 * POST /card-registry/v1/cards. A wallet card (`digitalWalletEnabled: true`) needs a DEDICATED
 * cardholder with a valid mobile number; a DEDICATED customer holds at most one card.
 */
export class CreateCardRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly accountId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly cardholderCustomerId: string;

  @ApiProperty({ example: false })
  @IsBoolean()
  readonly digitalWalletEnabled: boolean;

  @ApiPropertyOptional({
    example: 'AN NGUYEN',
    description: "2-26 characters of A-Z, 0-9, space and . , ' / & - (upper-cased)",
  })
  @IsOptional()
  @IsString()
  readonly embossName?: string;
}

export class CardResponseDto {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ example: 'INST-A' })
  readonly institutionId: string;

  @ApiProperty({ format: 'uuid' })
  readonly accountId: string;

  @ApiProperty({ format: 'uuid' })
  readonly cardholderCustomerId: string;

  @ApiProperty()
  readonly digitalWalletEnabled: boolean;

  @ApiProperty({ example: 'AN NGUYEN', nullable: true, type: String })
  readonly embossName: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt: string;

  static from(c: CardRecord): CardResponseDto {
    return {
      id: c.id,
      institutionId: c.institutionId,
      accountId: c.accountId,
      cardholderCustomerId: c.cardholderCustomerId,
      digitalWalletEnabled: c.digitalWalletEnabled,
      embossName: c.embossName,
      createdAt: c.createdAt,
    };
  }
}
