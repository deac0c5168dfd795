/** <ll-workshop>: embed snippets with this server's address, copy buttons, previews loaded on open. */
import { copyText } from '../shared/clipboard.ts';

const ADDRESS_KEY = 'leaklab:workshop-address';
const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\]|::1)$/i;
// An IPv4/IPv6 address or a host name: no scheme, no port, no path.
const HOST = /^(?:[\w-]+(?:\.[\w-]+)*|\[[\da-f:]+\])$/i;

function savedAddress(): string | null {
  try {
    return localStorage.getItem(ADDRESS_KEY);
  } catch {
    return null;
  }
}

function originFor(host: string): string {
  return `${location.protocol}//${host}${location.port ? `:${location.port}` : ''}`;
}

class LlWorkshop extends HTMLElement {
  private built = '';
  private current = '';

  /** Points every snippet (and the note above them) at `origin`. */
  private useOrigin(origin: string): void {
    const from = this.current || this.built;
    for (const code of this.querySelectorAll<HTMLElement>('[data-snippet]')) {
      code.textContent = (code.textContent ?? '').replace(`src="${from}`, `src="${origin}`);
    }
    this.current = origin;
    const note = document.querySelector<HTMLElement>('[data-origin-note]');
    if (note) note.textContent = (note.dataset.template ?? '').replace('{origin}', origin);
    const status = document.querySelector<HTMLElement>('[data-addr-status]');
    const box = document.querySelector<HTMLElement>('[data-addr]');
    if (status && box) status.textContent = (box.dataset.inUse ?? '').replace('{origin}', origin);
  }

  /**
   * Opened on the laptop itself (127.0.0.1, localhost), snippets would point learners at their own
   * machines. Ask the server for its network addresses (/api/addresses, when it has that), else
   * say how to find one; either way the instructor picks or types the address, and it is kept.
   */
  private async offerAddresses(): Promise<void> {
    const box = document.querySelector<HTMLElement>('[data-addr]');
    if (!box) return;
    const loopback = LOOPBACK.test(location.hostname);
    const found = await fetch('/api/addresses', { signal: AbortSignal.timeout(3000) })
      .then((r) => (r.ok ? r.json() : null))
      .then((j: unknown) => {
        const list = (j as { addresses?: unknown } | null)?.addresses;
        return Array.isArray(list)
          ? list
              .map((a) => (typeof a === 'string' ? a : (a as { address?: unknown })?.address))
              .filter((a): a is string => typeof a === 'string' && HOST.test(a))
          : [];
      })
      .catch(() => [] as string[]);
    if (!loopback && !found.length && !savedAddress()) return;
    box.hidden = false;
    const warn = box.querySelector<HTMLElement>('[data-loopback]')!;
    if (loopback) {
      warn.hidden = false;
      warn.textContent = (warn.dataset.template ?? '').replace('{host}', location.host);
    }
    const input = box.querySelector<HTMLInputElement>('input[name="address"]')!;
    input.value = savedAddress() ?? '';
    const apply = (host: string) => {
      try {
        localStorage.setItem(ADDRESS_KEY, host);
      } catch {
        // Storage blocked: the address lasts for this page.
      }
      input.value = host;
      this.useOrigin(originFor(host));
    };
    if (found.length) {
      box.querySelector<HTMLElement>('[data-found]')!.hidden = false;
      const list = box.querySelector<HTMLElement>('[data-found-list]')!;
      for (const address of found) {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.pick = address;
        b.textContent = originFor(address.includes(':') && !address.startsWith('[') ? `[${address}]` : address);
        b.addEventListener('click', () => apply(address));
        li.append(b);
        list.append(li);
      }
      if (loopback && !savedAddress() && found.length === 1) apply(found[0]!);
    } else box.querySelector<HTMLElement>('[data-find]')!.hidden = false;
    box.querySelector<HTMLFormElement>('[data-addr-form]')!.addEventListener('submit', (e) => {
      e.preventDefault();
      const host = input.value
        .trim()
        .replace(/^https?:\/\//, '')
        .replace(/[:/].*$/, '');
      const status = box.querySelector<HTMLElement>('[data-addr-status]')!;
      if (!HOST.test(host) || LOOPBACK.test(host)) {
        status.textContent = box.dataset.invalid ?? '';
        return;
      }
      apply(host);
    });
  }

  connectedCallback(): void {
    if (this.dataset.ready) return;
    this.dataset.ready = 'true';
    this.built = this.dataset.origin ?? '';
    this.useOrigin(savedAddress() ? originFor(savedAddress()!) : location.origin);
    void this.offerAddresses();

    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-copy]');
      if (button) void this.copy(button);
    });
    for (const details of this.querySelectorAll<HTMLDetailsElement>('[data-preview]')) {
      details.addEventListener('toggle', () => {
        const frame = details.querySelector<HTMLIFrameElement>('iframe[data-src]');
        if (details.open && frame && !frame.getAttribute('src')) frame.src = frame.dataset.src!;
      });
    }
  }

  private async copy(button: HTMLButtonElement): Promise<void> {
    const code = button.parentElement!.querySelector<HTMLElement>('[data-snippet]')!;
    const label = button.textContent;
    // copyText falls back to the selection command: workshops are often served over plain http.
    if (await copyText(code.textContent ?? '')) button.textContent = this.dataset.copied ?? 'Copied';
    else {
      // Selected for the learner, so Ctrl+C is all that is left to do.
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      button.textContent = this.dataset.copyFailed ?? 'Copy with Ctrl+C';
    }
    // The failure asks for a keypress; leave it up long enough to read.
    setTimeout(
      () => (button.textContent = label),
      button.textContent === label ? 0 : this.dataset.copyFailed === button.textContent ? 6000 : 2000,
    );
  }
}

if (!customElements.get('ll-workshop')) customElements.define('ll-workshop', LlWorkshop);
