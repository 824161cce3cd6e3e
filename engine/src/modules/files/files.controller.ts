import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import { UploadedFileDto, UploadFileBodyDto, UploadFileDto } from './dto/upload-file.dto';
import { FilesService, type ReceivedFile } from './files.service';
import { attachmentDisposition } from './upload/file-name';
import { SingleFileUploadInterceptor } from './upload/single-file-upload.interceptor';

@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(SingleFileUploadInterceptor)
  @ApiOperation({ summary: 'Upload one image or PDF; the id goes into file fields of records' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFileBodyDto })
  @ApiCreatedResponse({ type: UploadedFileDto })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE: over 10 MB', type: ErrorBodyDto })
  @ApiUnsupportedMediaTypeResponse({
    description: 'FILE_TYPE_UNSUPPORTED: the bytes are no supported type',
    type: ErrorBodyDto,
  })
  upload(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() body: UploadFileDto,
  ): Promise<UploadedFileDto> {
    return this.files.upload(principal, file, body.purpose);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Download a file the caller may see (uploader or referencing record)' })
  @ApiOkResponse({ description: 'The bytes, as an attachment' })
  @ApiNotFoundResponse({
    description: 'Unknown, or outside the caller’s scope',
    type: ErrorBodyDto,
  })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { record, bytes } = await this.files.download(principal, id);
    // Served as stored, never sniffed or rendered inline: an upload cannot become a page.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(bytes, {
      type: record.mimeType,
      length: record.size,
      disposition: attachmentDisposition(record.fileName, `${record.id}`),
    });
  }
}
