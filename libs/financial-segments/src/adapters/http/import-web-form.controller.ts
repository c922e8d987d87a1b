import { SegmentErrors } from '../../domain/segments.errors';
import { KernelErrors } from '@hub/shared-kernel';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExcludeEndpoint,
  ApiExtension,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpErrors, ApiErrors, Public, RequireScopes } from '@hub/platform';
import { ImportWebFormService } from '../../application/import-web-form.service';
import { SegmentsConfig } from '../../application/segments-config';
import {
  CreateProcessRequestDto,
  ProcessIdParamsDto,
  ProcessResponseDto,
  ProcessStatusResponseDto,
} from './dto/process.dto';
import {
  ProcessTokenParamsDto,
  WebFormConfirmRequestDto,
  WebFormCsrfDto,
  WebFormDoneResponseDto,
  WebFormFilesRequestDto,
  WebFormPreviewResponseDto,
} from './dto/web-form.dto';
import { WEB_FORM_CSS, WEB_FORM_JS } from './web-form.assets';
import { renderEndedPage, renderWebForm, WEB_FORM_HEADERS } from './web-form.page';

const BASE = 'financial-segments/v1';

/**
 * Processes and the import web form: the bank's app opens a process and sends its user to the
 * form's URL; the process token in that URL is the page's only credential (no bearer token),
 * used once (confirm or cancel) before it expires. The bank's app polls the process's status.
 */
@ApiTags('financial-segments')
@Controller(BASE)
export class ImportWebFormController {
  constructor(
    private readonly form: ImportWebFormService,
    private readonly config: SegmentsConfig,
  ) {}

