import {
  FormOutlined,
  LogoutOutlined,
  SlidersOutlined,
  TranslationOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import type { AccountView } from '../shared/api/engine-responses';
import { useLocale } from '../shared/i18n/locale-context';
import { useSession } from '../shared/session/session-context';
import { FormsListPage } from '../features/forms/forms-list-page';
import { NotForYourRolePage } from '../features/sign-in/not-for-your-role-page';
import { pagesFor } from './access';
import { hrefOf, pageOf } from './route';
import { useRoute } from './use-route';

// Formily, the definitions and the preview load only when a form or the parameters are opened.
const FormPage = lazy(() =>
  import('../features/forms/form-page').then((m) => ({ default: m.FormPage })),
);
const ParametersPage = lazy(() =>
  import('../features/parameters/parameters-page').then((m) => ({ default: m.ParametersPage })),
);

/** Header (title, language, account), the menu this account's roles open, and the page. */
export function AppShell({ user }: { readonly user: AccountView }) {
  const { t, locale, setLocale } = useLocale();
  const { signOut } = useSession();
  const route = useRoute();
  const pages = pagesFor(user.roles);
  const current = pageOf(route);
  const allowed = pages.includes(current);

  const menu = pages.map((page) => ({
    key: page,
    icon: page === 'forms' ? <FormOutlined /> : <SlidersOutlined />,
    label: <a href={hrefOf({ page })}>{t(page === 'forms' ? 'menuForms' : 'menuParameters')}</a>,
  }));

  let content = <NotForYourRolePage roles={user.roles} />;
  if (allowed && route.page === 'form') content = <FormPage formKey={route.key} />;
  else if (allowed && route.page === 'parameters') content = <ParametersPage />;
  else if (allowed) content = <FormsListPage />;
  else if (pages.length > 0) content = <FormsListPage />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          paddingInline: 24,
        }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('appTitle')}
        </Typography.Title>
        <Space>
          <Typography.Text style={{ color: '#fff' }} data-testid="account">
            {user.displayName}（{user.username}）
          </Typography.Text>
          <Button
            icon={<TranslationOutlined />}
            onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
          >
            {t('language')}
          </Button>
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
            {t('signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {pages.length > 0 && (
          <Layout.Sider width={200} theme="light">
            <Menu mode="inline" selectedKeys={[current]} items={menu} style={{ height: '100%' }} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin />}>{content}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
