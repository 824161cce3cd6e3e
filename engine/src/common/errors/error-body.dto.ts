import { ApiProperty } from '@nestjs/swagger';
import type { ErrorBody, ErrorDetail, LocalizedMessage } from './error-body';

/** OpenAPI description of the error shape; the runtime type is `ErrorBody`. */
class LocalizedMessageDto implements LocalizedMessage {
  @ApiProperty({ example: '请求体在 /a/b 处嵌套超过 32 层' }) readonly zh!: string;
  @ApiProperty({ example: 'Body nests deeper than 32 levels at /a/b' }) readonly en!: string;
}

class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({
    description: "JSON pointer into the request; '' for the whole request",
    example: '/patient/name',
  })
  readonly path!: string;
  @ApiProperty({ example: 'BODY_TOO_DEEP' }) readonly code!: string;
  @ApiProperty({ type: LocalizedMessageDto }) readonly message!: LocalizedMessageDto;
}

export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 400 }) readonly statusCode!: number;
  @ApiProperty({ example: 'BODY_TOO_DEEP' }) readonly error!: string;
  @ApiProperty({ type: [ErrorDetailDto] }) readonly errors!: ErrorDetailDto[];
}
