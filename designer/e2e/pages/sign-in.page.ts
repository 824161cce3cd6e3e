import type { Locator, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Sentinel@2026';

/** The sign-in screen. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
    await this.page
      .getByRole('button', { name: '登 录' })
      .or(this.page.getByRole('button', { name: '登录' }))
      .waitFor();
  }

  async signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.getByLabel('用户名或手机号').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.locator('form button[type=submit]').click();
  }

  error(): Locator {
    return this.page.getByTestId('sign-in-error');
  }
}
