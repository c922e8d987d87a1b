// Over 300 lines on purpose: every route of the card-registry API with its Swagger declarations;
// each handler is a few lines that hand over to the service.
import { CardRegistryErrors } from '../../domain/card-registry.errors';
import { KernelErrors } from '@hub/shared-kernel';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiErrors,
  CurrentPrincipal,
  Idempotent,
  RequireInstitution,
  RequireScopes,
  type Principal,
  PageQueryDto,
} from '@hub/platform';
import { CardExportFilesService } from '../../application/card-export-files.service';
import { CardRegistryService } from '../../application/card-registry.service';
import type { Card } from '../../domain/card';
import type { Customer } from '../../domain/customer';
import { toAccountView, toCardView, toCustomerView, type ExportFormat } from '../../domain/customer-views';
import { etagOf } from '../../domain/customer-version';
import { AccountResponseDto, CreateAccountRequestDto } from './dto/account.dto';
import {
  CardListResponseDto,
  CardResponseDto,
  CardVersionListResponseDto,
  CardVersionResponseDto,
  CreateCardRequestDto,
  PatchCardRequestDto,
} from './dto/card.dto';
import { CreateCustomerRequestDto } from './dto/create-customer.request.dto';
import { ExportCustomersQueryDto, SearchCustomersQueryDto } from './dto/customer-query.dto';
import {
  CustomerResponseDto,
  CustomerSearchResponseDto,
  CustomerVersionListResponseDto,
  CustomerVersionResponseDto,
} from './dto/customer.response.dto';
import {
  ExportFileListResponseDto,
  ExportFileResponseDto,
  ListExportFilesQueryDto,
} from './dto/export-file.dto';
import { PatchCustomerRequestDto } from './dto/patch-customer.request.dto';

const BASE = 'card-registry/v1';

const CONTENT_TYPES = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
} as const;

/** The token's institution: the guard (`@RequireInstitution`) has already refused tokens without one. */
function institutionOf(principal: Principal): string {
  return principal.institutionId as string;
}

function withEtag(reply: FastifyReply, customer: Customer): CustomerResponseDto {
  void reply.header('etag', etagOf(customer.version));
  return CustomerResponseDto.from(toCustomerView(customer));
}

function cardWithEtag(reply: FastifyReply, card: Card): CardResponseDto {
  void reply.header('etag', etagOf(card.version));
  return CardResponseDto.from(toCardView(card));
}

const EXPORT_OK = {
  description:
    'NDJSON: one object a line. CSV (RFC 4180): one header row, then one row per record; cells that a spreadsheet would read as a formula (starting with = + - @) get a leading apostrophe. Ordered by the change time, then id',
  content: {
    'application/x-ndjson': { schema: { type: 'string' } },
    'text/csv': { schema: { type: 'string' } },
  },
};

/**
 * Streams an export to the client. A `Readable` source (the PostgreSQL store's COPY stream) is
 * piped to the socket as it is; another iterable is wrapped. The first chunk (or the end) must be
 * readable before the status line goes out, so a failure to start the export (database down, a
 * failing statement) is an ordinary error answer rather than a cut-off 200; then the socket pulls
 * the rest (back-pressure reaches the database). A client gone half way destroys the stream, which
 * gives its connection back.
 */
