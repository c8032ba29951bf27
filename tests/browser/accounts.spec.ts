import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parseCsv } from '../helpers/csv';
import { ADMIN, expect, logIn, screenshotPath, test } from './fixtures';

const TABLET = { width: 768, height: 1024 };

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`${name}.png`), fullPage: true });
}

/** Logs in through the form, as a person would. */
async function logInWithForm(page: Page, username: string, password: string) {
  const form = page.getByTestId('login-form');
  await form.getByLabel(/User name|用户名/).fill(username);
  await form.getByLabel(/^(Password|密码)$/).fill(password);
  await form.getByRole('button', { name: /Log in|登录/ }).click();
}

test('first run: the setup page creates the administrator, then login and logout work', async ({
  page,
  startHall,
}) => {
  const controller = await startHall({ initialAdmin: undefined });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(controller.url);
  await expect(
    page.getByRole('heading', { name: 'Welcome to HallCue', exact: true }),
  ).toBeVisible();
  // Nothing of the hall is shown before an account exists.
  await expect(page.locator('.theme-key')).toHaveCount(0);
  await shoot(page, 'setup-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '欢迎使用 HallCue', exact: true })).toBeVisible();
  await shoot(page, 'setup-zh');
  await page.setViewportSize(TABLET);
  await shoot(page, 'setup-zh-tablet');
  await page.getByRole('button', { name: 'English' }).click();

  const form = page.getByTestId('setup-form');
  await form.getByLabel('Password', { exact: true }).fill('short');
  await form.getByLabel('Password again').fill('short');
  await form.getByRole('button', { name: 'Create administrator' }).click();
  await expect(form.getByRole('alert')).toHaveText('The password needs at least 10 characters.');
  await form.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await form.getByLabel('Password again').fill(ADMIN.password);
  await form.getByRole('button', { name: 'Create administrator' }).click();

  await expect(page.getByTestId('signed-in-as')).toHaveText('admin · Administrator');
  await expect(page.locator('.connection')).toContainText('connected');
  await expect(page.locator('.theme-key').first()).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in', exact: true })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, 'login-en');

  await logInWithForm(page, 'admin', 'not the password');
  await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await shoot(page, 'login-zh');
  await page.setViewportSize(TABLET);
  await shoot(page, 'login-zh-tablet');
  await page.getByRole('button', { name: 'English' }).click();

  await logInWithForm(page, 'ADMIN', ADMIN.password);
  await expect(page.getByTestId('signed-in-as')).toHaveText('admin · Administrator');
});

test('too many wrong passwords lock the login with a readable wait', async ({
  page,
  startHall,
}) => {
  const controller = await startHall();
  await page.context().clearCookies();
  await page.goto(controller.url);
  for (let i = 0; i < 5; i++) {
    await logInWithForm(page, 'admin', `wrong ${i}`);
    await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
  }
  await logInWithForm(page, 'admin', ADMIN.password);
  await expect(page.getByRole('alert')).toHaveText(
    /^Too many failed logins\. Try again in 1[45] minutes\.$/,
  );
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});

test('roles: an operator sees no pack management, and the controller refuses it anyway', async ({
  page,
  browser,
  startHall,
}) => {
  const controller = await startHall();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(controller.url);
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const create = page.getByTestId('create-account');
  await create.getByLabel('User name').fill('olga');
  await create.getByLabel('Password').fill('operator password 1');
  await create.getByLabel('Role').selectOption('operator');
  await create.getByRole('button', { name: 'Create account' }).click();
  const row = page.locator('tr[data-account="olga"]');
  await expect(row).toContainText('Operator');
  await expect(row).toContainText('never logged in');

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const operator = await context.newPage();
  await operator.goto(controller.url);
  await logInWithForm(operator, 'olga', 'operator password 1');
  await expect(operator.getByTestId('signed-in-as')).toHaveText('olga · Operator');
  await expect(operator.locator('.theme-key').first()).toBeVisible();
  // No library, no delete button, no administration tabs, no approve/revoke.
  await expect(operator.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(operator.getByTestId('drop-zone')).toHaveCount(0);
  await expect(operator.getByText('Only curators and administrators manage packs.')).toBeVisible();
  await expect(operator.getByRole('tab')).toHaveText(['Hall', 'Hall view', 'My account']);
  // The operator can still switch.
  await operator.keyboard.press('2');
  await expect(operator.locator('.theme-key[data-key="2"]')).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // And the controller refuses what the page hides.
  const upload = await operator.request.post(`${controller.url}/api/packs`, { data: 'x' });
  expect(upload.status()).toBe(403);
  expect(((await upload.json()) as { error: string }).error).toBe(
    'uploading packs needs the curator role; olga is an operator',
  );
  expect((await operator.request.get(`${controller.url}/api/accounts`)).status()).toBe(403);
  const refusal = await operator.evaluate(async () => {
    const res = await fetch('/api/accounts/1', { method: 'DELETE' });
    return res.status;
  });
  expect(refusal).toBe(403);
  await shoot(operator, 'console-operator-en');

  // Anyone can change their own password, given the current one.
  await operator.getByRole('tab', { name: 'My account' }).click();
  const change = operator.getByTestId('change-password');
  await change.getByLabel('Current password').fill('not it at all');
  await change.getByLabel('New password').fill('olga new password');
  await change.getByLabel('Password again').fill('olga new password');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(operator.getByRole('alert')).toHaveText('The current password is not right.');
  await change.getByLabel('Current password').fill('operator password 1');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(operator.getByRole('alert')).toHaveText('Your password was changed.');
  await operator.getByRole('tab', { name: 'Hall', exact: true }).click();

  // An administrator demotes nobody below the last administrator, and the accounts page shows why.
  await page.reload();
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await page
    .locator('tr[data-account="admin"]')
    .getByLabel('role of admin')
    .selectOption('curator');
  await expect(page.getByRole('alert')).toHaveText(
    'This is the last active administrator. Make another administrator first.',
  );
  await shoot(page, 'accounts-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '账户', exact: true })).toBeVisible();
  await shoot(page, 'accounts-zh');
  await page.setViewportSize(TABLET);
  await shoot(page, 'accounts-zh-tablet');
  await page.getByRole('button', { name: 'English' }).click();

  // Disabling olga closes her console and sends her back to the login.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('tr[data-account="olga"]').getByRole('button', { name: 'Disable' }).click();
  await expect(operator.getByRole('heading', { name: 'Log in', exact: true })).toBeVisible();
  await expect(operator.getByText('Your session has ended. Please log in again.')).toBeVisible();
  await page.locator('tr[data-account="olga"]').getByRole('button', { name: 'Enable' }).click();
  await logInWithForm(operator, 'olga', 'olga new password');
  await expect(operator.getByTestId('signed-in-as')).toHaveText('olga · Operator');
  await context.close();
});

test('API tokens: created in the console and shown once, used over HTTP, revoked', async ({
  page,
  startHall,
}) => {
  const controller = await startHall();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(controller.url);
  await page.getByRole('tab', { name: 'API tokens' }).click();
  const form = page.getByTestId('create-token');
  await form.getByLabel('Name').fill('door button box');
  await form.getByLabel('Role').selectOption('operator');
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('token-value').innerText()).trim();
  expect(token).toMatch(/^hct_[A-Za-z0-9_-]{43}$/);
  await shoot(page, 'tokens-new-en');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('token-value')).toHaveCount(0);

  const activate = (bearer: string) =>
    page.request.post(`${controller.url}/api/themes/3/activate`, {
      headers: { Authorization: `Bearer ${bearer}` },
    });
  const answer = await activate(token);
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ ok: true, data: { key: '3', revision: 1 } });
  await page.getByRole('tab', { name: 'Hall', exact: true }).click();
  await expect(page.locator('.theme-key[data-key="3"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.history-meta.dim').first()).toHaveText(
    'revision 1 · token door button box',
  );

  await page.getByRole('tab', { name: 'API tokens' }).click();
  const row = page.locator('tr[data-token="door button box"]');
  await expect(row).not.toContainText('never');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(row).toContainText('revoked');
  expect((await activate(token)).status()).toBe(401);
  await shoot(page, 'tokens-en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: 'API 令牌', exact: true })).toBeVisible();
  await shoot(page, 'tokens-zh');
  await page.setViewportSize(TABLET);
  await shoot(page, 'tokens-zh-tablet');
});