  @Post('processes')
  @HttpCode(201)
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'createProcess',
    summary: 'A process for an external user: its token, its user (the same every time) and its web form URL',
    description:
      'The bank app opens `webFormUrl` for the user (single use, valid PROCESS_TOKEN_TTL), then waits on GET /processes/{processId} or the `process.completed` webhook to `callbackUrl`. `redirectUrl` and `callbackUrl` must be https to a public address (400 REDIRECT_URL_NOT_ALLOWED, CALLBACK_URL_NOT_ALLOWED).',
  })
  @ApiCreatedResponse({ type: ProcessResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    SegmentErrors.CALLBACK_URL_NOT_ALLOWED,
    SegmentErrors.REDIRECT_URL_NOT_ALLOWED,
  )
  async createProcess(
    @Body() body: CreateProcessRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProcessResponseDto> {
    const opened = await this.form.open(body.externalUserId, {
      redirectUrl: body.redirectUrl ?? null,
      callbackUrl: body.callbackUrl ?? null,
      language: body.language ?? null,
    });
    const base = this.config.webFormBaseUrl ?? `${request.protocol}://${request.host}`;
    void reply.header('location', `/${BASE}/processes/${opened.processId}`);
    return {
      processToken: opened.processToken,
      userId: opened.userId,
      processId: opened.processId,
      webFormUrl: `${base}/${BASE}/web-form/${opened.processToken}`,
      expiresAt: opened.expiresAt.toISOString(),
    };
  }

  @Get('processes/:id')
  @RequireScopes('segments:read')
  @ApiOperation({
    operationId: 'getProcess',
    summary:
      'The status of a process: WAITING_FOR_USER, COMPLETED, ABORTED or EXPIRED, with the consent given',
  })
  @ApiOkResponse({ type: ProcessStatusResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, SegmentErrors.PROCESS_NOT_FOUND)
  async getProcess(@Param() params: ProcessIdParamsDto): Promise<ProcessStatusResponseDto> {
    return ProcessStatusResponseDto.from(await this.form.get(params.id));
  }

  @Get('web-form/:processToken')
  @Public()
  @ApiExtension('x-credential', 'process token in the path (single use, expiring)')
  @ApiOperation({
    operationId: 'getWebForm',
    summary: 'The import web form (HTML, vi or en); the process token is its credential',
    description:
      '200: the form. 410: the token was used already (the import confirmed or cancelled) or has expired (the process is then EXPIRED). 404: no such token.',
  })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The form' })
  @ApiResponse({ status: 404, description: 'No such process token (HTML page)' })
  @ApiResponse({ status: 410, description: 'The token was used or has expired (HTML page)' })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async getWebForm(
    @Param() params: ProcessTokenParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const state = await this.form.state(params.processToken);
    void reply.headers({ ...WEB_FORM_HEADERS, 'content-type': 'text/html; charset=utf-8' });
    if (state.kind === 'OPEN') {
      return renderWebForm({
        token: params.processToken,
        csrf: state.csrf,
        language: state.process.language,
        expiresAt: state.process.expiresAt,
        maxUploadBytes: this.config.webFormMaxUploadBytes,
      });
    }
    void reply.status(state.kind === 'UNKNOWN' ? 404 : 410);
    return renderEndedPage(state.kind, state.kind === 'UNKNOWN' ? 'vi' : state.process.language);
  }

  @Post('web-form/:processToken/preview')
  @HttpCode(200)
  @Public()
  @ApiExtension('x-credential', 'process token in the path (single use, expiring)')
  @ApiOperation({
    operationId: 'previewWebFormFiles',
    summary:
      'The web form reads statement files: accounts, transaction counts, periods and problems per file',
    description: 'Stores nothing. Needs the page’s CSRF token (403 CSRF_TOKEN_INVALID).',
  })
  @ApiOkResponse({ type: WebFormPreviewResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    SegmentErrors.STATEMENT_INVALID,
    SegmentErrors.UPLOAD_TOO_LARGE,
    SegmentErrors.PROCESS_NOT_FOUND,
    SegmentErrors.PROCESS_EXPIRED,
    SegmentErrors.PROCESS_TOKEN_USED,
    SegmentErrors.CSRF_TOKEN_INVALID,
    HttpErrors.PAYLOAD_TOO_LARGE,
  )
  async preview(
    @Param() params: ProcessTokenParamsDto,
    @Body() body: WebFormFilesRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormPreviewResponseDto> {
    void reply.headers(WEB_FORM_HEADERS);
    return { files: await this.form.preview(params.processToken, body.csrf, body.files) };
  }

  @Post('web-form/:processToken/confirm')
  @HttpCode(200)
  @Public()
  @ApiExtension('x-credential', 'process token in the path (single use, expiring)')
  @ApiOperation({
    operationId: 'confirmWebForm',
    summary:
      'The user confirms: the files become IMPORT data sources, the consent is stored, the process COMPLETED, the webhook queued — one transaction',
    description:
      '400 STATEMENT_INVALID (a detail per problem: file, line or element, message) or CONSENT_REQUIRED store nothing. 409 PROCESS_TOKEN_USED / PROCESS_EXPIRED.',
  })
  @ApiOkResponse({ type: WebFormDoneResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    SegmentErrors.STATEMENT_INVALID,
    SegmentErrors.UPLOAD_TOO_LARGE,
    SegmentErrors.CONSENT_REQUIRED,
    SegmentErrors.PROCESS_NOT_FOUND,
    SegmentErrors.PROCESS_EXPIRED,
    SegmentErrors.PROCESS_TOKEN_USED,
    SegmentErrors.CSRF_TOKEN_INVALID,
    HttpErrors.PAYLOAD_TOO_LARGE,
  )
  async confirm(
    @Param() params: ProcessTokenParamsDto,
    @Body() body: WebFormConfirmRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormDoneResponseDto> {
    void reply.headers(WEB_FORM_HEADERS);
    const done = await this.form.confirm(params.processToken, body.csrf, body.consent, body.files);
    return { redirectUrl: done.redirectUrl };
  }

  @Post('web-form/:processToken/cancel')
  @HttpCode(200)
  @Public()
  @ApiExtension('x-credential', 'process token in the path (single use, expiring)')
  @ApiOperation({
    operationId: 'cancelWebForm',
    summary: 'The user cancels: the process is ABORTED, nothing is stored',
  })
  @ApiOkResponse({ type: WebFormDoneResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    SegmentErrors.PROCESS_NOT_FOUND,
    SegmentErrors.PROCESS_EXPIRED,
    SegmentErrors.PROCESS_TOKEN_USED,
    SegmentErrors.CSRF_TOKEN_INVALID,
  )
  async cancel(
    @Param() params: ProcessTokenParamsDto,
    @Body() body: WebFormCsrfDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormDoneResponseDto> {
    void reply.headers(WEB_FORM_HEADERS);
    return this.form.cancel(params.processToken, body.csrf);
  }

  @Get('web-form-assets/form.js')
  @Public()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  @Header('x-content-type-options', 'nosniff')
  @ApiExcludeEndpoint()
  script(): string {
    return WEB_FORM_JS;
  }

  @Get('web-form-assets/form.css')
  @Public()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  @Header('x-content-type-options', 'nosniff')
  @ApiExcludeEndpoint()
  stylesheet(): string {
    return WEB_FORM_CSS;
  }
}
