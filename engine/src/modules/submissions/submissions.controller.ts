import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, RequirePermissions, type Principal } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import { CreateSubmissionDto, UpdateSubmissionDto } from './dto/create-submission.dto';
import {
  SubmissionListDto,
  SubmissionReceiptDto,
  SubmissionViewDto,
} from './dto/submission-responses.dto';
import { parseIdempotencyKey, requestHash } from './idempotency-key';
import { parseCreateBody, parseUpdateBody } from './submission-body';
import type { Caller } from './submission-audit';
import { parseDetailQuery, parseListQuery } from './submission-list-query';
import { SubmissionReader, type SubmissionListPage } from './submission-reader.service';
import type { SubmissionView } from './submission-view';
import { SubmissionsService, type SubmissionReceipt } from './submissions.service';

const callerOf = (principal: Principal, request: Request): Caller => ({
  principal,
  ip: request.ip,
});

@ApiTags('submissions')
@ApiBearerAuth()
@Controller()
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly reader: SubmissionReader,
  ) {}

  @Post('forms/:key/submissions')
  @HttpCode(201)
  @ApiOperation({
    summary: 'File a report (or a draft, or a patient’s pre-fill) against a pinned form version',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      '8–128 of [A-Za-z0-9_-]; a repeat with the same key and body gets the first answer',
  })
  @ApiBody({ type: CreateSubmissionDto })
  @ApiCreatedResponse({ type: SubmissionReceiptDto })
  @ApiForbiddenResponse({ description: 'INSTITUTION_NOT_APPROVED, FORBIDDEN', type: ErrorBodyDto })
  @ApiNotFoundResponse({
    description: 'FORM_NOT_FOUND, FORM_VERSION_NOT_FOUND',
    type: ErrorBodyDto,
  })
  @ApiConflictResponse({
    description: 'IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_IN_PROGRESS',
    type: ErrorBodyDto,
  })
  @ApiUnprocessableEntityResponse({
    description: 'SUBMISSION_INVALID: errors under /values',
    type: ErrorBodyDto,
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('key') formKey: string,
    @Headers('idempotency-key') idempotencyHeader: string | undefined,
    @Body() raw: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const idempotencyKey = parseIdempotencyKey(idempotencyHeader);
    const body = parseCreateBody(raw);
    const outcome = await this.submissions.create(callerOf(principal, request), {
      formKey,
      ...body,
      idempotencyKey,
      // The body exactly as sent is what a repeat must match.
      requestHash: requestHash(request.method, request.path, raw),
    });
    response.status(outcome.response.status);
    if (outcome.replayed) response.setHeader('Idempotency-Replayed', 'true');
    return outcome.response.body;
  }

  @Patch('submissions/:id')
  @RequirePermissions('submissions:write')
  @ApiOperation({ summary: 'Edit a draft, or complete a pending pre-fill (status reported)' })
  @ApiBody({ type: UpdateSubmissionDto })
  @ApiOkResponse({ type: SubmissionReceiptDto })
  @ApiNotFoundResponse({
    description: 'SUBMISSION_NOT_FOUND (unknown or outside scope)',
    type: ErrorBodyDto,
  })
  @ApiConflictResponse({
    description: 'SUBMISSION_ALREADY_REPORTED, SUBMISSION_CHANGED',
    type: ErrorBodyDto,
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() raw: unknown,
    @Req() request: Request,
  ): Promise<SubmissionReceipt> {
    return this.submissions.update(callerOf(principal, request), id, parseUpdateBody(raw));
  }

  @Get('submissions')
  @ApiOperation({ summary: 'Reports within the caller’s scope, newest first, masked' })
  @ApiQuery({ name: 'form', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['all', 'pending', 'reported', 'draft'] })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'YYYY-MM-DD (China time) or ISO instant',
  })
  @ApiQuery({ name: 'to', required: false, description: 'inclusive' })
  @ApiQuery({ name: 'reporter', required: false, description: 'user id of the reporter' })
  @ApiQuery({
    name: 'flag',
    required: false,
    description: 'derived value that must be true, e.g. fever',
  })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false, description: '1–100, default 20' })
  @ApiQuery({
    name: 'unmask',
    required: false,
    description: 'true needs personal-data:unmask; audited',
  })
  @ApiOkResponse({ type: SubmissionListDto })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
  ): Promise<SubmissionListPage> {
    return this.reader.list(callerOf(principal, request), parseListQuery(query));
  }

  @Get('submissions/:id')
  @ApiOperation({ summary: 'One report, masked; unmask=true needs personal-data:unmask (audited)' })
  @ApiQuery({ name: 'unmask', required: false })
  @ApiOkResponse({ type: SubmissionViewDto })
  @ApiNotFoundResponse({
    description: 'SUBMISSION_NOT_FOUND (unknown or outside scope)',
    type: ErrorBodyDto,
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
  ): Promise<SubmissionView> {
    return this.reader.get(callerOf(principal, request), id, parseDetailQuery(query).unmask);
  }
}
