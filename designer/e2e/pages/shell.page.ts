import type { Locator, Page } from 'playwright-core';

/** The header and menu around every page once signed in. */
export class ShellPage {
  constructor(private readonly page: Page) {}

  account(): Locator {
    return this.page.getByTestId('account');
  }

  menuItem(name: string): Locator {
    return this.page.locator('.ant-menu').getByText(name, { exact: true });
  }

  notForYourRole(): Locator {
    return this.page.getByTestId('not-for-your-role');
  }

  /** The header's language button: "English" in Chinese, "中文" in English. */
  async switchLanguage(to: 'English' | '中文'): Promise<void> {
    await this.page.getByRole('button', { name: to }).click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /退出登录/ }).click();
  }
}
