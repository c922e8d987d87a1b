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
} from '@hub/platform';
import { CardRegistryService } from '../../application/card-registry.service';
import type { Customer } from '../../domain/customer';
import { toAccountRecord, toCardRecord, toCustomerRecord } from '../../domain/customer-record';
import { etagOf } from '../../domain/customer-version';
import { AccountResponseDto, CreateAccountRequestDto } from './dto/account.dto';
import { CardResponseDto, CreateCardRequestDto } from './dto/card.dto';
import { CreateCustomerRequestDto } from './dto/create-customer.request.dto';
import { ExportCustomersQueryDto, SearchCustomersQueryDto } from './dto/customer-query.dto';
import {
  CustomerResponseDto,
  CustomerSearchResponseDto,
  CustomerVersionResponseDto,
} from './dto/customer.response.dto';
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
  return CustomerResponseDto.from(toCustomerRecord(customer));
}

/**
 * The card-customer registry (DESIGN §6, Appendix C). Every route needs an `institutionId` claim and
 * sees only that institution's rows: another institution's customer, account or card is 404.
 */
@ApiTags('card-registry')
@RequireInstitution()
@Controller(BASE)
export class CardRegistryController {
  constructor(private readonly service: CardRegistryService) {}

  @Post('customers')
  @HttpCode(201)
  @RequireScopes('cards:write')
  @Idempotent()
  @ApiOperation({ operationId: 'createCardCustomer', summary: 'Create a private or corporate customer' })
  @ApiCreatedResponse({ type: CustomerResponseDto, description: 'Created; ETag holds the version ("1")' })
  @ApiErrors(400, 409)
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
    summary: 'Find customers by regNo and/or customerNumber',
  })
  @ApiOkResponse({ type: CustomerSearchResponseDto })
  @ApiErrors(400)
  async searchCustomers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SearchCustomersQueryDto,
  ): Promise<CustomerSearchResponseDto> {
    const { items, total } = await this.service.searchCustomers(institutionOf(principal), query);
    return { items: items.map((c) => CustomerResponseDto.from(toCustomerRecord(c))), total };
  }

  @Get('customers/:id')
  @RequireScopes('cards:read')
  @ApiOperation({ operationId: 'getCardCustomer', summary: 'The current version of a customer' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CustomerResponseDto, description: 'ETag holds the version' })
  @ApiErrors(404)
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
  @ApiErrors(400, 404, 409, 412)
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
    summary: 'Every version of the customer as received, oldest first',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [CustomerVersionResponseDto] })
  @ApiErrors(404)
  async customerHistory(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<CustomerVersionResponseDto[]> {
    const versions = await this.service.customerHistory(institutionOf(principal), id);
    return versions.map((v) => CustomerVersionResponseDto.from(v));
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
  @ApiErrors(400, 404)
  async createAccount(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAccountRequestDto,
  ): Promise<AccountResponseDto> {
    const account = await this.service.createAccount(institutionOf(principal), body);
    return AccountResponseDto.from(toAccountRecord(account));
  }

  @Post('cards')
  @HttpCode(201)
  @RequireScopes('cards:write')
  @Idempotent()
  @ApiOperation({ operationId: 'createCard', summary: 'Issue a card on an account to a cardholder customer' })
  @ApiCreatedResponse({ type: CardResponseDto })
  @ApiErrors(400, 404, 422)
  async createCard(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCardRequestDto,
  ): Promise<CardResponseDto> {
    const card = await this.service.createCard(institutionOf(principal), body);
    return CardResponseDto.from(toCardRecord(card));
  }

  @Get('exports/customers')
  @RequireScopes('cards:read')
  @ApiOperation({
    operationId: 'exportCardCustomers',
    summary: "Stream the institution's customers (current versions) as NDJSON or CSV, in constant memory",
  })
  @ApiProduces(CONTENT_TYPES.ndjson, CONTENT_TYPES.csv)
  @ApiOkResponse({
    description:
      'NDJSON: one customer object a line. CSV (RFC 4180): one header row, then one row per customer. Ordered by updatedAt, id',
    content: {
      'application/x-ndjson': { schema: { type: 'string' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiErrors(400)
  async exportCustomers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExportCustomersQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = query.format ?? 'ndjson';
    const chunks = this.service.exportCustomers(
      institutionOf(principal),
      format,
      query.changedSince ? new Date(query.changedSince) : null,
    );
    // The first chunk is read before the status line goes out, so a failure to start the export
    // (database down) is an ordinary error answer rather than a cut-off 200.
    const first = await chunks.next();
    async function* body(): AsyncGenerator<string> {
      if (!first.done) yield first.value;
      yield* chunks;
    }
    const stream = Readable.from(body(), { objectMode: false, highWaterMark: 64 * 1024 });
    const extension = format === 'csv' ? 'csv' : 'ndjson';
    await reply
      .status(200)
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="customers.${extension}"`)
      .header('cache-control', 'no-store')
      .send(stream);
  }
}
