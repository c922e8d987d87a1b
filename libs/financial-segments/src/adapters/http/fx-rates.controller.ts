import { KernelErrors } from '@hub/shared-kernel';
import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, RequireScopes } from '@hub/platform';
import { FxRateService } from '../../application/fx-rate.service';
import {
  FxRatesQueryDto,
  FxRatesResponseDto,
  PutFxRatesRequestDto,
  PutFxRatesResponseDto,
} from './dto/fx-rate.dto';

/** The FX table the bank maintains: reports convert balances into SEGMENTS_BASE_CURRENCY with it. */
@ApiTags('financial-segments')
@Controller('financial-segments/v1')
export class FxRatesController {
  constructor(private readonly fx: FxRateService) {}

  @Put('fx-rates')
  @HttpCode(200)
  @RequireScopes('segments:write')
  @ApiOperation({
    operationId: 'putFxRates',
    summary: 'Store dated FX rates into the base currency (each currency and date inserted or replaced)',
    description:
      'A report built on day D converts each balance with the latest rate of its currency dated on or before D. One transaction for the whole list.',
  })
  @ApiOkResponse({ type: PutFxRatesResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  put(@Body() body: PutFxRatesRequestDto): Promise<PutFxRatesResponseDto> {
    return this.fx.put(body.rates);
  }

  @Get('fx-rates')
  @RequireScopes('segments:read')
  @ApiOperation({ operationId: 'getFxRates', summary: 'The rates in force on a day (default today)' })
  @ApiOkResponse({ type: FxRatesResponseDto })
  @ApiErrors(KernelErrors.VALIDATION_FAILED)
  async get(@Query() query: FxRatesQueryDto): Promise<FxRatesResponseDto> {
    return FxRatesResponseDto.from(await this.fx.inForce(query.date));
  }
}
