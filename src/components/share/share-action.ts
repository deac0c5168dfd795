/**
 * The Share action of a snippet: encodes its current code (and the program or exercise it came
 * from) into a /play/ link, copies it, and says so next to the button. Loaded on first click.
 */
import { format, localeFromPath, localePrefix } from '../../i18n/index.ts';
import { progressStrings } from '../../i18n/strings/progress.ts';
import { createProgressStore } from '../../lib/progress/store.ts';
import { browserStorage } from '../shared/storage.ts';
import { copyText } from '../shared/clipboard.ts';
import { isTooLongForSharing, MAX_SHARED_SOURCE_BYTES, SHARE_URL_SOFT_LIMIT, shareUrl } from '../../lib/share/codec.ts';

interface SnippetLike extends HTMLElement {
  config?: { id: string; original: string };
  /** Offered by the playground element when it can report the editor's live text. */
  getCode?: () => string;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The snippet's code as the learner sees it. */
export function snippetCode(el: SnippetLike): string {
  if (typeof el.getCode === 'function') return el.getCode();
  const cfg = el.config ?? (JSON.parse(el.dataset.config ?? '{}') as { id: string; original: string });
  return createProgressStore({ storage: browserStorage() }).getSnippet(cfg.id) ?? cfg.original;
}

export async function shareSnippet(el: SnippetLike, button: HTMLElement): Promise<string | null> {
  const locale = localeFromPath(location.pathname);
  const t = progressStrings[locale];
  const cfg = el.config ?? (JSON.parse(el.dataset.config ?? '{}') as { id: string });
  const from = el.dataset.shareFrom ?? (cfg.id.startsWith('play') ? undefined : cfg.id);
  const base = new URL(`${localePrefix(locale)}/play/`, location.href).href;
  const res = shareUrl(base, { code: snippetCode(el), ...(from ? { from } : {}) });

  // Next to the button (the /play/ page has its own), or the line under the snippet's toolbar.
  const bar = button.closest('.lp-bar');
  let status =
    button.parentElement?.querySelector<HTMLElement>(':scope > [data-share-status]') ??
    (bar?.nextElementSibling?.matches('[data-share-status]') ? (bar.nextElementSibling as HTMLElement) : null);
  if (!status) {
    status = document.createElement('div');
    status.className = 'll-share-status';
    status.dataset.shareStatus = '';
    status.setAttribute('role', 'status');
    if (bar) bar.after(status);
    else button.after(status);
  }
  status.replaceChildren();
  if (!res.ok || !res.url) {
    status.textContent = format(t.shareTooLarge, { size: kb(res.ok ? 0 : res.bytes), limit: kb(MAX_SHARED_SOURCE_BYTES) });
    return null;
  }
  const url = res.url;
  // copyText falls back to the selection command on plain http (a workshop LAN address).
  const copied = await copyText(url);
  const p = document.createElement('p');
  p.textContent = copied ? t.shareCopied : t.shareCopyFailed;
  status.append(p);
  if (!copied) {
    const input = document.createElement('input');
    input.type = 'text';
    input.readOnly = true;
    input.value = url;
    input.className = 'll-share-url';
    input.setAttribute('aria-label', t.shareLinkLabel);
    status.append(input);
    input.focus();
    input.select();
  }
  if (isTooLongForSharing(url)) {
    const warn = document.createElement('p');
    warn.className = 'll-share-warn';
    warn.textContent = format(t.shareTooLong, {
      length: url.length.toLocaleString(locale),
      limit: SHARE_URL_SOFT_LIMIT.toLocaleString(locale),
    });
    status.append(warn);
  }
  status.dataset.url = url;
  // A plain "copied" needs no reading twice; warnings and the manual-copy field stay.
  if (copied && !isTooLongForSharing(url) && bar) {
    const shown = status;
    setTimeout(() => shown.dataset.url === url && shown.remove(), 6000);
  }
  return url;
}
