import { KernelErrors, domainError } from '@hub/shared-kernel';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiErrors,
  CurrentPrincipal,
  Idempotent,
  type Principal,
  RequestId,
  RequireScopes,
} from '@hub/platform';
import { SynchronizationService } from '../../application/synchronization.service';
import { UserDataService } from '../../application/user-data.service';
import { UserErasureService } from '../../application/user-erasure.service';
import { WebhookDeliveryService } from '../../application/webhook-delivery.service';
import { SegmentErrors } from '../../domain/segments.errors';
import { CaseIdParamsDto, JobIdParamsDto, UserIdParamsDto } from './dto/common.dto';
import { CreateDataSourceRequestDto, DataSourceResponseDto } from './dto/data-source.dto';
import { CaseResponseDto, CashFlowReportResponseDto, IncomeReportResponseDto } from './dto/report.dto';
import { JobAcceptedResponseDto, JobResponseDto, SynchronizeRequestDto } from './dto/synchronization.dto';
import {
  WebhookDeliveriesQueryDto,
  WebhookDeliveriesResponseDto,
  WebhookDeliveryDetailResponseDto,
  WebhookDeliveryIdParamsDto,
  WebhookDeliveryResponseDto,
} from './dto/webhook-delivery.dto';

/**
 * finAPI's flow with the bank's systems behind ports (docs/contracts/financial-segments.md): processes, data
 * sources, synchronize (a durable job with a signed callback), cases and income reports, and
 * the webhook delivery log.
 */
@ApiTags('financial-segments')
@Controller('financial-segments/v1')
export class SynchronizationController {
  constructor(
    private readonly userData: UserDataService,
    private readonly synchronization: SynchronizationService,
    private readonly webhooks: WebhookDeliveryService,
    private readonly erasure: UserErasureService,
  ) {}

