import type { Browser, Page } from 'playwright-core';
import type { PageFaults } from './support/browser';
import { launchChromium, openPage, screenshot } from './support/browser';
import type { RunningEngine } from './support/engine-process';
import { startEngine } from './support/engine-process';
import { FormPage } from './pages/form.page';
import { ParametersPage } from './pages/parameters.page';
import { ShellPage } from './pages/shell.page';
import { SignInPage } from './pages/sign-in.page';

const VISIT_REPORT = '信息上报';
const TEMPERATURE = '体温(℃)';
const FEVER_THRESHOLD = 'patient-visit-report/feverThreshold';

describe('the designer in Chromium against a real engine', () => {
  let engine: RunningEngine;
  let browser: Browser;
  const opened: { page: Page; faults: PageFaults }[] = [];

  beforeAll(async () => {
    const reuse = process.env['DESIGNER_E2E_BASE_URL']; // a running engine, while developing
    engine = reuse ? { baseUrl: reuse, stop: async () => undefined } : await startEngine();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  afterEach(() => {
    // Every page ran under the engine's CSP (no 'unsafe-eval'): the safe compiler must be all it used.
    for (const { faults } of opened.splice(0)) {
      expect(faults.cspViolations).toEqual([]);
      expect(faults.errors).toEqual([]);
    }
  });

  async function signedIn(username: string) {
    const session = await openPage(browser);
    opened.push(session);
    const signIn = new SignInPage(session.page);
    await signIn.open(engine.baseUrl);
    await signIn.signIn(username);
    await new ShellPage(session.page).account().waitFor();
    return session.page;
  }

  it('shows the engine’s Chinese message for a wrong password', async () => {
    const session = await openPage(browser);
    opened.push(session);
    const sut = new SignInPage(session.page);
    await sut.open(engine.baseUrl);
    await sut.signIn('demo-policy-editor', 'not-the-password');
    await sut.error().waitFor();
    expect(await sut.error().textContent()).toContain('用户名或密码错误');
    await screenshot(session.page, '01-wrong-password');
  });

  it('lets a policy editor open the visit report and see the fever rule act as they type', async () => {
    const page = await signedIn('demo-policy-editor');
    const shell = new ShellPage(page);
    expect(await shell.menuItem('表单').isVisible()).toBe(true);
    expect(await shell.menuItem('参数设置').count()).toBe(0);
    await page.getByTestId('forms-table').getByText(VISIT_REPORT).waitFor();
    await screenshot(page, '02-forms-list');
    await shell.switchLanguage('English');
    await page.getByText('Published forms').waitFor();
    await page.getByTestId('forms-table').getByText('Patient visit report').waitFor();
    await screenshot(page, '02-forms-list-english');
    await shell.switchLanguage('中文');
    await page.getByText('已发布的表单').waitFor();

    const sut = new FormPage(page);
    await sut.openFromList(VISIT_REPORT);
    expect(await sut.isRequired('现住址')).toBe(false);
    expect(await sut.isRequired('转诊机构')).toBe(false);

    await sut.typeNumber(TEMPERATURE, '38.5');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-rule="feverReferral"]')?.getAttribute('data-holds') ===
        'true',
    );
    expect(await sut.isRequired('现住址')).toBe(true);
    expect(await sut.isRequired('转诊机构')).toBe(true);
    await sut.checkAnswers();
    await sut.item('转诊机构').getByText('该字段是必填字段').waitFor();
    expect(await sut.item('现住址').textContent()).toContain('该字段是必填字段');
    await sut.item('现住址').scrollIntoViewIfNeeded();
    await screenshot(page, '03-preview-fever');

    await sut.showTab('定义（JSON）');
    expect(await page.getByTestId('definition-json').textContent()).toContain('"feverThreshold"');
    await sut.showTab('版本');
    await page.getByTestId('versions-table').getByText('第 1 版').waitFor();
  });

  it('lets a province admin raise the fever threshold, publishing a version the preview then follows', async () => {
    const page = await signedIn('demo-province-admin');
    const sut = new ParametersPage(page);
    await sut.open();
    expect(await sut.value(FEVER_THRESHOLD).textContent()).toBe('37.3 °C');
    expect(await sut.version(FEVER_THRESHOLD).textContent()).toBe('第 1 版');

    await sut.setValue(FEVER_THRESHOLD, '50');
    await sut.error().waitFor();
    expect(await sut.error().textContent()).toContain('不能大于 42');
    await screenshot(page, '04-parameter-refused');

    await sut.setValue(FEVER_THRESHOLD, '38.0');
    await sut.published().waitFor();
    expect(await sut.published().textContent()).toBe(`已发布“${VISIT_REPORT}”第 2 版`);
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-testid="parameter-version-${id}"]`)?.textContent ===
        '第 2 版',
      FEVER_THRESHOLD,
    );
    expect(await sut.value(FEVER_THRESHOLD).textContent()).toBe('38 °C');
    const history = await sut.showHistory(FEVER_THRESHOLD);
    await history.getByText('第 2 版：38 °C').waitFor();
    expect(await history.textContent()).toContain('第 1 版：37.3 °C');
    await screenshot(page, '05-parameter-published');

    await new ShellPage(page).menuItem('表单').click();
    const form = new FormPage(page);
    await form.openFromList(VISIT_REPORT);
    expect(await form.parametersLine().textContent()).toContain('发热阈值 38 °C');
    await form.typeNumber(TEMPERATURE, '37.6');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-rule="feverReferral"]')?.getAttribute('data-holds') ===
        'false',
    );
    expect(await form.isRequired('现住址')).toBe(false);
    await screenshot(page, '06-preview-new-threshold');
  });

  it('tells a doctor the console is not for their role, instead of a blank screen', async () => {
    const page = await signedIn('demo-doctor');
    const shell = new ShellPage(page);
    await shell.notForYourRole().waitFor();
    expect(await shell.notForYourRole().textContent()).toContain(
      '这个控制台暂时只对政策编辑和省级管理员开放',
    );
    await screenshot(page, '07-not-for-your-role');
    await shell.signOut();
    await new SignInPage(page).error().or(page.getByLabel('用户名或手机号')).waitFor();
  });
});
