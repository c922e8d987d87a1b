import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Pages far enough that `(page - 1) * pageSize` stays a safe integer and a valid OFFSET. */
export const MAX_PAGE = 1_000_000;

/**
 * The hub's one pagination convention: `page` (1-based) and `pageSize` in, the same echoed out
 * (docs/api-conventions.md). The CRM lists keep their own defaults (20, at most 100).
 */
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
