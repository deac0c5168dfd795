/** <ll-workshop>: embed snippets with this server's address, copy buttons, previews loaded on open. */
class LlWorkshop extends HTMLElement {
  connectedCallback(): void {
    if (this.dataset.ready) return;
    this.dataset.ready = 'true';
    const built = this.dataset.origin ?? '';
    const origin = location.origin;
    // Served from a LAN address or a real host: snippets should point at it, not the build's site URL.
    if (origin !== built && /^https?:/.test(origin)) {
      for (const code of this.querySelectorAll<HTMLElement>('[data-snippet]')) {
        code.textContent = (code.textContent ?? '').replace(`src="${built}`, `src="${origin}`);
      }
    }
    const note = document.querySelector<HTMLElement>('[data-origin-note]');
    if (note) note.textContent = (note.dataset.template ?? '').replace('{origin}', origin);

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
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      button.textContent = this.dataset.copied ?? 'Copied';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      button.textContent = this.dataset.copyFailed ?? 'Copy with Ctrl+C';
    }
    setTimeout(() => (button.textContent = label), 2000);
  }
}

if (!customElements.get('ll-workshop')) customElements.define('ll-workshop', LlWorkshop);
