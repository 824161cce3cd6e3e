import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import type { Page } from '../../../common/http';
import { CcTaskDto, CommentTaskDto, CompleteTaskDto, TransferTaskDto } from './dto/task-bodies.dto';
import { TaskListQueryDto, toTaskListQuery } from './dto/task-query.dto';
import { TaskCompletion } from './task-completion';
import { TaskQueries, type TimelineEntry } from './task-queries';
import type { TaskDetail, TaskListItem } from './task-views';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown, or outside your jurisdiction', type: ErrorBodyDto })
@Controller()
export class TasksController {
  constructor(
    private readonly queries: TaskQueries,
    private readonly service: TasksService,
    private readonly completion: TaskCompletion,
  ) {}

  @Get('tasks')
  @ApiOperation({
    summary: 'Task list (待办), newest first, filtered by candidate role and jurisdiction',
  })
  @ApiOkResponse({ description: '`{items, total, page, pageSize}`' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TaskListQueryDto,
  ): Promise<Page<TaskListItem>> {
    return this.queries.list(principal, toTaskListQuery(query));
  }

  @Get('tasks/:id')
  @ApiOperation({ summary: 'A task with its comments, CC list, form and your allowed operations' })
  @ApiOkResponse({ description: 'The task' })
  detail(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskDetail> {
    return this.queries.detail(principal, id);
  }

  @Post('tasks/:id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim (签收) an open task you are a candidate for' })
  @ApiConflictResponse({ description: 'Not open, or claimed by someone else', type: ErrorBodyDto })
  claim(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskDetail> {
    return this.service.claim(principal, id);
  }

  @Post('tasks/:id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claimed task back to its candidates (assignee only)' })
  @ApiForbiddenResponse({ description: 'You are not the assignee', type: ErrorBodyDto })
  unclaim(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskDetail> {
    return this.service.unclaim(principal, id);
  }

  @Post('tasks/:id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Complete a task with a decision (通过/驳回/退回/确认/完成) and its form values',
    description:
      'Reject and return need a reason. Writes `decision` (or the task’s decision variable), `reason`, `comment` and the form values into the process.',
  })
  @ApiForbiddenResponse({
    description: 'Claimed by someone else, or only copied to you',
    type: ErrorBodyDto,
  })
  @ApiConflictResponse({
    description: 'Not open any more, or completed concurrently',
    type: ErrorBodyDto,
  })
  @ApiUnprocessableEntityResponse({
    description: 'Action not offered, reason missing, or form values invalid',
    type: ErrorBodyDto,
  })
  complete(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: CompleteTaskDto,
  ): Promise<TaskDetail> {
    return this.completion.complete(principal, id, body);
  }

  @Post('tasks/:id/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Transfer (转交) a task to another eligible user' })
  @ApiUnprocessableEntityResponse({
    description: 'Target unknown, disabled or not eligible',
    type: ErrorBodyDto,
  })
  transfer(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: TransferTaskDto,
  ): Promise<TaskDetail> {
    return this.service.transfer(principal, id, body);
  }

  @Post('tasks/:id/cc')
  @HttpCode(200)
  @ApiOperation({ summary: 'Copy (抄送) a task to up to 20 users, who may read and comment on it' })
  @ApiUnprocessableEntityResponse({
    description: 'A target unknown, disabled or out of scope',
    type: ErrorBodyDto,
  })
  cc(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: CcTaskDto,
  ): Promise<TaskDetail> {
    return this.service.cc(principal, id, body.userIds);
  }

  @Post('tasks/:id/comments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Comment on a task you can act on or were copied to' })
  comment(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: CommentTaskDto,
  ): Promise<TaskDetail> {
    return this.service.comment(principal, id, body.text);
  }

  @Get('processes/:businessKey/timeline')
  @ApiOperation({
    summary: 'What happened in the processes of a business key, oldest first',
    description: 'Process, task and incident events with who did what and why.',
  })
  @ApiOkResponse({ description: '`{businessKey, events}`' })
  timeline(
    @CurrentPrincipal() principal: Principal,
    @Param('businessKey') businessKey: string,
  ): Promise<{ businessKey: string; events: TimelineEntry[] }> {
    return this.queries.timelineOf(principal, businessKey);
  }
}
