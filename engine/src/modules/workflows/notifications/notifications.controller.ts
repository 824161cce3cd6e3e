import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { ErrorBodyDto } from '../../../common/errors';
import { pageWindow, type Page } from '../../../common/http';
import { NotificationIdParams, NotificationQueryDto } from './dto/notification-query.dto';
import { NotificationInbox, type NotificationView } from './notification-inbox';

const notificationNotFound = (): ApiError =>
  ApiError.single(404, 'NOTIFICATION_NOT_FOUND', '/id', {
    zh: '通知不存在',
    en: 'Notification not found',
  });

/** The caller's in-app notifications (站内通知): any signed-in user, only their own audience. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({
    description: '`{items: [{id, kind, title, body, link, read, ...}], total, page, pageSize}`',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: NotificationQueryDto,
  ): Promise<Page<NotificationView>> {
    const { page, pageSize, skip } = pageWindow(query);
    const { items, total } = await this.inbox.list(principal, {
      unreadOnly: query.unread === 'true',
      limit: pageSize,
      offset: skip,
    });
    return { items, total, page, pageSize };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read (for me only)' })
  @ApiOkResponse({ description: 'The notification with `read: true`' })
  @ApiNotFoundResponse({ description: 'NOTIFICATION_NOT_FOUND', type: ErrorBodyDto })
  async markRead(
    @CurrentPrincipal() principal: Principal,
    @Param() params: NotificationIdParams,
  ): Promise<NotificationView> {
    const view = await this.inbox.markRead(principal, params.id);
    if (view === null) throw notificationNotFound();
    return view;
  }
}
