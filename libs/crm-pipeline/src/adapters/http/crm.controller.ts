import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiErrors,
  CurrentPrincipal,
  ErrorResponseDto,
  Idempotent,
  RequestId,
  RequireScopes,
  setResponseStatus,
  type Principal,
} from '@hub/platform';
import { CrmPipelineService } from '../../application/crm-pipeline.service';
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
  constructor(private readonly crm: CrmPipelineService) {}

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
  @ApiErrors(400, 409)
  @ApiResponse({
    status: 422,
    type: ErrorResponseDto,
    description:
      'The NTB/ETB classification contradicts the ODS (CRM_CLASSIFICATION_CHECK=enforce): CUSTOMER_TYPE_MISMATCH for an NTB customer an open CIF holds by legal ID or mobile (the CIF is not revealed); CIF_NOT_FOUND for an ETB CIF the ODS does not know or knows closed',
    examples: {
      CUSTOMER_TYPE_MISMATCH: {
        summary: 'NTB, but an open CIF holds the legal ID or mobile',
        value: {
          statusCode: 422,
          code: 'CUSTOMER_TYPE_MISMATCH',
          message: 'The customer already holds a CIF at the bank: send customerType ETB with the CIF',
          details: [{ suggestedCustomerType: 'ETB' }],
          requestId: '3f7c2a9e-5b1d-4c8e-9a2f-1d6b7e8c9f00',
        },
      },
      CIF_NOT_FOUND: {
        summary: 'ETB, but the ODS holds no open customer with the CIF',
        value: {
          statusCode: 422,
          code: 'CIF_NOT_FOUND',
          message: 'The ODS holds no open customer with this CIF',
          details: [{ field: 'cif' }],
          requestId: '3f7c2a9e-5b1d-4c8e-9a2f-1d6b7e8c9f01',
        },
      },
    },
  })
  async comboCreate(
    @Body() body: ComboCreateLeadOpportunityRequestDto,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComboCreateResponseDto> {
    const outcome = await this.crm.comboCreate(body, principal.subject, requestId);
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
  @ApiErrors(400, 404, 409)
  async comboUpdate(
    @Body() body: ComboUpdateLeadOpportunityRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComboUpdateResponseDto> {
    return ComboUpdateResponseDto.from(await this.crm.closeWon(body, principal.subject));
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
  @ApiErrors(400, 404, 409)
  async updateOpportunityStatus(
    @Body() body: UpdateOpportunityStatusRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OpportunityResponseDto> {
    return OpportunityResponseDto.from(await this.crm.updateOpportunityStatus(body, principal.subject));
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
  @ApiErrors(400, 404, 409)
  async updateLeadStatus(
    @Body() body: UpdateLeadStatusRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeadResponseDto> {
    return LeadResponseDto.from(await this.crm.updateLeadStatus(body, principal.subject));
  }

  @Get(`${API}/leads`)
  @RequireScopes('crm:read')
  @ApiOperation({ operationId: 'listLeads', summary: 'Leads, newest first, filtered and paginated' })
  @ApiOkResponse({ type: LeadPageResponseDto })
  @ApiErrors(400)
  async listLeads(@Query() query: ListLeadsQueryDto): Promise<LeadPageResponseDto> {
    const { page = 1, pageSize = DEFAULT_PAGE_SIZE, ...filter } = query;
    return LeadPageResponseDto.from(await this.crm.listLeads(filter, { page, pageSize }));
  }

  @Get(`${API}/leads/:id`)
  @RequireScopes('crm:read')
  @ApiOperation({ operationId: 'getLead', summary: 'A lead with its status history' })
  @ApiOkResponse({ type: LeadResponseDto })
  @ApiErrors(400, 404)
  async getLead(@Param() params: RecordIdParamsDto): Promise<LeadResponseDto> {
    return LeadResponseDto.from(await this.crm.getLead(params.id));
  }

  @Get(`${API}/opportunities`)
  @RequireScopes('crm:read')
  @ApiOperation({
    operationId: 'listOpportunities',
    summary: 'Opportunities, newest first, filtered and paginated',
  })
  @ApiOkResponse({ type: OpportunityPageResponseDto })
  @ApiErrors(400)
  async listOpportunities(@Query() query: ListOpportunitiesQueryDto): Promise<OpportunityPageResponseDto> {
    const { page = 1, pageSize = DEFAULT_PAGE_SIZE, ...filter } = query;
    return OpportunityPageResponseDto.from(await this.crm.listOpportunities(filter, { page, pageSize }));
  }

  @Get(`${API}/opportunities/:id`)
  @RequireScopes('crm:read')
  @ApiOperation({ operationId: 'getOpportunity', summary: 'An opportunity with its status history' })
  @ApiOkResponse({ type: OpportunityResponseDto })
  @ApiErrors(400, 404)
  async getOpportunity(@Param() params: RecordIdParamsDto): Promise<OpportunityResponseDto> {
    return OpportunityResponseDto.from(await this.crm.getOpportunity(params.id));
  }

  @Get(`${API}/catalog`)
  @RequireScopes('crm:read')
  @ApiOperation({
    operationId: 'getCrmCatalog',
    summary: 'The product and channel codes combo-create accepts (CRM_PRODUCTS, CRM_CHANNELS)',
  })
  @ApiOkResponse({ type: CatalogueResponseDto })
  catalogue(): CatalogueResponseDto {
    return CatalogueResponseDto.from(this.crm.catalogue());
  }

  @Get(`${API}/reports/pipeline`)
  @RequireScopes('crm:read')
  @ApiOperation({
    operationId: 'getPipelineReport',
    summary:
      'Counts by status, channel, product and owner; amounts per currency by status; won amounts; median days to close; conversion rate; close-lost reasons',
  })
  @ApiOkResponse({ type: PipelineReportResponseDto })
  @ApiErrors(400)
  async pipelineReport(@Query() query: PipelineReportQueryDto): Promise<PipelineReportResponseDto> {
    const report = await this.crm.pipelineReport({
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    });
    return PipelineReportResponseDto.from(report);
  }
}
