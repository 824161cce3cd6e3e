import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Public } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { RegionCatalog } from './region-catalog';
import type { RegionNode } from './region-tree';

class RegionQueryDto {
  /** Code of the region whose children are wanted; absent = the provinces. */
  @IsOptional()
  @Matches(/^\d{6,12}$/, { message: 'parent must be a region code of 6 to 12 digits' })
  parent?: string;
}

/** One region as the region picker shows it. */
export interface RegionView extends RegionNode {
  readonly hasChildren: boolean;
}

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly catalog: RegionCatalog) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Children of a region (provinces when no parent is given)' })
  @ApiOkResponse({ description: 'Regions ordered by code' })
  async children(@Query() query: RegionQueryDto): Promise<RegionView[]> {
    const parent = query.parent ?? null;
    if (parent !== null && (await this.catalog.find(parent)) === undefined) {
      throw ApiError.single(404, 'REGION_NOT_FOUND', '/parent', {
        zh: `行政区划 ${parent} 不存在`,
        en: `Region ${parent} does not exist`,
      });
    }
    const tree = await this.catalog.current();
    return tree
      .childrenOf(parent)
      .map((node) => ({ ...node, hasChildren: tree.childrenOf(node.code).length > 0 }));
  }
}
