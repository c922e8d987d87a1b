import type { Readable } from 'node:stream';
import { Body, Controller, Headers, HttpCode, Optional, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  PlatformErrors,
  AcceptsNdjson,
  ApiErrors,
  CurrentPrincipal,
  HubMetrics,
  pickLanguage,
  RequestId,
  RequireScopes,
  unsupportedContentType,
  type Principal,
} from '@hub/platform';
import { CustomerSummaryService } from '../../application/customer-summary.service';
import { OdsIngestService } from '../../application/ods-ingest.service';
import { CustomerSummaryErrors } from '../../domain/customer-summary.errors';
import { KernelErrors, domainError } from '@hub/shared-kernel';
import { CustomerSummaryConfig } from '../customer-summary.config';
import { GetCusSummaryRequestDto } from './dto/get-cus-summary.request.dto';
import { GetCusSummaryResponseDto } from './dto/customer-summary.response.dto';
import { OdsIngestReportResponseDto } from './dto/ods-ingest-report.response.dto';

const NDJSON_EXAMPLE = [
  '{"cif":"7700009001","extractedAt":"2026-10-31T17:00:00Z","status":"ACTIVE","fullName":"Phạm Minh Khoa","dateOfBirth":"1988-02-03","gender":"M","legalIds":[{"type":"CMND","number":"212345678"}],"mobileNumbers":["0903000111"],"lending":[],"deposits":[],"payroll":[]}',
  '{"cif":"7700009002","extractedAt":"2026-10-31T17:00:00Z","status":"ACTIVE","fullName":"Võ Thị Lan","legalIds":[{"type":"CCCD","number":"079188000001"}],"mobileNumbers":["+84903000222"]}',
].join('\n');

@ApiTags('customer-summary')
@Controller('api/v1')
export class CustomerSummaryController {
  constructor(
    private readonly summaries: CustomerSummaryService,
    private readonly ingest: OdsIngestService,
    private readonly config: CustomerSummaryConfig,
    @Optional() private readonly metrics?: HubMetrics,
  ) {}

  @Post('customer-summary')
  @HttpCode(200)
  @RequireScopes('customer-summary:read')
  @ApiOperation({
    operationId: 'getCusSummary',
    summary: "A customer's basic, lending and non-lending information, by legal ID and/or mobile number",
    description:
      'Candidates = CIFs holding the legal ID united with CIFs holding the mobile number, CLOSED CIFs excluded. ' +
      '0: `{ total: 0, data: [], warnings: [] }`; 1: the summary; 2 or more: 409 DUPLICATE_CIF (details carry only the count). ' +
      'Every lookup is audited with hashed identifiers. Each summary carries `dataAsOf` (when the ODS extracted ' +
      'the data and when it was loaded) and `dataQualityFlags`; `warnings`, beside `data`, lists STALE_DATA ' +
      '(extracted longer ago than ODS_STALE_AFTER_HOURS) and the data-quality flags of the CIF shown, with messages ' +
      'in the Accept-Language. With ODS_MODE=http, an ODS that is down or slow gives 503 ODS_UNAVAILABLE with ' +
      'Retry-After, and invalid ODS data 503 ODS_INVALID_RESPONSE.',
  })
  @ApiOkResponse({ type: GetCusSummaryResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CustomerSummaryErrors.IDENTIFIER_REQUIRED,
    CustomerSummaryErrors.INVALID_IDENTIFIER,
    CustomerSummaryErrors.DUPLICATE_CIF,
    CustomerSummaryErrors.ODS_UNAVAILABLE,
    CustomerSummaryErrors.ODS_INVALID_RESPONSE,
  )
  async getCusSummary(
    @Body() body: GetCusSummaryRequestDto,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<GetCusSummaryResponseDto> {
    const result = await this.summaries.getSummary(body, { actor: principal.subject, requestId });
    return GetCusSummaryResponseDto.from(result, pickLanguage(acceptLanguage));
  }

  // "::" is a literal ":" in the router's path syntax.
  @Post('ods/customers::bulk')
  @HttpCode(200)
  @RequireScopes('ods:write')
  @ApiOperation({
    operationId: 'bulkLoadOdsCustomers',
    summary: 'Load ODS customer snapshots (NDJSON, one customer per line; each replaces that CIF)',
    description:
      'Streamed: any size in constant memory, written in batches. A bad line is reported with its line number and ' +
      'loads nothing; the other lines load; a line older than the extraction the ODS holds for its CIF is refused ' +
      '(STALE_SNAPSHOT). The format is in the customer-summary README. With ODS_MODE=http the hub keeps no ODS ' +
      'data: 409 ODS_LOADS_DISABLED.',
  })
  @ApiConsumes('application/x-ndjson')
  // An empty body is accepted (nothing loaded), so the body is not required.
  @ApiBody({ required: false, schema: { type: 'string', example: NDJSON_EXAMPLE } })
  @ApiOkResponse({ type: OdsIngestReportResponseDto })
  @ApiErrors(PlatformErrors.BODY_TYPE_REQUIRED, CustomerSummaryErrors.ODS_LOADS_DISABLED)
  @AcceptsNdjson()
  async bulkLoad(@Req() request: FastifyRequest): Promise<OdsIngestReportResponseDto> {
    if (this.config.mode === 'http') throw domainError(CustomerSummaryErrors.ODS_LOADS_DISABLED);
    const body = request.body as Readable | undefined;
    if (
      mediaTypeOf(request) !== 'application/x-ndjson' ||
      !body ||
      typeof body[Symbol.asyncIterator] !== 'function'
    ) {
      throw unsupportedContentType('application/x-ndjson');
    }
    const report = await this.ingest.ingest(body, { batchSize: this.config.ingestBatchSize });
    this.metrics?.countOdsIngest(report.received, report.loaded);
    return OdsIngestReportResponseDto.from(report);
  }
}

/** The media type of a request, lower case, without parameters ('' when absent). */
function mediaTypeOf(request: FastifyRequest): string {
  return String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}
