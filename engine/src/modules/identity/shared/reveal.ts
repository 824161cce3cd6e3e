import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { hasPermission, type Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import type { AuditLog } from '../../audit';
import type { Reveal } from '../../personal-data';

/** `?unmask=true` asks for personal values in clear. */
export class RevealQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Personal values in clear (needs personal-data:unmask; audited)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  unmask?: 'true' | 'false';
}

/**
 * Masked unless the caller asked for clear values and holds `personal-data:unmask`; asking
 * without the permission is refused rather than silently masked, so a client knows why.
 */
export function revealFor(principal: Principal, query: RevealQueryDto): Reveal {
  if (query.unmask !== 'true') return 'masked';
  if (!hasPermission(principal, 'personal-data:unmask')) {
    throw ApiError.single(403, 'UNMASK_FORBIDDEN', '/unmask', {
      zh: '无权查看未脱敏的个人信息',
      en: 'You may not read personal data unmasked',
    });
  }
  return 'clear';
}

/** Every read of personal data leaves an audit row: `unmask` when clear, `read-personal` when masked. */
export async function auditPersonalRead(
  audit: AuditLog,
  principal: Principal,
  reveal: Reveal,
  resource: string,
  resourceId: string | undefined,
  count: number,
): Promise<void> {
  await audit.append({
    action: reveal === 'clear' ? 'unmask' : 'read-personal',
    actor: principal.userId,
    resource,
    ...(resourceId === undefined ? {} : { resourceId }),
    details: { count, masked: reveal === 'masked' },
  });
}
