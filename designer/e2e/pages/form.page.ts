import type { Locator, Page } from 'playwright-core';

/** The forms list and one form's page with its phone preview. */
export class FormPage {
  constructor(private readonly page: Page) {}

  async openFromList(title: string): Promise<void> {
    await this.page.getByTestId('forms-table').getByRole('link', { name: title }).click();
    await this.preview().waitFor();
  }

  preview(): Locator {
    return this.page.getByTestId('phone-preview');
  }

  /** The Formily item (label, control, messages) whose label is exactly `label`. */
  item(label: string): Locator {
    return this.preview()
      .locator('.ant-formily-item')
      .filter({
        has: this.page.locator('.ant-formily-item-label label', {
          hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
        }),
      })
      .first();
  }

  async typeNumber(label: string, value: string): Promise<void> {
    const input = this.item(label).locator('input');
    await input.fill(value);
    await input.press('Tab');
  }

  /** Whether the field shows the required asterisk. */
  async isRequired(label: string): Promise<boolean> {
    return (await this.item(label).locator('.ant-formily-item-asterisk').count()) > 0;
  }

  async checkAnswers(): Promise<void> {
    await this.preview()
      .getByRole('button', { name: /检查填写/ })
      .click();
  }

  errorOf(label: string): Locator {
    return this.item(label)
      .locator('.ant-formily-item-feedback-layout-loose, .ant-formily-item-help')
      .first();
  }

  ruleHolds(ruleId: string): Locator {
    return this.page.locator(`[data-rule="${ruleId}"]`);
  }

  async showTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  parametersLine(): Locator {
    return this.page.getByTestId('preview-parameters');
  }
}
