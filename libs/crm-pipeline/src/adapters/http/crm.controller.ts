import { CrmErrors } from '../../domain/crm.errors';
import { KernelErrors } from '@hub/shared-kernel';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiErrors,
  CurrentPrincipal,
  Idempotent,
  RequestId,
  RequireScopes,
  setResponseStatus,
  type Principal,
} from '@hub/platform';
import { CrmCommandsService } from '../../application/crm-commands.service';
import { CrmQueriesService } from '../../application/crm-queries.service';
import { ComboCreateLeadOpportunityRequestDto } from './dto/combo-create-lead-opportunity.request.dto';
import { ComboUpdateLeadOpportunityRequestDto } from './dto/combo-update-lead-opportunity.request.dto';
import {
  ListLeadsQueryDto,
  ListOpportunitiesQueryDto,
  PipelineReportQueryDto,
  RecordIdParamsDto,
} from './dto/crm-queries.request.dto';
import {
  CatalogueResponseDto,
  ComboCreateResponseDto,
  ComboUpdateResponseDto,
  LeadPageResponseDto,
  LeadResponseDto,
  OpportunityPageResponseDto,
  OpportunityResponseDto,
  PipelineReportResponseDto,
} from './dto/crm.response.dto';
import { UpdateLeadStatusRequestDto } from './dto/update-lead-status.request.dto';
import { UpdateOpportunityStatusRequestDto } from './dto/update-opportunity-status.request.dto';

const INT = 'integration-service/int/api/crm/v1';
const API = 'integration-service/api/crm/v1';
const DEFAULT_PAGE_SIZE = 20;

/** The CRM pipeline's routes, exactly as the source names them (docs/contracts/crm-pipeline.md). */
@ApiTags('crm-pipeline')
@Controller()
export class CrmController {
  constructor(
    private readonly commands: CrmCommandsService,
    private readonly queries: CrmQueriesService,
  ) {}

