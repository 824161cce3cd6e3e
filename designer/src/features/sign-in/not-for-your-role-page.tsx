import { Result } from 'antd';
import { useLocale } from '../../shared/i18n/locale-context';
import { roleName } from './role-names';

/** What an account without an authoring role sees instead of an empty console. */
export function NotForYourRolePage({ roles }: { readonly roles: readonly string[] }) {
  const { t, locale } = useLocale();
  const names = roles.map((r) => roleName(r, locale)).join(locale === 'zh' ? '、' : ', ');
  return (
    <div data-testid="not-for-your-role">
      <Result
        status="403"
        title={t('notForRoleTitle')}
        subTitle={t('notForRoleBody', { roles: names || '—' })}
      />
    </div>
  );
}
