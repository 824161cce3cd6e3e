import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { LocaleProvider, useLocale } from '../shared/i18n/locale-context';
import { SessionProvider, useSession } from '../shared/session/session-context';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { AppShell } from './app-shell';
import './global.css';

function SignedInOrNot() {
  const { session } = useSession();
  return session === null ? <SignInPage /> : <AppShell user={session.user} />;
}

function Localized() {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={{ token: { borderRadius: 6 } }}>
      <AntApp>
        <SignedInOrNot />
      </AntApp>
    </ConfigProvider>
  );
}

/** Providers: language, session (tokens and the engine client), server state. */
export function App() {
  const [queries] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  return (
    <LocaleProvider>
      <SessionProvider>
        <QueryClientProvider client={queries}>
          <Localized />
        </QueryClientProvider>
      </SessionProvider>
    </LocaleProvider>
  );
}
