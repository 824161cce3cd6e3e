import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { WORKFLOW_ACTIONS } from '@sentinel/definitions';

export class CompleteTaskDto {
  @ApiProperty({
    enum: WORKFLOW_ACTIONS,
    description: 'One of the task’s offered actions (another one is a 422 listing them)',
  })
  @IsString()
  @MaxLength(32)
  action!: string;

  @ApiPropertyOptional({ description: 'Required to reject or return (驳回/退回)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    description: 'Values of the task’s form (non-personal fields only), checked with that form',
    example: { score: 4 },
  })
  @IsOptional()
  @IsObject()
  values?: Record<string, unknown>;
}

export class TransferTaskDto {
  @ApiProperty({ description: 'Account id of the new assignee' })
  @IsString()
  @MaxLength(64)
  userId!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CcTaskDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, description: 'Account ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  userIds!: string[];
}

export class CommentTaskDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;
}