async function sendExport(
  reply: FastifyReply,
  source: AsyncIterable<string | Uint8Array>,
  format: ExportFormat,
  baseName: string,
): Promise<void> {
  const stream =
    source instanceof Readable
      ? source
      : Readable.from(source, { objectMode: false, highWaterMark: 64 * 1024 });
  await once(stream, 'readable');
  await reply
    .status(200)
    .type(CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${baseName}.${format}"`)
    .header('cache-control', 'no-store')
    .send(stream);
}

/**
 * The card-customer registry (docs/contracts/card-registry.md). Every route needs an `institutionId` claim and
 * sees only that institution's rows: another institution's customer, account or card is 404.
 */
@ApiTags('card-registry')
@RequireInstitution()
@Controller(BASE)
export class CardRegistryController {
  constructor(
    private readonly service: CardRegistryService,
    private readonly exportFiles: CardExportFilesService,
  ) {}

  @Post('customers')
  @HttpCode(201)
  @RequireScopes('cards:write')
  @Idempotent()
  @ApiOperation({ operationId: 'createCardCustomer', summary: 'Create a private or corporate customer' })
  @ApiCreatedResponse({ type: CustomerResponseDto, description: 'Created; ETag holds the version ("1")' })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, CardRegistryErrors.CUSTOMER_EXISTS)
  async createCustomer(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCustomerRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerResponseDto> {
    const customer = await this.service.createCustomer(institutionOf(principal), body);
    void reply.header('location', `/${BASE}/customers/${customer.id}`);
    return withEtag(reply, customer);
  }

  @Get('customers')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'searchCardCustomers',
    summary:
      "The institution's customers, oldest first, paginated; filtered by regNo and/or customerNumber when given",
  })
  @ApiOkResponse({ type: CustomerSearchResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async searchCustomers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SearchCustomersQueryDto,
  ): Promise<CustomerSearchResponseDto> {
    const { items, ...page } = await this.service.searchCustomers(institutionOf(principal), query);
    return { items: items.map((c) => CustomerResponseDto.from(toCustomerView(c))), ...page };
  }

  @Get('customers/:id')
  @RequireScopes('cards:read')
  @ApiOperation({ operationId: 'getCardCustomer', summary: 'The current version of a customer' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CustomerResponseDto, description: 'ETag holds the version' })
  @ApiErrors(CardRegistryErrors.CUSTOMER_NOT_FOUND)
  async getCustomer(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerResponseDto> {
    return withEtag(reply, await this.service.getCustomer(institutionOf(principal), id));
  }

  @Patch('customers/:id')
  @RequireScopes('cards:write')
  @ApiOperation({
    operationId: 'patchCardCustomer',
    summary: "Change any subset of a customer's fields (merge-patch); optimistic concurrency with If-Match",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version the change is based on, e.g. "3" (from the ETag)',
  })
  @ApiOkResponse({ type: CustomerResponseDto, description: 'The new current version; ETag holds it' })
  // 422: a change a business rule refuses (a wallet cardholder's mobile removed).
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CardRegistryErrors.CUSTOMER_NOT_FOUND,
    CardRegistryErrors.CUSTOMER_EXISTS,
    CardRegistryErrors.VERSION_MISMATCH,
    CardRegistryErrors.WALLET_CARDHOLDER_NO_MOBILE,
  )
  async patchCustomer(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: PatchCustomerRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerResponseDto> {
    return withEtag(reply, await this.service.patchCustomer(institutionOf(principal), id, body, ifMatch));
  }

  @Get('customers/:id/history')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'getCardCustomerHistory',
    summary: 'Every version of the customer as received, oldest first, paginated',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CustomerVersionListResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, CardRegistryErrors.CUSTOMER_NOT_FOUND)
  async customerHistory(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<CustomerVersionListResponseDto> {
    const { items, ...page } = await this.service.customerHistory(institutionOf(principal), id, query);
    return { items: items.map((v) => CustomerVersionResponseDto.from(v)), ...page };
  }

  @Post('accounts')
  @HttpCode(201)
  @RequireScopes('cards:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'createCardAccount',
    summary: 'Create an account owned by (and whose debt is the liability of) a customer',
  })
  @ApiCreatedResponse({ type: AccountResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, CardRegistryErrors.CUSTOMER_NOT_FOUND)
  async createAccount(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAccountRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountResponseDto> {
    const account = await this.service.createAccount(institutionOf(principal), body);
    void reply.header('location', `/${BASE}/accounts/${account.id}`);
    return AccountResponseDto.from(toAccountView(account));
  }

  @Post('cards')
  @HttpCode(201)
  @RequireScopes('cards:write')
  @Idempotent()
  @ApiOperation({ operationId: 'createCard', summary: 'Issue a card on an account to a cardholder customer' })
  @ApiCreatedResponse({ type: CardResponseDto })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CardRegistryErrors.ACCOUNT_NOT_FOUND,
    CardRegistryErrors.CUSTOMER_NOT_FOUND,
    CardRegistryErrors.WALLET_CARDHOLDER_NOT_DEDICATED,
    CardRegistryErrors.WALLET_CARDHOLDER_NO_MOBILE,
    CardRegistryErrors.CARDHOLDER_ALREADY_HAS_CARD,
  )
  async createCard(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCardRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CardResponseDto> {
    const card = await this.service.createCard(institutionOf(principal), body);
    void reply.header('location', `/${BASE}/cards/${card.id}`);
    return CardResponseDto.from(toCardView(card));
  }

  @Get('accounts/:id')
  @RequireScopes('cards:read')
  @ApiOperation({ operationId: 'getCardAccount', summary: 'An account' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AccountResponseDto })
  @ApiErrors(CardRegistryErrors.ACCOUNT_NOT_FOUND)
  async getAccount(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<AccountResponseDto> {
    return AccountResponseDto.from(
      toAccountView(await this.service.getAccount(institutionOf(principal), id)),
    );
  }

  @Get('cards/:id')
  @RequireScopes('cards:read')
  @ApiOperation({ operationId: 'getCard', summary: 'The current version of a card' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CardResponseDto, description: 'ETag holds the version' })
  @ApiErrors(CardRegistryErrors.CARD_NOT_FOUND)
  async getCard(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CardResponseDto> {
    return cardWithEtag(reply, await this.service.getCard(institutionOf(principal), id));
  }

  @Patch('cards/:id')
  @RequireScopes('cards:write')
  @ApiOperation({
    operationId: 'patchCard',
    summary:
      'Change a card: status (ACTIVE <-> BLOCKED, either -> CLOSED, terminal), digitalWalletEnabled (wallet rules checked again when turned on), expiryDate; optimistic concurrency with If-Match',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The version the change is based on, e.g. "3" (from the ETag). A repeat of an applied PATCH with the same If-Match is 412; one without If-Match changes nothing more',
  })
  @ApiOkResponse({ type: CardResponseDto, description: 'The new current version; ETag holds it' })
  @ApiErrors(
    KernelErrors.VALIDATION_FAILED,
    CardRegistryErrors.CARD_NOT_FOUND,
    CardRegistryErrors.CARD_VERSION_MISMATCH,
    CardRegistryErrors.CARD_STATUS_TRANSITION_NOT_ALLOWED,
    CardRegistryErrors.CARD_CLOSED,
    // Turning the wallet on checks the creation rules again.
    CardRegistryErrors.WALLET_CARDHOLDER_NOT_DEDICATED,
    CardRegistryErrors.WALLET_CARDHOLDER_NO_MOBILE,
  )
  async patchCard(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: PatchCardRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CardResponseDto> {
    return cardWithEtag(reply, await this.service.patchCard(institutionOf(principal), id, body, ifMatch));
  }

  @Get('cards/:id/history')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'getCardHistory',
    summary: 'Every version of the card, oldest first, paginated',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CardVersionListResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED, CardRegistryErrors.CARD_NOT_FOUND)
  async cardHistory(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<CardVersionListResponseDto> {
    const { items, ...page } = await this.service.cardHistory(institutionOf(principal), id, query);
    return { items: items.map((v) => CardVersionResponseDto.from(v)), ...page };
  }

  @Get('customers/:id/cards')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'getCardCustomerCards',
    summary: 'The cards the customer holds (as cardholder), oldest first, closed ones included',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CardListResponseDto })
  // 400: page or pageSize out of range.
  @ApiErrors(KernelErrors.VALIDATION_FAILED, CardRegistryErrors.CUSTOMER_NOT_FOUND)
  async customerCards(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<CardListResponseDto> {
    // A customer holds a handful of cards: they are read at once and the page cut here.
    const cards = await this.service.cardsOfCustomer(institutionOf(principal), id);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const items = cards.slice((page - 1) * pageSize, page * pageSize);
    return {
      items: items.map((c) => CardResponseDto.from(toCardView(c))),
      total: cards.length,
      page,
      pageSize,
    };
  }

  @Get('exports/customers')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'exportCardCustomers',
    summary: "Stream the institution's customers (current versions) as NDJSON or CSV, in constant memory",
  })
  @ApiProduces(CONTENT_TYPES.ndjson, CONTENT_TYPES.csv)
  @ApiOkResponse(EXPORT_OK)
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async exportCustomers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExportCustomersQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streamExport(principal, query, reply, 'customers', (institutionId, format, since) =>
      this.service.exportCustomers(institutionId, format, since),
    );
  }

  @Get('exports/accounts')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'exportCardAccounts',
    summary:
      "Stream the institution's accounts as NDJSON or CSV, in constant memory (changedSince: opened at or after)",
  })
  @ApiProduces(CONTENT_TYPES.ndjson, CONTENT_TYPES.csv)
  @ApiOkResponse(EXPORT_OK)
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async exportAccounts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExportCustomersQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streamExport(principal, query, reply, 'accounts', (institutionId, format, since) =>
      this.service.exportAccounts(institutionId, format, since),
    );
  }

  @Get('exports/cards')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'exportCards',
    summary: "Stream the institution's cards (current versions) as NDJSON or CSV, in constant memory",
  })
  @ApiProduces(CONTENT_TYPES.ndjson, CONTENT_TYPES.csv)
  @ApiOkResponse(EXPORT_OK)
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async exportCards(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExportCustomersQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streamExport(principal, query, reply, 'cards', (institutionId, format, since) =>
      this.service.exportCards(institutionId, format, since),
    );
  }

  /**
   * The body of the three export routes: the query's format (NDJSON by default) and `changedSince`,
   * the institution from the token, streamed by `sendExport` as `<baseName>.<format>`.
   */
  private async streamExport(
    principal: Principal,
    query: ExportCustomersQueryDto,
    reply: FastifyReply,
    baseName: 'customers' | 'accounts' | 'cards',
    open: (
      institutionId: string,
      format: ExportFormat,
      since: Date | null,
    ) => AsyncIterable<string | Uint8Array>,
  ): Promise<void> {
    const format = query.format ?? 'ndjson';
    const since = query.changedSince ? new Date(query.changedSince) : null;
    await sendExport(reply, open(institutionOf(principal), format, since), format, baseName);
  }

  @Get('export-files')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'listCardExportFiles',
    summary:
      "The institution's daily export files (newest period first), written by the CARD_EXPORT_CRON job",
  })
  @ApiOkResponse({ type: ExportFileListResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async listExportFiles(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListExportFilesQueryDto,
  ): Promise<ExportFileListResponseDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.exportFiles.list(institutionOf(principal), {
      kind: query.kind,
      from: query.from,
      to: query.to,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: items.map((f) => ExportFileResponseDto.from(f)), total, page, pageSize };
  }

  @Get('export-files/:id')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'downloadCardExportFile',
    summary:
      'Download one daily export file, trailer included (CSV `TRAILER,<rows>,<sha256>`; NDJSON `{"trailer":{...}}`)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces(CONTENT_TYPES.ndjson, CONTENT_TYPES.csv)
  @ApiOkResponse(EXPORT_OK)
  @ApiErrors(CardRegistryErrors.EXPORT_FILE_NOT_FOUND)
  async downloadExportFile(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, content } = await this.exportFiles.open(institutionOf(principal), id);
    await reply
      .status(200)
      .type(CONTENT_TYPES[file.format])
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
      .header('content-length', String(file.byteCount))
      .header('cache-control', 'no-store')
      .send(content);
  }
}
