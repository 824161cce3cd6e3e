import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermissions, type Principal } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import {
  AuthorisationSummaryDto,
  AuthoriseHealthRecordDto,
  RetrievalAddressDto,
  RetrieveHealthRecordDto,
} from './dto/health-record.dto';
import { HealthRecordInteropService, MAX_AUTH_DAYS } from './health-record-interop.service';

@ApiTags('interop')
@Controller('interop/health-records')
@RequirePermissions('interop:health-record')
@ApiServiceUnavailableResponse({ description: 'INTEROP_NOT_CONFIGURED', type: ErrorBodyDto })
export class InteropController {
  constructor(private readonly interop: HealthRecordInteropService) {}

  @Post('authorisations')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record the patient’s authorisation with the province (codeAuthRec/save)',
  })
  @ApiCreatedResponse({ type: AuthorisationSummaryDto })
  @ApiBadGatewayResponse({
    description: 'The province refused or failed; its reason is in the message',
    type: ErrorBodyDto,
  })
  authorise(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AuthoriseHealthRecordDto,
  ): Promise<AuthorisationSummaryDto> {
    const { authDays = MAX_AUTH_DAYS, ...patient } = body;
    return this.interop.authorise(principal, patient, authDays);
  }

  @Post('retrieval')
  @HttpCode(200)
  @ApiOperation({ summary: 'The province address to view an authorised patient’s record' })
  @ApiOkResponse({ type: RetrievalAddressDto })
  @ApiForbiddenResponse({
    description: 'AUTHORISATION_REQUIRED or AUTHORISATION_EXPIRED',
    type: ErrorBodyDto,
  })
  retrieval(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RetrieveHealthRecordDto,
  ): Promise<RetrievalAddressDto> {
    return this.interop.retrievalAddress(principal, body);
  }
}
