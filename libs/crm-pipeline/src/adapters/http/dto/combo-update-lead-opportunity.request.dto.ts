import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { CIF_PATTERN } from './combo-create-lead-opportunity.request.dto';

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
  @Matches(CIF_PATTERN, { message: 'cif must be 1-20 letters or digits' })
  readonly cif?: string;
}
