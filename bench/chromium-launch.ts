/**
 * Launches Debian's Chromium for bench:switch without Chromium's own browser UI pages.
 *
 * Each window of a headless Chromium 156 keeps two omnibox-popup WebUI pages
 * (chrome://omnibox-popup.top-chrome), each in a renderer process of its own. With one window per
 * screen page that is 24 renderers the screen app never has (Electron shows no omnibox). In a
 * 12-page bench:switch run traced with `perf sched` (2026-12-06) they used 22 % of one core, half
 * as much as the twelve screen pages themselves, on the two cores the pages are measured on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

/** The features behind those popups (`WebUIOmniboxPopup` and its two variants). */
export const BROWSER_UI_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
] as const;

const DISABLE_FEATURES = '--disable-features=';

/** The `--disable-features` list of a Chromium this process launched, read from /proc. */
function launchedDisabledFeatures(): string[] {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    let args: string[];
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // Gone since the listing.
    }
    // The parent pid is the second field after the command name, which may contain spaces.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent !== process.pid || !args.includes('--remote-debugging-pipe')) continue;
    const flag = args.findLast((arg) => arg.startsWith(DISABLE_FEATURES));
    return flag ? flag.slice(DISABLE_FEATURES.length).split(',').filter(Boolean) : [];
  }
  throw new Error('could not find the launched Chromium among this process’s children');
}

/**
 * Chromium obeys only the last `--disable-features`, and Playwright passes its own list (which
 * matters: it turns off paint holding, for one). So a first launch reads Playwright's list from
 * the browser's command line, and the real launch passes it again with BROWSER_UI_FEATURES added.
 */
export async function launchWithoutBrowserUi(
  executablePath: string,
  args: readonly string[],
): Promise<{ browser: Browser; disabledFeatures: string[] }> {
  const probe = await chromium.launch({ executablePath, args: [...args] });
  let playwrights: string[];
  try {
    playwrights = launchedDisabledFeatures();
  } finally {
    await probe.close();
  }
  const disabledFeatures = [...new Set([...playwrights, ...BROWSER_UI_FEATURES])];
  const browser = await chromium.launch({
    executablePath,
    args: [...args, `${DISABLE_FEATURES}${disabledFeatures.join(',')}`],
  });
  return { browser, disabledFeatures };
}

/** How many Chromium browser-UI (top-chrome WebUI) renderers run on this machine right now. */
export function browserUiRenderers(): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('--type=renderer') && args.includes('--top-chrome-webui')) count += 1;
    } catch {
      // Gone since the listing.
    }
  }
  return count;
}