test('the audit log records setup, login, switch, publish, approve and revoke, and exports CSV', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall({ initialAdmin: undefined, trustLoopback: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(controller.url);
  const setup = page.getByTestId('setup-form');
  await setup.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await setup.getByLabel('Password again').fill(ADMIN.password);
  await setup.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.locator('.connection')).toContainText('connected');

  // Switch by key, publish a pack version, approve and revoke a screen.
  await page.keyboard.press('1');
  await expect(page.locator('.theme-key[data-key="1"]')).toHaveAttribute('aria-pressed', 'true');
  const packRow = page.locator('tr[data-pack]').first();
  await packRow.getByLabel('theme key').selectOption('9');
  await packRow.getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('.theme-key[data-key="9"]')).toBeVisible();
  const screen = await openScreen(controller.url, 'foyer');
  const code = (await screen.getByTestId('pairing-code').innerText()).replace(/\s/g, '');
  const screenRow = page.locator('.screen[data-screen="foyer"]');
  await screenRow.getByLabel('pairing code shown on foyer').fill(code);
  await screenRow.getByRole('button', { name: 'Approve' }).click();
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '1');
  await screenRow.getByRole('button', { name: 'Revoke' }).click();
  await screenRow.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(screenRow).toContainText('revoked');

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const table = page.locator('table.audit');
  for (const action of [
    'account.setup',
    'account.login',
    'hall.switch',
    'theme.publish',
    'screen.approve',
    'screen.revoke',
  ]) {
    await expect(table.locator(`tr[data-action="${action}"]`).first()).toContainText('admin');
  }
  await expect(table.locator('tr[data-action="hall.switch"]')).toContainText('127.0.0.1');
  await expect(table.locator('tr[data-action="hall.switch"]')).toContainText('Hall switched');
  await shoot(page, 'audit-en');

  await page.getByLabel('Action').selectOption('screen.approve');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('name: foyer');
  await page.getByLabel('Action').selectOption('');
  await page.getByLabel('User').selectOption('admin');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  expect(rows[0]).toEqual(['id', 'time_utc', 'actor', 'address', 'action', 'detail']);
  const actions = rows.slice(1).map((r) => r[4]);
  expect(actions).toEqual(
    expect.arrayContaining([
      'account.setup',
      'account.login',
      'hall.switch',
      'theme.publish',
      'screen.approve',
      'screen.revoke',
    ]),
  );
  expect(rows.slice(1).every((r) => r[2] === 'admin' && r.length === 6)).toBe(true);

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '审计日志', exact: true })).toBeVisible();
  await expect(table.locator('tr[data-action="hall.switch"]')).toContainText('切换展厅');
  await shoot(page, 'audit-zh');
  await page.setViewportSize(TABLET);
  await shoot(page, 'audit-zh-tablet');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('tab', { name: '展厅', exact: true }).click();
  await shoot(page, 'console-zh');
});

test('the chosen language is remembered with the account, not just the browser', async ({
  page,
  browser,
  startHall,
}) => {
  const controller = await startHall();
  await page.goto(controller.url);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('tab', { name: '展厅', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // A fresh browser (English by default) follows the account once logged in.
  const context = await browser.newContext({ locale: 'en-US' });
  const other = await context.newPage();
  await logIn(other, controller.url);
  await other.goto(controller.url);
  await expect(other.getByRole('button', { name: '退出登录' })).toBeVisible();
  await expect(other.locator('.theme-key .armed').first()).toContainText(/屏幕|没有在线屏幕/);
  await context.close();
});