  @Post(`${INT}/combo-create-lead-opportunity`)
  @HttpCode(201)
  @RequireScopes('crm:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'comboCreateLeadOpportunity',
    summary:
      'Register a customer journey: a lead (NTB) or an opportunity (ETB), never two open for one customer',
  })
  @ApiCreatedResponse({
    type: ComboCreateResponseDto,
    description: 'A record was created (CREATED_* or REASSIGNED_*)',
  })
  @ApiOkResponse({ type: ComboCreateResponseDto, description: 'The open record of the same RM (EXISTING_*)' })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CrmErrors.LEGAL_ID_OF_OTHER_CIF,
    CrmErrors.CRM_CONCURRENT_UPDATE,
    CrmErrors.CUSTOMER_TYPE_MISMATCH,
    CrmErrors.CIF_NOT_FOUND,
  )
  async comboCreate(
    @Body() body: ComboCreateLeadOpportunityRequestDto,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComboCreateResponseDto> {
    const outcome = await this.commands.comboCreate(body, principal.subject, requestId);
    if (!outcome.created) setResponseStatus(reply, 200);
    return ComboCreateResponseDto.from(outcome);
  }

  @Post(`${INT}/combo-update-lead-opportunity`)
  @HttpCode(200)
  @RequireScopes('crm:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'comboUpdateLeadOpportunity',
    summary: 'Close Won: a lead (converted into an opportunity for its new CIF) or an opportunity',
  })
  @ApiOkResponse({ type: ComboUpdateResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CrmErrors.LEAD_NOT_FOUND,
    CrmErrors.OPPORTUNITY_NOT_FOUND,
    KernelErrors.LEAD_CLOSED,
    KernelErrors.OPPORTUNITY_CLOSED,
    CrmErrors.CRM_CONCURRENT_UPDATE,
  )
  async comboUpdate(
    @Body() body: ComboUpdateLeadOpportunityRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComboUpdateResponseDto> {
    return ComboUpdateResponseDto.from(await this.commands.closeWon(body, principal.subject));
  }

  @Post(`${API}/update-opportunity-status`)
  @HttpCode(200)
  @RequireScopes('crm:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'updateOpportunityStatus',
    summary: 'Close an opportunity (Close Lost with a reason, e.g. AML_REJECTED)',
  })
  @ApiOkResponse({ type: OpportunityResponseDto, description: 'The opportunity after the change' })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CrmErrors.OPPORTUNITY_NOT_FOUND,
    KernelErrors.OPPORTUNITY_CLOSED,
    KernelErrors.OPPORTUNITY_TRANSITION_NOT_ALLOWED,
    CrmErrors.CRM_CONCURRENT_UPDATE,
  )
  async updateOpportunityStatus(
    @Body() body: UpdateOpportunityStatusRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OpportunityResponseDto> {
    return OpportunityResponseDto.from(await this.commands.updateOpportunityStatus(body, principal.subject));
  }

  @Post(`${API}/update-lead-status`)
  @HttpCode(200)
  @RequireScopes('crm:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'updateLeadStatus',
    summary: 'Close a lead lost (with a reason, e.g. AML_REJECTED)',
  })
  @ApiOkResponse({ type: LeadResponseDto, description: 'The lead after the change' })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CrmErrors.LEAD_NOT_FOUND,
    KernelErrors.LEAD_CLOSED,
    KernelErrors.LEAD_TRANSITION_NOT_ALLOWED,
    CrmErrors.LEAD_CONVERSION_REQUIRED,
    CrmErrors.CRM_CONCURRENT_UPDATE,
  )
  async updateLeadStatus(
    @Body() body: UpdateLeadStatusRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadResponseDto> {
    return LeadResponseDto.from(await this.commands.updateLeadStatus(body, principal.subject));
  }

  @Get(`${API}/leads`)
  @RequireScopes('crm:read')
  @ApiOperation({ operationId: 'listLeads', summary: 'Leads, newest first, filtered and paginated' })
  @ApiOkResponse({ type: LeadPageResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async listLeads(@Query() query: ListLeadsQueryDto): Promise<LeadPageResponseDto> {
    const { page = 1, pageSize = DEFAULT_PAGE_SIZE, ...filter } = query;
    return LeadPageResponseDto.from(await this.queries.listLeads(filter, { page, pageSize }));
  }

  @Get(`${API}/leads/:id`)
  @RequireScopes('crm:read')
  @ApiOperation({ operationId: 'getLead', summary: 'A lead with its status history' })
  @ApiOkResponse({ type: LeadResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, CrmErrors.LEAD_NOT_FOUND)
  async getLead(@Param() params: RecordIdParamsDto): Promise<LeadResponseDto> {
    return LeadResponseDto.from(await this.queries.getLead(params.id));
  }

  @Get(`${API}/opportunities`)
  @RequireScopes('crm:read')
  @ApiOperation({
    operationId: 'listOpportunities',
    summary: 'Opportunities, newest first, filtered and paginated',
  })
  @ApiOkResponse({ type: OpportunityPageResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async listOpportunities(@Query() query: ListOpportunitiesQueryDto): Promise<OpportunityPageResponseDto> {
    const { page = 1, pageSize = DEFAULT_PAGE_SIZE, ...filter } = query;
    return OpportunityPageResponseDto.from(await this.queries.listOpportunities(filter, { page, pageSize }));
  }

  @Get(`${API}/opportunities/:id`)
  @RequireScopes('crm:read')
  @ApiOperation({ operationId: 'getOpportunity', summary: 'An opportunity with its status history' })
  @ApiOkResponse({ type: OpportunityResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, CrmErrors.OPPORTUNITY_NOT_FOUND)
  async getOpportunity(@Param() params: RecordIdParamsDto): Promise<OpportunityResponseDto> {
    return OpportunityResponseDto.from(await this.queries.getOpportunity(params.id));
  }

  @Get(`${API}/catalog`)
  @RequireScopes('crm:read')
  @ApiOperation({
    operationId: 'getCrmCatalog',
    summary: 'The product and channel codes combo-create accepts (CRM_PRODUCTS, CRM_CHANNELS)',
  })
  @ApiOkResponse({ type: CatalogueResponseDto })
  catalogue(): CatalogueResponseDto {
    return CatalogueResponseDto.from(this.queries.catalogue());
  }

  @Get(`${API}/reports/pipeline`)
  @RequireScopes('crm:read')
  @ApiOperation({
    operationId: 'getPipelineReport',
    summary:
      'Counts by status, channel, product and owner; amounts per currency by status; won amounts; median days to close; conversion rate; close-lost reasons',
  })
  @ApiOkResponse({ type: PipelineReportResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async pipelineReport(@Query() query: PipelineReportQueryDto): Promise<PipelineReportResponseDto> {
    const report = await this.queries.pipelineReport({
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    });
    return PipelineReportResponseDto.from(report);
  }
}