  @Post('users/:userId/data-sources')
  @HttpCode(201)
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'createDataSource',
    summary:
      'Import bank accounts with their transactions (re-imports merge), or add the bank’s own CASA accounts of a CIF',
  })
  @ApiCreatedResponse({ type: DataSourceResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.USER_NOT_FOUND, SegmentErrors.CIF_NOT_FOUND)
  async createDataSource(
    @Param() params: UserIdParamsDto,
    @Body() body: CreateDataSourceRequestDto,
  ): Promise<DataSourceResponseDto> {
    if (body.type === 'ODS_CASA') return this.userData.importOdsCasa(params.userId, body.cif as string);
    return this.userData.importAccounts(params.userId, body.bankName as string, body.accounts ?? []);
  }

  @Delete('users/:userId')
  @HttpCode(204)
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'deleteUser',
    summary:
      'Erase a user: data sources, transactions, jobs, cases, reports, memberships, offers, callbacks and pending queue jobs',
    description:
      'One transaction. What remains is an audit record of the erasure holding keyed hashes of the user id and the external user id. Later reads of the user, its jobs and cases are 404; segment member counts drop.',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.USER_NOT_FOUND)
  async deleteUser(
    @Param() params: UserIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
  ): Promise<void> {
    await this.erasure.erase(params.userId, { actor: principal.subject, requestId });
  }

  @Post('users/:userId/synchronize')
  @HttpCode(202)
  @RequireScopes('segments:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'synchronize',
    summary:
      'Queue a durable job that builds a Case and its Income Report, then calls the callback URL back (signed)',
  })
  @ApiAcceptedResponse({ type: JobAcceptedResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    SegmentErrors.CALLBACK_URL_NOT_ALLOWED,
    SegmentErrors.USER_NOT_FOUND,
  )
  async synchronize(
    @Param() params: UserIdParamsDto,
    @Body() body: SynchronizeRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobAcceptedResponseDto> {
    const accepted = await this.synchronization.request(params.userId, body.callbackUrl);
    void reply.header('location', `/financial-segments/v1/jobs/${accepted.jobId}`);
    return accepted;
  }

  @Get('jobs/:jobId')
  @RequireScopes('segments:read')
  @ApiOperation({ operationId: 'getJob', summary: 'The state of a synchronize job' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.JOB_NOT_FOUND)
  async getJob(@Param() params: JobIdParamsDto): Promise<JobResponseDto> {
    return JobResponseDto.from(await this.synchronization.getJob(params.jobId));
  }

  @Get('cases/:caseId')
  @RequireScopes('segments:read')
  @ApiOperation({ operationId: 'getCase', summary: 'A Case: its data sources and reports' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.CASE_NOT_FOUND)
  async getCase(@Param() params: CaseIdParamsDto): Promise<CaseResponseDto> {
    return CaseResponseDto.from(await this.synchronization.getCase(params.caseId));
  }

  @Get('cases/:caseId/reports/income')
  @RequireScopes('segments:read')
  @ApiOperation({
    operationId: 'getIncomeReport',
    summary: 'The Income Report of a Case: income transactions and aggregations',
  })
  @ApiOkResponse({ type: IncomeReportResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.CASE_NOT_FOUND, SegmentErrors.REPORT_NOT_FOUND)
  async getIncomeReport(@Param() params: CaseIdParamsDto): Promise<IncomeReportResponseDto> {
    return IncomeReportResponseDto.from(await this.synchronization.getIncomeReport(params.caseId));
  }

  @Get('cases/:caseId/reports/cash-flow')
  @RequireScopes('segments:read')
  @ApiOperation({
    operationId: 'getCashFlowReport',
    summary:
      'The Cash-flow Report of a Case: classified outflows, inflow/outflow/net per month, lowest balance, days below zero, affordability',
  })
  @ApiOkResponse({ type: CashFlowReportResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.CASE_NOT_FOUND, SegmentErrors.REPORT_NOT_FOUND)
  async getCashFlowReport(@Param() params: CaseIdParamsDto): Promise<CashFlowReportResponseDto> {
    return CashFlowReportResponseDto.from(await this.synchronization.getCashFlowReport(params.caseId));
  }

  @Get('webhook-deliveries')
  @RequireScopes('segments:read')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'Callback deliveries, newest first; status=FAILED lists the given-up ones',
  })
  @ApiOkResponse({ type: WebhookDeliveriesResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async listWebhookDeliveries(
    @Query() query: WebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveriesResponseDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.webhooks.list(query.status, page, pageSize);
    return { items: items.map((d) => WebhookDeliveryResponseDto.from(d)), total, page, pageSize };
  }

  @Post('webhook-deliveries/:id/redeliver')
  @HttpCode(202)
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'redeliverWebhook',
    summary: 'Queue one new attempt of a FAILED or DELIVERED callback, with the same webhook-id',
    description:
      'The stored body is sent again, signed with the attempt’s timestamp. It is a single attempt: if it fails, the delivery is FAILED again. 409 WEBHOOK_DELIVERY_PENDING while an attempt is still queued.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    SegmentErrors.WEBHOOK_DELIVERY_NOT_FOUND,
    SegmentErrors.WEBHOOK_DELIVERY_PENDING,
  )
  async redeliverWebhook(
    @Param() params: WebhookDeliveryIdParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookDeliveryResponseDto> {
    const delivery = await this.webhooks.redeliver(params.id);
    void reply.header('location', `/financial-segments/v1/webhook-deliveries/${delivery.id}`);
    return WebhookDeliveryResponseDto.from(delivery);
  }

  @Get('webhook-deliveries/:id')
  @RequireScopes('segments:read')
  @ApiOperation({
    operationId: 'getWebhookDelivery',
    summary: 'One callback delivery with its log of attempts',
  })
  @ApiOkResponse({ type: WebhookDeliveryDetailResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.WEBHOOK_DELIVERY_NOT_FOUND)
  async getWebhookDelivery(
    @Param() params: WebhookDeliveryIdParamsDto,
  ): Promise<WebhookDeliveryDetailResponseDto> {
    const found = await this.webhooks.get(params.id);
    if (!found) throw domainError(SegmentErrors.WEBHOOK_DELIVERY_NOT_FOUND);
    return WebhookDeliveryDetailResponseDto.from(found);
  }
}
