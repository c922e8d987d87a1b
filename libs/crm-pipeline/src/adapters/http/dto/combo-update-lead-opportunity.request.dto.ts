import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import { IsCif } from './crm-input.decorators';

/** combo-update (Close Won): `{ leadId, cif }` converts a lead; `{ opportunityId }` closes an opportunity. */
export class ComboUpdateLeadOpportunityRequestDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly leadId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly opportunityId?: string;

  @ApiPropertyOptional({
    example: '7700000123',
    description: 'The CIF the customer got on onboarding; required with leadId',
  })
  @IsOptional()
  @IsString()
  @IsCif()
  readonly cif?: string;
}
