import { SegmentErrors } from '../../domain/segments.errors';
import { KernelErrors } from '@hub/shared-kernel';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, RequireScopes } from '@hub/platform';
import { SegmentService } from '../../application/segment.service';
import { PageQueryDto } from '@hub/platform';
import { IdParamsDto, UserIdParamsDto } from './dto/common.dto';
import {
  CreateSegmentRequestDto,
  EvaluateSegmentResponseDto,
  SegmentMemberDto,
  SegmentMembersResponseDto,
  SegmentResponseDto,
  SegmentsResponseDto,
  UpdateSegmentRequestDto,
  UserOfferResponseDto,
  UserOffersResponseDto,
} from './dto/segment.dto';

/** Segments over the users' latest income-report figures, their members and product offers. */
@ApiTags('financial-segments')
@Controller('financial-segments/v1')
export class SegmentsController {
  constructor(private readonly segments: SegmentService) {}

  @Post('segments')
  @HttpCode(201)
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'createSegment',
    summary: 'A segment: criteria over the report figures and the offers for its members',
  })
  @ApiCreatedResponse({ type: SegmentResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.INVALID_SEGMENT_CRITERIA)
  async create(
    @Body() body: CreateSegmentRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SegmentResponseDto> {
    const segment = await this.segments.create(body);
    void reply.header('location', `/financial-segments/v1/segments/${segment.id}`);
    return SegmentResponseDto.from(segment);
  }

  @Get('segments')
  @RequireScopes('segments:read')
  @ApiOperation({ operationId: 'listSegments', summary: 'The segments, oldest first, paginated' })
  @ApiOkResponse({ type: SegmentsResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async list(@Query() query: PageQueryDto): Promise<SegmentsResponseDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.segments.list(page, pageSize);
    return { items: items.map((s) => SegmentResponseDto.from(s)), total, page, pageSize };
  }

  @Get('segments/:id')
  @RequireScopes('segments:read')
  @ApiOperation({ operationId: 'getSegment', summary: 'A segment' })
  @ApiOkResponse({ type: SegmentResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.SEGMENT_NOT_FOUND)
  async get(@Param() params: IdParamsDto): Promise<SegmentResponseDto> {
    return SegmentResponseDto.from(await this.segments.get(params.id));
  }

  @Patch('segments/:id')
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'updateSegment',
    summary: 'Change a segment; new criteria or a new currency re-evaluate its members at once',
    description:
      'Fields given replace the stored ones (`criteria` and `offers` as a whole; an absent criterion no longer restricts). The change and the re-evaluation are one transaction.',
  })
  @ApiOkResponse({ type: SegmentResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    SegmentErrors.INVALID_SEGMENT_CRITERIA,
    SegmentErrors.SEGMENT_NOT_FOUND,
  )
  async update(
    @Param() params: IdParamsDto,
    @Body() body: UpdateSegmentRequestDto,
  ): Promise<SegmentResponseDto> {
    // null is the same as absent (class-validator's IsOptional lets it through).
    const change = {
      name: body.name ?? undefined,
      currency: body.currency ?? undefined,
      criteria: body.criteria ?? undefined,
      offers: body.offers ?? undefined,
    };
    return SegmentResponseDto.from(await this.segments.update(params.id, change));
  }

  @Delete('segments/:id')
  @HttpCode(204)
  @RequireScopes('segments:write')
  @ApiOperation({ operationId: 'deleteSegment', summary: 'Delete a segment with its offers and members' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.SEGMENT_NOT_FOUND)
  async delete(@Param() params: IdParamsDto): Promise<void> {
    await this.segments.delete(params.id);
  }

  @Post('segments/:id/evaluate')
  @HttpCode(200)
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'evaluateSegment',
    summary: 'Recompute the members over all users (one set-based SQL statement)',
  })
  @ApiOkResponse({ type: EvaluateSegmentResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.SEGMENT_NOT_FOUND)
  evaluate(@Param() params: IdParamsDto): Promise<EvaluateSegmentResponseDto> {
    return this.segments.evaluate(params.id);
  }

  @Get('segments/:id/members')
  @RequireScopes('segments:read')
  @ApiOperation({ operationId: 'listSegmentMembers', summary: 'The members, by user id, paginated' })
  @ApiOkResponse({ type: SegmentMembersResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.SEGMENT_NOT_FOUND)
  async members(
    @Param() params: IdParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<SegmentMembersResponseDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.segments.members(params.id, page, pageSize);
    return { items: items.map((m) => SegmentMemberDto.from(m)), total, page, pageSize };
  }

  @Get('users/:userId/offers')
  @RequireScopes('segments:read')
  @ApiOperation({
    operationId: 'listUserOffers',
    summary:
      "The offers of the segments the user belongs to (cards, loans, investment, insurance), paginated: segments oldest first, each one's offers in order",
  })
  @ApiOkResponse({ type: UserOffersResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.USER_NOT_FOUND)
  async offers(
    @Param() params: UserIdParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<UserOffersResponseDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.segments.offersForUser(params.userId, page, pageSize);
    return { items: items.map((o) => UserOfferResponseDto.from(o)), total, page, pageSize };
  }
}
