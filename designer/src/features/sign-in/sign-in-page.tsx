import { LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { messagesOf } from '../../shared/api/api-problem';
import { useLocale } from '../../shared/i18n/locale-context';
import { useSession } from '../../shared/session/session-context';

interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Username (or phone) and password; the engine's own message when it refuses. */
export function SignInPage() {
  const { t, text, locale, setLocale } = useLocale();
  const { signIn } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}
    >
      <Card style={{ width: 400 }}>
        <Typography.Title level={3}>{t('signInTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signInHint')}</Typography.Paragraph>
        {error !== null && (
          <Alert
            type="error"
            showIcon
            data-testid="sign-in-error"
            style={{ marginBottom: 16 }}
            message={messagesOf(error).map(text).join('；')}
          />
        )}
        <Form<Credentials> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, message: t('required', { field: t('username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password')}
            rules={[{ required: true, message: t('required', { field: t('password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn')}
          </Button>
        </Form>
        <Button
          type="link"
          icon={<TranslationOutlined />}
          style={{ marginTop: 8, paddingInline: 0 }}
          onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
        >
          {t('language')}
        </Button>
      </Card>
    </div>
  );
}
