import type { Locator, Page } from 'playwright-core';

/** The province admin's parameters table. */
export class ParametersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.locator('.ant-menu').getByText('参数设置', { exact: true }).click();
    await this.page.getByTestId('parameters-table').locator('tbody tr').first().waitFor();
  }

  value(id: string): Locator {
    return this.page.getByTestId(`parameter-value-${id}`);
  }

  version(id: string): Locator {
    return this.page.getByTestId(`parameter-version-${id}`);
  }

  async setValue(id: string, value: string): Promise<void> {
    const input = this.page.locator(
      `input[data-testid="parameter-input-${id}"], [data-testid="parameter-input-${id}"] input`,
    );
    await input.fill(value);
    await input.press('Tab'); // the number input commits what was typed on blur
    await this.page.getByTestId(`parameter-save-${id}`).click();
  }

  error(): Locator {
    return this.page.getByTestId('parameter-error');
  }

  published(): Locator {
    return this.page.getByTestId('published-message');
  }

  async showHistory(id: string): Promise<Locator> {
    const row = this.page.locator(`tr[data-row-key="${id}"]`);
    await row.locator('.ant-table-row-expand-icon').click();
    return this.page.getByTestId(`parameter-history-${id}`);
  }
}
