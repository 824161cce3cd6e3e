import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../../../common/http';

/** `GET /notifications?unread=&page=&pageSize=` */
export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only those not yet read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

/** `:id` of a notification. */
export class NotificationIdParams {
  @ApiProperty({ example: '6650f0c2a1b2c3d4e5f60718' })
  @Matches(/^[0-9a-f]{24}$/i, { message: 'id must be a notification id' })
  id!: string;
}
